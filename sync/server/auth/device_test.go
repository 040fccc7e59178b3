package auth_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
)

type deviceAuth struct {
	DeviceCode      string `json:"device_code"`
	UserCode        string `json:"user_code"`
	VerificationURI string `json:"verification_uri"`
	Interval        int    `json:"interval"`
}

func startDevice(t *testing.T, env *authtest.Env) deviceAuth {
	t.Helper()
	_, body := post(t, env.URL+"/oauth/device_authorization", url.Values{"client_id": {"groupdesk-desktop"},
		"scope": {"sync offline_access"}})
	var d deviceAuth
	if err := json.Unmarshal([]byte(body), &d); err != nil || d.DeviceCode == "" || d.UserCode == "" {
		t.Fatalf("device authorization: %v %s", err, body)
	}
	return d
}

func pollDevice(t *testing.T, env *authtest.Env, d deviceAuth) tokenResponse {
	t.Helper()
	return tokenRequest(t, env, url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:device_code"},
		"device_code": {d.DeviceCode}, "client_id": {"groupdesk-desktop"}})
}

func TestDeviceFlow(t *testing.T) {
	env := authtest.Start(t)
	d := startDevice(t, env)
	if d.VerificationURI != env.URL+"/device" || d.Interval != 1 {
		t.Fatalf("device authorization %+v", d)
	}
	if got := pollDevice(t, env, d); got.Error != "authorization_pending" {
		t.Fatalf("before approval: %+v", got)
	}
	enter := func(code, password string) (*http.Response, string) {
		return post(t, env.URL+"/device", url.Values{"user_code": {code}, "email": {authtest.Email}, "password": {password}})
	}
	resp, body := enter("BBBB-CCCC", authtest.Password)
	wantPage(t, resp, body, http.StatusBadRequest, "That code is not right or has expired.")
	resp, body = enter(d.UserCode, "wrong password")
	wantPage(t, resp, body, http.StatusBadRequest, "The email or password is not right.")
	env.Clock.Advance(time.Minute)
	resp, body = enter(d.UserCode, authtest.Password)
	wantPage(t, resp, body, http.StatusOK, "GroupDesk is now signed in as Pat Admin.")

	tok := pollDevice(t, env, d)
	if tok.AccessToken == "" || tok.RefreshToken == "" || !authenticates(env, tok.AccessToken) {
		t.Fatalf("after approval: %+v", tok)
	}
	if again := pollDevice(t, env, d); again.AccessToken != "" {
		t.Fatal("the device code gave tokens twice")
	}
	t.Run("an expired code is refused on the page", func(t *testing.T) {
		late := startDevice(t, env)
		env.Clock.Advance(11 * time.Minute)
		resp, body := enter(late.UserCode, authtest.Password)
		wantPage(t, resp, body, http.StatusBadRequest, "That code is not right or has expired.")
	})
	noSecretsLogged(t, env, d.DeviceCode, tok.AccessToken, tok.RefreshToken, "wrong password")
}
