package auth_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"golang.org/x/oauth2"
)

// fill types each value into the input with that ID, then submits.
func fill(values ...string) chromedp.Action[chromedp.Void] {
	var steps []chromedp.Action[chromedp.Void]
	for i := 0; i+1 < len(values); i += 2 {
		steps = append(steps, chromedp.SendKeys(chromedp.CSS("#"+values[i]), values[i+1]))
	}
	return chromedp.Steps(append(steps, chromedp.Click(chromedp.CSS(`button[type="submit"]`)))...)
}

// alertAfter runs the steps and returns the text of the page's alert.
func alertAfter(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) string {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[role="alert"]`))); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the page says %q, want %q", text, w)
		}
	}
}

func TestPagesInBrowser(t *testing.T) {
	env := authtest.Start(t)
	ctx := authtest.Browser(t)
	t.Run("the sign-in page refuses a wrong password", func(t *testing.T) {
		u := authorizeURL(env, url.Values{"code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())},
			"code_challenge_method": {"S256"}})
		text := alertAfter(t, ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(`label[for="password"]`)),
			fill("email", authtest.Email, "password", "not the password"))
		wantText(t, text, "The email or password is not right.")
	})
	t.Run("the device page refuses a wrong code", func(t *testing.T) {
		text := alertAfter(t, ctx, chromedp.Navigate(env.URL+"/device"),
			fill("user_code", "BBBB-CCCC", "email", authtest.Email, "password", authtest.Password))
		wantText(t, text, "That code is not right or has expired.")
	})
	t.Run("the designation form refuses a wrong FEIN", func(t *testing.T) {
		text := alertAfter(t, ctx, chromedp.Navigate(env.URL+"/designate"),
			fill("group_number", authtest.GroupNumber, "fein", "98-7654321", "officer_name", "Olga Officer",
				"officer_title", "President", "pga_name", "Nina New", "pga_email", "nina@example.com"))
		wantText(t, text, "The group number and FEIN do not match our records.")
	})
	t.Run("the registration page refuses a wrong access code", func(t *testing.T) {
		text := alertAfter(t, ctx, chromedp.Navigate(env.URL+"/register"),
			fill("code", "BCDF-GHJK-MNPQ-RSTV", "name", "Nina New", "email", "nina@example.com", "password", "a long enough password"))
		wantText(t, text, "That access code is not right.")
	})
	t.Run("the registration page registers with a mailed code", func(t *testing.T) {
		code := designate(t, env, "nina@example.com")
		if err := chromedp.Do(ctx, chromedp.Navigate(env.URL+"/register"),
			fill("code", code, "name", "Nina New", "email", "nina@example.com", "password", "a long enough password"),
			chromedp.WaitVisible(chromedp.CSS(`[role="status"]`))); err != nil {
			t.Fatal(err)
		}
		text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
		wantText(t, text, "Your online access is ready.")
	})
	noSecretsLogged(t, env, "not the password", "a long enough password")
}
