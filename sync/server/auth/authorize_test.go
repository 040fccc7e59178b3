package auth_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"golang.org/x/oauth2"
)

func TestAuthorizeRequiresPKCES256(t *testing.T) {
	env := authtest.Start(t)
	verifier := oauth2.GenerateVerifier()
	for name, q := range map[string]url.Values{
		"without a code challenge": {},
		"with the plain method":    {"code_challenge": {verifier}, "code_challenge_method": {"plain"}},
		"without a method (plain)": {"code_challenge": {oauth2.S256ChallengeFromVerifier(verifier)}},
	} {
		t.Run(name, func(t *testing.T) {
			resp, _ := get(t, authorizeURL(env, q))
			loc := location(t, resp)
			if loc.Path != "/callback" || loc.Query().Get("error") != "invalid_request" || loc.Query().Get("code") != "" {
				t.Fatalf("got %s %s, want the app told invalid_request", resp.Status, loc)
			}
		})
	}
}

func TestAuthorizeRedirectURIs(t *testing.T) {
	env := authtest.Start(t)
	pkce := url.Values{"code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())},
		"code_challenge_method": {"S256"}}
	for _, tc := range []struct {
		redirect string
		ok       bool
	}{
		{"http://127.0.0.1:49152/callback", true},
		{"http://127.0.0.1:8080/callback", true},
		{"http://[::1]:50000/callback", true},
		{"http://evil.example/callback", false},
		{"https://evil.example:443/callback", false},
		{"http://localhost:49152/callback", false},
		{"http://127.0.0.1:49152/elsewhere", false},
		{"groupdesk://callback", false},
	} {
		t.Run(tc.redirect, func(t *testing.T) {
			q := url.Values{"redirect_uri": {tc.redirect}}
			for k, v := range pkce {
				q[k] = v
			}
			resp, body := get(t, authorizeURL(env, q))
			switch {
			case tc.ok && (resp.StatusCode != http.StatusFound || location(t, resp).Path != "/login"):
				t.Fatalf("refused: %s %s", resp.Status, body)
			case !tc.ok && resp.StatusCode != http.StatusBadRequest:
				t.Fatalf("accepted: %s %s", resp.Status, resp.Header.Get("Location"))
			case !tc.ok && resp.Header.Get("Location") != "":
				t.Fatalf("redirected to %s", resp.Header.Get("Location"))
			}
		})
	}
}
