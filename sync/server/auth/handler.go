package auth

import (
	"net/http"
)

// Handler serves the well-known metadata, the OAuth endpoints under
// /oauth/, the pages (/login, /device, /register, /designate) and their
// static assets. It is meant to be mounted at "/".
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/oauth-authorization-server", s.serveMetadata)
	mux.HandleFunc("GET /.well-known/openid-configuration", s.serveMetadata)
	mux.Handle("/oauth/", s.provider)
	mux.Handle("POST "+pathToken, grantGate(s.provider))
	mux.Handle("GET /static/", staticFiles())
	mux.Handle("GET /{$}", pageHeaders(http.HandlerFunc(s.serveHome), true))
	for _, p := range []struct {
		path string
		get  http.HandlerFunc
		post http.HandlerFunc
	}{
		{"/login", s.loginForm, s.login},
		{pathDevicePage, s.deviceForm, s.device},
		{"/designate", s.designateForm, s.designate},
		{pathRegister, s.registerForm, s.register},
	} {
		// The sign-in form's answer redirects on to the app's loopback
		// address, which CSP form-action would block.
		selfOnly := p.path != "/login"
		mux.Handle("GET "+p.path, pageHeaders(p.get, selfOnly))
		mux.Handle("POST "+p.path, pageHeaders(limitForm(p.post), selfOnly))
	}
	return mux
}

// grantGate lets through to op only the grants this service offers: op
// also knows the implicit, JWT-profile and token-exchange grants.
func grantGate(next http.Handler) http.Handler {
	allowed := map[string]bool{
		"authorization_code": true, "refresh_token": true,
		"urn:ietf:params:oauth:grant-type:device_code": true,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if g := r.PostFormValue("grant_type"); !allowed[g] {
			writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type",
				"This service offers the authorization_code, refresh_token and device_code grants.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// pageHeaders keeps the pages out of frames and caches, and their URLs
// (which name sign-in requests) out of Referer headers. formsToSelf limits
// where forms (and the redirects after them) may go to this service.
func pageHeaders(next http.Handler, formsToSelf bool) http.Handler {
	csp := "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'"
	if formsToSelf {
		csp += "; form-action 'self'"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// limitForm caps what a page's form may post.
func limitForm(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		next(w, r)
	})
}
