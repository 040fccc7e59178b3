package auth

import (
	"net/http"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// Registration with an access code: the person becomes a user with the
// code's role in the code's group.

func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	p := newPage("Register with an access code")
	p.Values["code"] = r.URL.Query().Get("code")
	s.render(w, http.StatusOK, "register", p)
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	p := newPage("Register with an access code")
	for _, f := range []string{"code", "name", "email"} {
		p.Values[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	who := model.User{Name: p.Values["name"], Email: p.Values["email"]}
	u, err := s.db.RedeemAccessCode(r.Context(), p.Values["code"], who, r.PostFormValue("password"))
	if err != nil {
		s.log.Info("registration refused", "reason", model.ErrorCode(err))
		p.fail(err)
		s.render(w, status(err), "register", p)
		return
	}
	s.log.Info("registered with an access code", "user_id", u.ID)
	s.showMessage(w, http.StatusOK, "You are registered",
		"Your online access is ready.", "Open GroupDesk and choose Sign in, with "+u.Email+".")
}
