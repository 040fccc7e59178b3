package authtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
)

var hiddenID = regexp.MustCompile(`name="id" value="([^"]+)"`)

// SignInWithForm is a person at a browser without JavaScript: it opens the
// authorization URL, fills in the sign-in form with email and password,
// and follows the redirects back to the app's loopback listener.
func SignInWithForm(authURL, email, password string) error {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	page, err := fetch(c.Get(authURL))
	if err != nil {
		return err
	}
	m := hiddenID.FindStringSubmatch(page)
	if m == nil {
		return fmt.Errorf("no sign-in form on the page: %.300s", page)
	}
	form := url.Values{"id": {m[1]}, "email": {email}, "password": {password}}
	base, _ := url.Parse(authURL)
	done, err := fetch(c.PostForm(base.Scheme+"://"+base.Host+"/login", form))
	if err != nil {
		return err
	}
	if strings.Contains(done, `role="alert"`) {
		return fmt.Errorf("the sign-in page refused: %.500s", done)
	}
	return nil
}

func fetch(resp *http.Response, err error) (string, error) {
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return string(b), fmt.Errorf("%s answered %s: %.500s", resp.Request.URL, resp.Status, b)
	}
	return string(b), err
}
