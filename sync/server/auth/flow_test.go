package auth_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"golang.org/x/oauth2"
)

func TestCodeFlowSignsIn(t *testing.T) {
	env := authtest.Start(t)
	tok, exchange := codeExchange(t, env)
	if tok.TokenType != "Bearer" || tok.ExpiresIn <= 0 {
		t.Fatalf("token response %+v", tok)
	}
	if !authenticates(env, tok.AccessToken) {
		t.Fatal("the API refuses the new access token")
	}
	t.Run("a wrong or missing bearer token is refused", func(t *testing.T) {
		if authenticates(env, "nonsense") || authenticates(env, tok.RefreshToken) {
			t.Fatal("accepted")
		}
		r, _ := http.NewRequest("GET", env.URL+"/v1/me", nil)
		if _, err := env.Server.Authenticate(r); err == nil {
			t.Fatal("accepted a request without a token")
		}
	})
	t.Run("a code works once", func(t *testing.T) {
		if again := tokenRequest(t, env, exchange); again.Error != "invalid_grant" {
			t.Fatalf("second exchange: %+v", again)
		}
	})
	t.Run("a code needs its verifier", func(t *testing.T) {
		_, exchange := codeExchange(t, env)
		exchange.Set("code_verifier", oauth2.GenerateVerifier())
		if got := tokenRequest(t, env, exchange); got.Error != "invalid_grant" {
			t.Fatalf("wrong verifier: %+v", got)
		}
	})
	t.Run("other grants are refused", func(t *testing.T) {
		got := tokenRequest(t, env, url.Values{"grant_type": {"client_credentials"}, "client_id": {"groupdesk-desktop"}})
		if got.Error != "unsupported_grant_type" {
			t.Fatalf("got %+v", got)
		}
	})
	noSecretsLogged(t, env, tok.AccessToken, tok.RefreshToken)
}

func TestRefreshRotationDetectsReuse(t *testing.T) {
	env := authtest.Start(t)
	first := codeFlow(t, env)
	second := refresh(t, env, first.RefreshToken)
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
		t.Fatalf("the refresh token did not rotate: %+v", second)
	}
	if !authenticates(env, second.AccessToken) {
		t.Fatal("the refreshed access token is refused")
	}
	reused := refresh(t, env, first.RefreshToken)
	if reused.Error != "invalid_grant" || reused.AccessToken != "" {
		t.Fatalf("reusing the old refresh token got %+v", reused)
	}
	if authenticates(env, second.AccessToken) || authenticates(env, first.AccessToken) {
		t.Fatal("the family's access tokens still work after the reuse")
	}
	if got := refresh(t, env, second.RefreshToken); got.Error != "invalid_grant" {
		t.Fatalf("the newest refresh token still works after the reuse: %+v", got)
	}
	noSecretsLogged(t, env, first.AccessToken, first.RefreshToken, second.AccessToken, second.RefreshToken)
}

func TestRevocation(t *testing.T) {
	env := authtest.Start(t)
	revoke := func(token, hint string) {
		t.Helper()
		resp, body := post(t, env.URL+"/oauth/revoke", url.Values{"token": {token}, "token_type_hint": {hint},
			"client_id": {"groupdesk-desktop"}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("revoke: %s %s", resp.Status, body)
		}
	}
	t.Run("revoking the refresh token signs out", func(t *testing.T) {
		tok := codeFlow(t, env)
		revoke(tok.RefreshToken, "refresh_token")
		if got := refresh(t, env, tok.RefreshToken); got.Error != "invalid_grant" {
			t.Fatalf("refresh after revocation: %+v", got)
		}
		if authenticates(env, tok.AccessToken) {
			t.Fatal("the access token outlived its refresh token")
		}
	})
	t.Run("revoking an access token leaves the refresh token", func(t *testing.T) {
		tok := codeFlow(t, env)
		revoke(tok.AccessToken, "access_token")
		if authenticates(env, tok.AccessToken) {
			t.Fatal("the revoked access token still works")
		}
		if got := refresh(t, env, tok.RefreshToken); got.AccessToken == "" {
			t.Fatalf("refresh: %+v", got)
		}
	})
	t.Run("a refresh token sent with the wrong hint is revoked too", func(t *testing.T) {
		tok := codeFlow(t, env)
		revoke(tok.RefreshToken, "access_token")
		if got := refresh(t, env, tok.RefreshToken); got.Error != "invalid_grant" {
			t.Fatalf("refresh after revocation: %+v", got)
		}
	})
	t.Run("an unknown token is answered 200", func(t *testing.T) {
		revoke("no-such-token", "")
	})
}

func TestMetadata(t *testing.T) {
	env := authtest.Start(t)
	for _, path := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		resp, body := get(t, env.URL+path)
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s %v", path, resp.Status, err)
		}
		// RFC 8414 §2 (issuer, endpoints, response types) and what the
		// desktop relies on.
		for k, want := range map[string]string{
			"issuer": env.URL, "authorization_endpoint": env.URL + "/oauth/authorize",
			"token_endpoint": env.URL + "/oauth/token", "revocation_endpoint": env.URL + "/oauth/revoke",
			"device_authorization_endpoint": env.URL + "/oauth/device_authorization", "jwks_uri": env.URL + "/oauth/keys",
		} {
			if m[k] != want {
				t.Errorf("%s: %s = %v, want %s", path, k, m[k], want)
			}
		}
		for k, want := range map[string]string{
			"response_types_supported": "code", "code_challenge_methods_supported": "S256",
			"grant_types_supported":                 "urn:ietf:params:oauth:grant-type:device_code",
			"token_endpoint_auth_methods_supported": "none", "scopes_supported": "offline_access",
		} {
			if !slices.Contains(stringList(m[k]), want) {
				t.Errorf("%s: %s = %v lacks %s", path, k, m[k], want)
			}
		}
		if got := stringList(m["code_challenge_methods_supported"]); len(got) != 1 {
			t.Errorf("%s: code challenge methods %v, want S256 only", path, got)
		}
	}
	resp, body := get(t, env.URL+"/oauth/keys")
	if resp.StatusCode != http.StatusOK || !json.Valid([]byte(body)) {
		t.Fatalf("keys: %s", resp.Status)
	}
}

func stringList(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}
