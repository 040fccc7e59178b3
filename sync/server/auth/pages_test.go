package auth_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"golang.org/x/oauth2"
)

// startSignIn opens an authorization request and returns its sign-in ID.
func startSignIn(t *testing.T, env *authtest.Env) string {
	t.Helper()
	resp, _ := get(t, authorizeURL(env, url.Values{"code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())},
		"code_challenge_method": {"S256"}}))
	return location(t, resp).Query().Get("id")
}

func wantPage(t *testing.T, resp *http.Response, body string, status int, text string) {
	t.Helper()
	if resp.StatusCode != status || !strings.Contains(body, text) {
		t.Fatalf("got %s, want %d with %q:\n%s", resp.Status, status, text, body)
	}
}

func TestSignInPageSlowsDownAndLocks(t *testing.T) {
	env := authtest.Start(t)
	id := startSignIn(t, env)
	try := func(email, password string) (*http.Response, string) {
		return post(t, env.URL+"/login", url.Values{"id": {id}, "email": {email}, "password": {password}})
	}
	resp, body := try(authtest.Email, "not my password")
	wantPage(t, resp, body, http.StatusBadRequest, "The email or password is not right.")
	if strings.Contains(body, "not my password") {
		t.Fatal("the page shows the password again")
	}
	resp, body = try("nobody@example.com", authtest.Password)
	wantPage(t, resp, body, http.StatusBadRequest, "The email or password is not right.")

	resp, body = try(authtest.Email, authtest.Password)
	wantPage(t, resp, body, http.StatusTooManyRequests, "Wait 1 seconds, then try again.")
	for i := 2; i <= 4; i++ {
		env.Clock.Advance(time.Minute)
		resp, body = try(authtest.Email, "still not it")
		wantPage(t, resp, body, http.StatusBadRequest, "not right")
	}
	env.Clock.Advance(time.Minute)
	resp, body = try(authtest.Email, "still not it")
	wantPage(t, resp, body, http.StatusTooManyRequests, "locked until")
	env.Clock.Advance(10 * time.Minute)
	resp, body = try(authtest.Email, authtest.Password)
	wantPage(t, resp, body, http.StatusTooManyRequests, "(in 5 minutes)")
	env.Clock.Advance(5 * time.Minute)
	id = startSignIn(t, env) // the first sign-in page expired meanwhile
	if resp, body = try(authtest.Email, authtest.Password); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after the lock: %s %s", resp.Status, body)
	}
	noSecretsLogged(t, env, "not my password", "still not it")
}

func TestSignInPageExpires(t *testing.T) {
	env := authtest.Start(t)
	id := startSignIn(t, env)
	env.Clock.Advance(16 * time.Minute)
	resp, body := get(t, env.URL+"/login?id="+id)
	wantPage(t, resp, body, http.StatusBadRequest, "This sign-in page has expired")
}

var accessCode = regexp.MustCompile(`[B-Z2-9]{4}-[B-Z2-9]{4}-[B-Z2-9]{4}-[B-Z2-9]{4}`)

// designate fills in the officer's form and returns the code it mailed.
func designate(t *testing.T, env *authtest.Env, email string) string {
	t.Helper()
	resp, body := post(t, env.URL+"/designate", url.Values{"group_number": {authtest.GroupNumber},
		"fein": {"123456789"}, "officer_name": {"Olga Officer"}, "officer_title": {"President"},
		"pga_name": {"Nina New"}, "pga_email": {email}})
	wantPage(t, resp, body, http.StatusOK, "We sent a single-use access code to "+email)
	mail := env.Mail(t)
	code := accessCode.FindString(mail[len(mail)-1].Body)
	if code == "" || mail[len(mail)-1].To != email {
		t.Fatalf("no access code mailed: %+v", mail)
	}
	if !strings.Contains(env.Logs(), code) {
		t.Fatal("the mail was not printed to the log")
	}
	return code
}

func TestDesignationAndRegistrationPages(t *testing.T) {
	env := authtest.Start(t)
	register := func(code, email, password string) (*http.Response, string) {
		return post(t, env.URL+"/register", url.Values{"code": {code}, "name": {"Nina New"},
			"email": {email}, "password": {password}})
	}
	t.Run("a wrong FEIN is refused", func(t *testing.T) {
		resp, body := post(t, env.URL+"/designate", url.Values{"group_number": {authtest.GroupNumber},
			"fein": {"98-7654321"}, "officer_name": {"O"}, "officer_title": {"CEO"}, "pga_name": {"N"}, "pga_email": {"n@example.com"}})
		wantPage(t, resp, body, http.StatusBadRequest, "The group number and FEIN do not match our records.")
	})
	t.Run("empty answers are shown next to their inputs", func(t *testing.T) {
		resp, body := post(t, env.URL+"/designate", url.Values{"group_number": {authtest.GroupNumber}})
		wantPage(t, resp, body, http.StatusBadRequest, `id="pga_email-error"`)
		wantPage(t, resp, body, http.StatusBadRequest, "Enter your title")
	})
	t.Run("a wrong access code is refused", func(t *testing.T) {
		resp, body := register("BCDF-GHJK-MNPQ-RSTV", "nina@example.com", "a long enough password")
		wantPage(t, resp, body, http.StatusBadRequest, "That access code is not right.")
	})
	t.Run("an access code registers the PGA once", func(t *testing.T) {
		code := designate(t, env, "nina@example.com")
		resp, body := register(code, "nina@example.com", "a long enough password")
		wantPage(t, resp, body, http.StatusOK, "Your online access is ready.")
		u, err := env.DB.CheckPassword(context.Background(), "nina@example.com", "a long enough password")
		if err != nil {
			t.Fatal(err)
		}
		resp, body = register(code, "nina@example.com", "a long enough password")
		wantPage(t, resp, body, http.StatusBadRequest, "This access code has already been used.")
		if u.Name != "Nina New" {
			t.Fatalf("registered %+v", u)
		}
	})
	t.Run("an access code is refused after 7 days", func(t *testing.T) {
		code := designate(t, env, "late@example.com")
		env.Clock.Advance(7*24*time.Hour + time.Second)
		resp, body := register(code, "late@example.com", "a long enough password")
		wantPage(t, resp, body, http.StatusBadRequest, "This access code expired on")
	})
	noSecretsLogged(t, env, "a long enough password")
}
