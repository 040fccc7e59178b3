package auth

import (
	"context"
	"net"
	"net/url"

	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// CreateAuthRequest stores a request that op checked against the client
// (registered or loopback redirect, response type, scopes), after the
// checks this service adds: PKCE with S256 always, and for a native
// client a loopback redirect on 127.0.0.1 or [::1] only (RFC 8252 §8.3:
// not "localhost", which a hosts file may point elsewhere).
func (s *storage) CreateAuthRequest(ctx context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if req.CodeChallenge == "" || req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription(
			"PKCE is required: send a code_challenge with code_challenge_method S256.")
	}
	if err := s.checkLoopback(ctx, req.ClientID, req.RedirectURI); err != nil {
		return nil, err
	}
	r := sqlite.AuthRequest{ClientID: req.ClientID, RedirectURI: req.RedirectURI, Scopes: req.Scopes,
		State: req.State, Nonce: req.Nonce, ResponseType: string(req.ResponseType),
		ResponseMode: string(req.ResponseMode), CodeChallenge: req.CodeChallenge}
	if err := s.db.CreateAuthRequest(ctx, &r); err != nil {
		return nil, err
	}
	return authRequest{r}, nil
}

func (s *storage) checkLoopback(ctx context.Context, clientID, redirect string) error {
	c, err := s.db.OAuthClient(ctx, clientID)
	if err != nil || !c.Native {
		return err
	}
	u, err := url.Parse(redirect)
	if err != nil {
		return oidc.ErrInvalidRequestRedirectURI().WithDescription("The redirect_uri is not a URL.")
	}
	if ip := net.ParseIP(u.Hostname()); u.Scheme != "http" || ip == nil || !ip.IsLoopback() {
		return oidc.ErrInvalidRequestRedirectURI().WithDescription(
			"A desktop app must redirect to http://127.0.0.1 or http://[::1] on a port of its choice.")
	}
	return nil
}

func (s *storage) AuthRequestByID(ctx context.Context, id string) (op.AuthRequest, error) {
	r, err := s.db.AuthRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	return authRequest{r}, nil
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	r, err := s.db.AuthRequestByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	return authRequest{r}, nil
}

func (s *storage) SaveAuthCode(ctx context.Context, id, code string) error {
	return s.db.SaveAuthCode(ctx, id, code)
}

func (s *storage) DeleteAuthRequest(ctx context.Context, id string) error {
	return s.db.DeleteAuthRequest(ctx, id)
}
