package auth_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"golang.org/x/oauth2"
)

const loopback = "http://127.0.0.1:49152/callback"

// tokenResponse is the token endpoint's answer, success or error.
type tokenResponse struct {
	AccessToken      string `json:"access_token"`
	RefreshToken     string `json:"refresh_token"`
	TokenType        string `json:"token_type"`
	ExpiresIn        int    `json:"expires_in"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func authorizeURL(env *authtest.Env, q url.Values) string {
	base := url.Values{"client_id": {"groupdesk-desktop"}, "response_type": {"code"},
		"redirect_uri": {loopback}, "scope": {"sync offline_access"}, "state": {"s-123"}}
	for k, v := range q {
		base[k] = v
	}
	return env.URL + "/oauth/authorize?" + base.Encode()
}

// get fetches without following redirects.
func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := authtest.NoRedirects.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func post(t *testing.T, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp, err := authtest.NoRedirects.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func location(t *testing.T, resp *http.Response) *url.URL {
	t.Helper()
	loc, err := resp.Location()
	if err != nil {
		t.Fatalf("%s: no redirect (%s)", resp.Request.URL.Path, resp.Status)
	}
	return loc
}

// codeFlow signs in by hand through the authorization code flow and
// returns the tokens.
func codeFlow(t *testing.T, env *authtest.Env) tokenResponse {
	t.Helper()
	tok, _ := codeExchange(t, env)
	return tok
}

// codeExchange is codeFlow that also returns the code exchange it made.
func codeExchange(t *testing.T, env *authtest.Env) (tokenResponse, url.Values) {
	t.Helper()
	verifier := oauth2.GenerateVerifier()
	resp, _ := get(t, authorizeURL(env, url.Values{"code_challenge": {oauth2.S256ChallengeFromVerifier(verifier)},
		"code_challenge_method": {"S256"}}))
	login := location(t, resp)
	if login.Path != "/login" {
		t.Fatalf("authorize sent the browser to %s", login)
	}
	resp, body := post(t, env.URL+"/login", url.Values{"id": {login.Query().Get("id")},
		"email": {authtest.Email}, "password": {authtest.Password}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %s %s", resp.Status, body)
	}
	resp, _ = get(t, location(t, resp).String())
	back := location(t, resp)
	if back.Host != "127.0.0.1:49152" || back.Query().Get("state") != "s-123" || back.Query().Get("code") == "" {
		t.Fatalf("the app got %s", back)
	}
	exchange := url.Values{"grant_type": {"authorization_code"}, "code": {back.Query().Get("code")},
		"redirect_uri": {loopback}, "client_id": {"groupdesk-desktop"}, "code_verifier": {verifier}}
	tok := tokenRequest(t, env, exchange)
	if tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("code exchange: %+v", tok)
	}
	return tok, exchange
}

func tokenRequest(t *testing.T, env *authtest.Env, form url.Values) tokenResponse {
	t.Helper()
	_, body := post(t, env.URL+"/oauth/token", form)
	var tok tokenResponse
	if err := json.Unmarshal([]byte(body), &tok); err != nil {
		t.Fatalf("token endpoint: %v: %s", err, body)
	}
	return tok
}

func refresh(t *testing.T, env *authtest.Env, token string) tokenResponse {
	t.Helper()
	return tokenRequest(t, env, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {token},
		"client_id": {"groupdesk-desktop"}})
}

// authenticates reports whether the API would accept the access token.
func authenticates(env *authtest.Env, access string) bool {
	r, _ := http.NewRequest("GET", env.URL+"/v1/me", nil)
	r.Header.Set("Authorization", "Bearer "+access)
	u, err := env.Server.Authenticate(r)
	return err == nil && u.ID == env.User.ID
}

// noSecretsLogged fails the test when a secret appears in the logs or in
// the outgoing mail (where only access codes belong).
func noSecretsLogged(t *testing.T, env *authtest.Env, secrets ...string) {
	t.Helper()
	logs := env.Logs()
	for _, m := range env.Mail(t) {
		logs += m.Subject + m.Body
	}
	for _, s := range append(secrets, authtest.Password) {
		if s != "" && strings.Contains(logs, s) {
			t.Errorf("a secret (%.6s…) is in the logs", s)
		}
	}
}
