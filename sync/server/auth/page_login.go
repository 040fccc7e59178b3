package auth

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// The sign-in page of the authorization code flow: op sends the browser
// here with the ID of the stored request; after the password, the browser
// goes back to op's callback, which redirects to the app with the code.

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if _, err := s.db.AuthRequest(r.Context(), id); err != nil {
		s.showMessage(w, http.StatusBadRequest, "Start again from GroupDesk", model.ErrorMessage(err), "")
		return
	}
	p := newPage("Sign in")
	p.Values["id"] = id
	s.render(w, http.StatusOK, "login", p)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("id")
	if _, err := s.db.AuthRequest(r.Context(), id); err != nil {
		s.showMessage(w, http.StatusBadRequest, "Start again from GroupDesk", model.ErrorMessage(err), "")
		return
	}
	p := newPage("Sign in")
	p.Values["id"], p.Values["email"] = id, strings.TrimSpace(r.PostFormValue("email"))
	u, err := s.signIn(r.Context(), p.Values["email"], r.PostFormValue("password"))
	if err == nil {
		err = s.db.CompleteAuthRequest(r.Context(), id, u.ID)
	}
	if err != nil {
		p.fail(err)
		s.render(w, status(err), "login", p)
		return
	}
	http.Redirect(w, r, s.url(pathAuthorize+"/callback?id="+url.QueryEscape(id)), http.StatusSeeOther)
}

// signIn checks an email and password and logs the outcome: the user ID
// on success, only the kind of refusal otherwise (the email field may hold
// a mistyped password).
func (s *Server) signIn(ctx context.Context, email, password string) (model.User, error) {
	var p model.Problems
	if email == "" {
		p.Add("email", "Enter your email address.")
	}
	if password == "" {
		p.Add("password", "Enter your password.")
	}
	if err := p.Err(); err != nil {
		return model.User{}, err
	}
	u, err := s.db.CheckPassword(ctx, email, password)
	if err != nil {
		s.log.Info("sign-in refused", "reason", model.ErrorCode(err))
		return u, err
	}
	s.log.Info("signed in", "user_id", u.ID)
	return u, nil
}

func (s *Server) url(path string) string { return strings.TrimSuffix(s.cfg.Issuer, "/") + path }

func (s *Server) showMessage(w http.ResponseWriter, status int, title, message, detail string) {
	p := newPage(title)
	p.Message, p.Detail, p.Problem = message, detail, status >= 400
	s.render(w, status, "message", p)
}

func (s *Server) serveHome(w http.ResponseWriter, _ *http.Request) {
	s.render(w, http.StatusOK, "home", newPage("Online access"))
}
