package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// statusFor maps a domain error code to an HTTP status.
func statusFor(code string) int {
	switch code {
	case model.EINVALID, model.EFORMAT:
		return http.StatusBadRequest
	case model.EUNAUTH:
		return http.StatusUnauthorized
	case model.EFORBIDDEN:
		return http.StatusForbidden
	case model.ENOTFOUND:
		return http.StatusNotFound
	case model.ECONFLICT:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// fail answers with the problem document of an error; internal errors are
// logged and answered without their details.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var sent *answerCutShort
	if errors.As(err, &sent) {
		// The answer had begun (its status is sent); a problem document
		// cannot follow it. The client went away or the connection broke.
		s.logger().Info("answer cut short", "method", r.Method, "path", r.URL.Path, "err", sent.err)
		return
	}
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		s.problem(w, r, http.StatusRequestEntityTooLarge, model.Errorf(model.EINVALID, "The request body is larger than %d bytes.", mb.Limit))
		return
	}
	code := model.ErrorCode(err)
	if code == model.EINTERNAL {
		s.logger().Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	s.problem(w, r, statusFor(code), err)
}

// problem writes an RFC 9457 problem document.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, status int, err error) {
	p := api.Problem{
		Type:     "about:blank",
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   model.ErrorMessage(err),
		Instance: r.URL.Path,
		Code:     model.ErrorCode(err),
	}
	var me *model.Error
	if errors.As(err, &me) {
		for _, d := range me.Details {
			p.Errors = append(p.Errors, api.FieldProblem{Field: d.Field, Detail: d.Message})
		}
		if me.Field != "" && len(p.Errors) == 0 {
			p.Errors = []api.FieldProblem{{Field: me.Field, Detail: me.Message}}
		}
	}
	w.Header().Set("Content-Type", api.ProblemContentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// writeJSON answers 200 (or status) with a JSON body.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		return &answerCutShort{err}
	}
	return nil
}

// answerCutShort is an answer that failed after its status was sent.
type answerCutShort struct{ err error }

func (e *answerCutShort) Error() string { return "writing the answer: " + e.err.Error() }
func (e *answerCutShort) Unwrap() error { return e.err }

// readJSON decodes a request body strictly: a size limit, no unknown
// fields, one JSON value.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, api.MaxBodyBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return model.Errorf(model.EINVALID, "The request body is not valid JSON for this endpoint: %v", err)
	}
	if dec.More() {
		return model.Errorf(model.EINVALID, "The request body has more than one JSON value.")
	}
	return nil
}
