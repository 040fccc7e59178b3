package model

import (
	"errors"
	"fmt"
)

// Error codes. Each says what kind of failure happened, so that callers can
// decide what to do (show the message, ask to sign in, offer to resolve a
// conflict) without parsing text.
const (
	ECONFLICT  = "conflict"  // someone else changed the record first
	EINTERNAL  = "internal"  // a fault the user cannot fix
	EINVALID   = "invalid"   // the input breaks a rule
	ENOTFOUND  = "not_found" // no such record
	EFORBIDDEN = "forbidden" // the caller lacks the permission
	EUNAUTH    = "unauthorized"
	EFORMAT    = "format" // a file is not what it claims to be
)

// Error is a failure with a code and a message meant for a person. Field,
// when set, names the input the message is about.
type Error struct {
	Code    string
	Message string
	Field   string
	// Details lists every problem when one call found several.
	Details []*Error
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one input field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the person's message of the first *Error in err's
// chain, or a generic message for an internal error (whose details belong in
// the log, not on screen).
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Error()
	}
	return "Something went wrong inside GroupDesk. The details are in the log."
}

// Problems collects several field errors, for forms and imports that report
// every problem at once rather than the first.
type Problems []*Error

// Add appends a field error.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError(field, format, args...))
}

// Err returns nil when there are no problems, and otherwise an EINVALID error
// listing them.
func (p Problems) Err() error {
	switch len(p) {
	case 0:
		return nil
	case 1:
		return p[0]
	}
	return &Error{Code: EINVALID, Message: fmt.Sprintf("%s (and %d more problems)", p[0].Error(), len(p)-1), Details: p}
}
