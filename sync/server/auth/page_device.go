package auth

import (
	"net/http"
	"strings"
)

// The device-code entry page (RFC 8628 §3.3): the person types the code
// GroupDesk shows and signs in; the app, polling, then gets its tokens.

func (s *Server) deviceForm(w http.ResponseWriter, r *http.Request) {
	p := newPage("Connect GroupDesk")
	p.Values["user_code"] = r.URL.Query().Get("user_code")
	s.render(w, http.StatusOK, "device", p)
}

func (s *Server) device(w http.ResponseWriter, r *http.Request) {
	p := newPage("Connect GroupDesk")
	code := strings.TrimSpace(r.PostFormValue("user_code"))
	p.Values["user_code"], p.Values["email"] = code, strings.TrimSpace(r.PostFormValue("email"))
	_, err := s.db.PendingDeviceAuth(r.Context(), code)
	if err == nil {
		u, err2 := s.signIn(r.Context(), p.Values["email"], r.PostFormValue("password"))
		if err = err2; err == nil {
			err = s.db.ApproveDevice(r.Context(), code, u.ID)
		}
		if err == nil {
			s.showMessage(w, http.StatusOK, "GroupDesk is connected",
				"GroupDesk is now signed in as "+u.Name+".", "You can close this page and go back to GroupDesk.")
			return
		}
	}
	p.fail(err)
	s.render(w, status(err), "device", p)
}
