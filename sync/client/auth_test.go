package client_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"golang.org/x/oauth2"
)

func signedInAs(t *testing.T, env *authtest.Env, tok *oauth2.Token) bool {
	t.Helper()
	r, _ := http.NewRequest("GET", env.URL+"/v1/me", nil)
	tok.SetAuthHeader(r)
	u, err := env.Server.Authenticate(r)
	return err == nil && u.ID == env.User.ID
}

func noTokensLogged(t *testing.T, env *authtest.Env, toks ...*oauth2.Token) {
	t.Helper()
	logs := env.Logs()
	for _, tok := range toks {
		for _, s := range []string{tok.AccessToken, tok.RefreshToken} {
			if s != "" && strings.Contains(logs, s) {
				t.Errorf("a token (%.6s…) is in the logs", s)
			}
		}
	}
	if strings.Contains(logs, authtest.Password) {
		t.Error("the password is in the logs")
	}
}

func TestLoginLoopbackThroughTheSignInForm(t *testing.T) {
	env := authtest.Start(t)
	var opened string
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := client.LoginLoopback(ctx, env.URL, func(u string) error {
		opened = u
		return authtest.SignInWithForm(u, authtest.Email, authtest.Password)
	})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.Parse(opened)
	if q.Query().Get("code_challenge_method") != "S256" || !strings.HasPrefix(q.Query().Get("redirect_uri"), "http://127.0.0.1:") {
		t.Fatalf("the browser was sent to %s", opened)
	}
	if tok.RefreshToken == "" || !signedInAs(t, env, tok) {
		t.Fatalf("token %+v does not work", tok)
	}
	noTokensLogged(t, env, tok)
}

func TestLoginLoopbackInChromium(t *testing.T) {
	env := authtest.Start(t)
	browser := authtest.Browser(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := client.LoginLoopback(ctx, env.URL, func(u string) error {
		err := chromedp.Do(browser, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), authtest.Email),
			chromedp.SendKeys(chromedp.CSS("#password"), "a wrong password"),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[role="alert"]`)))
		if err != nil {
			return err
		}
		alert, _ := chromedp.Run(browser, chromedp.Text(chromedp.CSS(`[role="alert"]`)))
		if !strings.Contains(alert, "The email or password is not right.") {
			t.Errorf("the sign-in page said %q", alert)
		}
		env.Clock.Advance(2 * time.Second) // past the slow-down after one failure
		return chromedp.Do(browser, chromedp.SendKeys(chromedp.CSS("#password"), authtest.Password),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	})
	if err != nil {
		t.Fatal(err)
	}
	if !signedInAs(t, env, tok) {
		t.Fatal("the token from the browser sign-in does not work")
	}
	if err := chromedp.Do(browser, chromedp.WaitVisible(chromedp.CSS(`p[role="status"]`))); err != nil {
		t.Fatal(err)
	}
	done, _ := chromedp.Run(browser, chromedp.Text(chromedp.CSS(`p[role="status"]`)))
	if !strings.Contains(done, "You are signed in") {
		t.Errorf("the browser shows %q", done)
	}
	noTokensLogged(t, env, tok)
}

func TestLoginDevice(t *testing.T) {
	env := authtest.Start(t)
	var shown string
	// Without an approval the device would poll until its code expires,
	// ten minutes on: a failed entry ends the wait at once.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := client.LoginDevice(ctx, env.URL, func(userCode, verificationURI string) {
		shown = userCode
		if verificationURI != env.URL+"/device" {
			t.Errorf("verification URI %s", verificationURI)
		}
		resp, err := http.PostForm(verificationURI, url.Values{"user_code": {strings.ToLower(userCode)},
			"email": {authtest.Email}, "password": {authtest.Password}})
		if err != nil {
			t.Errorf("entering the code: %v", err)
			cancel()
			return
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("entering the code: %s", resp.Status)
			cancel()
		}
	})
	if err != nil || shown == "" {
		t.Fatal(err)
	}
	if !signedInAs(t, env, tok) {
		t.Fatal("the device sign-in does not work")
	}
	noTokensLogged(t, env, tok)
}

func TestLoginLoopbackRefusedByTheService(t *testing.T) {
	env := authtest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := client.LoginLoopback(ctx, env.URL, func(u string) error {
		// The person's browser comes back with an error instead of a code.
		q, _ := url.Parse(u)
		back := q.Query().Get("redirect_uri") + "?error=access_denied&error_description=The+sign-in+was+cancelled.&state=" + q.Query().Get("state")
		resp, err := http.Get(back)
		if err == nil {
			resp.Body.Close()
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "The sign-in was cancelled.") {
		t.Fatalf("got %v", err)
	}
}
