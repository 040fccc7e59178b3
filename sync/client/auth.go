package client

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"golang.org/x/oauth2"
)

// Signing in (RFC 8252): the desktop is a public native client. It opens
// the system browser on the service's sign-in page with PKCE (S256) and a
// redirect to a loopback listener on a port of its own; the device code
// flow (RFC 8628) is the fallback where no browser can reach it.

// oauthClientID is the desktop's client ID at the account service.
const oauthClientID = "groupdesk-desktop"

// loginScopes are what the desktop asks for: the sync API, and a refresh
// token so that it stays signed in.
var loginScopes = []string{"sync", "offline_access"}

// ServerMetadata is what the desktop uses of the service's authorization
// server metadata (RFC 8414).
type ServerMetadata struct {
	Issuer                      string   `json:"issuer"`
	AuthorizationEndpoint       string   `json:"authorization_endpoint"`
	TokenEndpoint               string   `json:"token_endpoint"`
	DeviceAuthorizationEndpoint string   `json:"device_authorization_endpoint"`
	RevocationEndpoint          string   `json:"revocation_endpoint"`
	CodeChallengeMethods        []string `json:"code_challenge_methods_supported"`
}

// Discover reads the metadata at /.well-known/oauth-authorization-server
// and checks that it is the server's own (RFC 8414 §3.3) and offers PKCE
// with S256.
func Discover(ctx context.Context, server string) (*ServerMetadata, error) {
	server = strings.TrimSuffix(server, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, server+"/.well-known/oauth-authorization-server", nil)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s is not the address of an account service.", server)
	}
	resp, err := authHTTPClient(ctx).Do(req)
	if err != nil {
		return nil, fmt.Errorf("reaching the account service at %s: %w", server, err)
	}
	defer resp.Body.Close()
	var m ServerMetadata
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&m) != nil {
		return nil, model.Errorf(model.EINVALID, "%s does not answer as an account service (%s).", server, resp.Status)
	}
	if strings.TrimSuffix(m.Issuer, "/") != server || !slices.Contains(m.CodeChallengeMethods, "S256") {
		return nil, model.Errorf(model.EINVALID, "%s does not describe itself as a GroupDesk account service.", server)
	}
	return &m, nil
}

func authHTTPClient(ctx context.Context) *http.Client {
	if c, ok := ctx.Value(oauth2.HTTPClient).(*http.Client); ok {
		return c
	}
	return http.DefaultClient
}

func (m *ServerMetadata) config(redirect string) *oauth2.Config {
	return &oauth2.Config{ClientID: oauthClientID, RedirectURL: redirect, Scopes: loginScopes,
		Endpoint: oauth2.Endpoint{AuthURL: m.AuthorizationEndpoint, TokenURL: m.TokenEndpoint,
			DeviceAuthURL: m.DeviceAuthorizationEndpoint, AuthStyle: oauth2.AuthStyleInParams}}
}

// LoginLoopback signs in through the system browser: it listens on
// 127.0.0.1 on a free port, opens the service's sign-in page with open,
// waits for the browser to come back with the code, and exchanges it.
func LoginLoopback(ctx context.Context, server string, open func(url string) error) (*oauth2.Token, error) {
	m, err := Discover(ctx, server)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening for the browser's return: %w", err)
	}
	cfg := m.config("http://" + ln.Addr().String() + "/callback")
	verifier, state := oauth2.GenerateVerifier(), randomState()
	results := make(chan loopbackResult, 1)
	srv := &http.Server{Handler: loopbackHandler(state, results), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer shutdown(srv)
	if err := open(cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))); err != nil {
		return nil, fmt.Errorf("opening the browser: %w", err)
	}
	var res loopbackResult
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case res = <-results:
	}
	if res.err != nil {
		return nil, res.err
	}
	tok, err := cfg.Exchange(ctx, res.code, oauth2.VerifierOption(verifier))
	return tok, signInError(err)
}

// LoginDevice signs in with a device code: show tells the person the code
// and where to enter it; LoginDevice then waits until they did.
func LoginDevice(ctx context.Context, server string, show func(userCode, verificationURI string)) (*oauth2.Token, error) {
	m, err := Discover(ctx, server)
	if err != nil {
		return nil, err
	}
	cfg := m.config("")
	da, err := cfg.DeviceAuth(ctx)
	if err != nil {
		return nil, signInError(err)
	}
	show(da.UserCode, da.VerificationURI)
	tok, err := cfg.DeviceAccessToken(ctx, da)
	return tok, signInError(err)
}

type loopbackResult struct {
	code string
	err  error
}

// loopbackHandler takes the browser's return at /callback: the first one
// with the right state ends the wait.
func loopbackHandler(state string, results chan<- loopbackResult) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /callback", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var res loopbackResult
		switch {
		case q.Get("state") != state:
			writeLoopbackPage(w, http.StatusBadRequest, "This page does not belong to the sign-in GroupDesk is waiting for.")
			return
		case q.Get("error") != "":
			res.err = model.Errorf(model.EUNAUTH, "The account service refused the sign-in: %s", describeOAuthError(q))
			writeLoopbackPage(w, http.StatusOK, "Signing in did not work. Go back to GroupDesk to see why.")
		default:
			res.code = q.Get("code")
			writeLoopbackPage(w, http.StatusOK, "You are signed in. You can close this tab and go back to GroupDesk.")
		}
		select {
		case results <- res:
		default:
		}
	})
	return mux
}

var loopbackPage = template.Must(template.New("done").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GroupDesk</title></head>
<body style="font: 18px system-ui, sans-serif; margin: 3rem"><h1>GroupDesk</h1><p role="status">{{.}}</p></body></html>`))

func writeLoopbackPage(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	loopbackPage.Execute(w, msg)
}

func describeOAuthError(q url.Values) string {
	if d := q.Get("error_description"); d != "" {
		return d
	}
	return q.Get("error")
}

func randomState() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func shutdown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}

// signInError turns the service's refusal into a message for the person.
func signInError(err error) error {
	var re *oauth2.RetrieveError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &re) && re.ErrorCode == "invalid_grant":
		return model.Errorf(model.EUNAUTH, "Your sign-in has ended or was revoked. Sign in again.")
	case errors.As(err, &re) && (re.ErrorCode == "access_denied" || re.ErrorCode == "expired_token"):
		return model.Errorf(model.EUNAUTH, "The code was not confirmed in time. Start signing in again.")
	case errors.As(err, &re):
		return model.Errorf(model.EUNAUTH, "The account service refused the sign-in: %s", firstNonEmpty(re.ErrorDescription, re.ErrorCode))
	}
	return fmt.Errorf("signing in: %w", err)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
