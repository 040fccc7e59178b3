package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/groupdesk/groupdesk/model"
	"github.com/zalando/go-keyring"
	"golang.org/x/oauth2"
)

// keyringService names GroupDesk's entries in the OS keychain.
const keyringService = "GroupDesk"

// TokenStore keeps the refresh token of one account service: in the OS
// keychain, or where there is none (Linux without a Secret Service), in a
// file of the data folder readable only by the user.
type TokenStore struct {
	Server string
	Dir    string // the data folder
}

// NewTokenStore returns the store of the service's sign-in.
func NewTokenStore(dataDir, server string) *TokenStore {
	return &TokenStore{Server: strings.TrimSuffix(server, "/"), Dir: dataDir}
}

// File is where the sign-in is kept when there is no keychain.
func (s *TokenStore) File() string {
	sum := sha256.Sum256([]byte(s.Server))
	return filepath.Join(s.Dir, "signin-"+hex.EncodeToString(sum[:6]))
}

// Save stores the refresh token. The warning, when not empty, tells the
// person that it went to a file because no keychain is available.
func (s *TokenStore) Save(refresh string) (warning string, err error) {
	if err := keyring.Set(keyringService, s.Server, refresh); err == nil {
		os.Remove(s.File()) // the keychain works (again): no copy on disk
		return "", nil
	}
	if err := writePrivate(s.File(), refresh); err != nil {
		return "", fmt.Errorf("saving your sign-in: %w", err)
	}
	return fmt.Sprintf("No system keychain is available; GroupDesk keeps your sign-in in %s, readable only by you.", s.File()), nil
}

// Load returns the stored refresh token; ENOTFOUND when there is none.
func (s *TokenStore) Load() (string, error) {
	if tok, err := keyring.Get(keyringService, s.Server); err == nil && tok != "" {
		return tok, nil
	}
	b, err := os.ReadFile(s.File())
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", model.Errorf(model.ENOTFOUND, "You are not signed in to %s.", s.Server)
	case err != nil:
		return "", fmt.Errorf("reading your sign-in: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// Delete forgets the sign-in, in the keychain and on disk.
func (s *TokenStore) Delete() error {
	// An error here is no keychain, or nothing in it: what counts is that
	// the token is not there afterwards.
	keyring.Delete(keyringService, s.Server)
	if tok, err := keyring.Get(keyringService, s.Server); err == nil && tok != "" {
		return fmt.Errorf("the system keychain kept your sign-in: remove its %s entry for %s", keyringService, s.Server)
	}
	if err := os.Remove(s.File()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("forgetting your sign-in: %w", err)
	}
	return nil
}

// writePrivate replaces path with data, mode 0600, through a temporary
// file so that a crash leaves the old or the new token, never half of one.
func writePrivate(path, data string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".signin-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// NewTokenSource returns the access tokens of a sign-in: it refreshes
// them with the service when they expire and, since each refresh rotates
// the refresh token, saves the new refresh token through save before it
// hands out the new access token. A sign-in whose new refresh token could
// not be saved is not used until it is.
//
// A service that cannot be reached now is asked again when a token is
// needed, so that a desktop started offline syncs once it is back online.
func NewTokenSource(ctx context.Context, server string, tok *oauth2.Token, save func(refresh string) error) (oauth2.TokenSource, error) {
	s := &rotatingSource{ctx: ctx, server: server, tok: tok, save: save}
	m, err := Discover(ctx, server)
	switch {
	case err == nil:
		s.cfg = m.config("")
	case model.ErrorCode(err) != model.EINTERNAL:
		return nil, err // it answers, but not as an account service
	}
	return s, nil
}

type rotatingSource struct {
	ctx     context.Context
	server  string
	cfg     *oauth2.Config // nil until the service answered
	save    func(string) error
	mu      sync.Mutex
	tok     *oauth2.Token
	unsaved bool
}

func (s *rotatingSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unsaved {
		if err := s.save(s.tok.RefreshToken); err != nil {
			return nil, fmt.Errorf("saving your sign-in: %w", err)
		}
		s.unsaved = false
	}
	if s.tok.Valid() {
		return s.tok, nil
	}
	if s.cfg == nil {
		m, err := Discover(s.ctx, s.server)
		if err != nil {
			return nil, err
		}
		s.cfg = m.config("")
	}
	next, err := s.cfg.TokenSource(s.ctx, &oauth2.Token{RefreshToken: s.tok.RefreshToken}).Token()
	if err != nil {
		return nil, signInError(err)
	}
	if next.RefreshToken == "" {
		next.RefreshToken = s.tok.RefreshToken
	}
	rotated := next.RefreshToken != s.tok.RefreshToken
	s.tok = next
	if rotated {
		if err := s.save(next.RefreshToken); err != nil {
			s.unsaved = true
			return nil, fmt.Errorf("saving your sign-in: %w", err)
		}
	}
	return next, nil
}

// Revoke revokes a refresh token (RFC 7009), and with it the service's
// whole sign-in of this desktop.
func Revoke(ctx context.Context, server, refresh string) error {
	m, err := Discover(ctx, server)
	if err != nil {
		return err
	}
	form := url.Values{"token": {refresh}, "token_type_hint": {"refresh_token"}, "client_id": {oauthClientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.RevocationEndpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := authHTTPClient(ctx).Do(req)
	if err != nil {
		return fmt.Errorf("telling the account service you signed out: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the account service did not take the sign-out: %s", resp.Status)
	}
	return nil
}

// SignOut revokes the stored sign-in at the service and forgets it here.
// It forgets it even when the service cannot be reached, and then says so.
func SignOut(ctx context.Context, store *TokenStore) error {
	refresh, err := store.Load()
	if model.ErrorCode(err) == model.ENOTFOUND {
		return nil
	}
	var revokeErr error
	if err == nil {
		revokeErr = Revoke(ctx, store.Server, refresh)
	}
	if err := store.Delete(); err != nil {
		return err
	}
	if revokeErr != nil {
		return fmt.Errorf("you are signed out on this computer, but the account service could not be told (%w); the sign-in ends there when it expires", revokeErr)
	}
	return nil
}
