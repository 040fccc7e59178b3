package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Access tokens are opaque: op seals "<secret>:<user ID>" with the
// service's AES key, and the database keeps only the secret's SHA-256.
// Refresh tokens are opaque random strings, also kept as hashes.

// refreshIDPrefix marks the ID of a refresh token (as opposed to the
// secret of an access token) where op passes either to RevokeToken.
const refreshIDPrefix = "rt."

func (s *storage) CreateAccessToken(ctx context.Context, req op.TokenRequest) (string, time.Time, error) {
	t, err := s.db.IssueTokens(ctx, grantOf(req), false, "")
	if err != nil {
		return "", time.Time{}, tokenError(err)
	}
	return t.Access, s.realExpiry(t.AccessExpires), nil
}

func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, req op.TokenRequest, current string) (string, string, time.Time, error) {
	t, err := s.db.IssueTokens(ctx, grantOf(req), true, current)
	if err != nil {
		return "", "", time.Time{}, tokenError(err)
	}
	return t.Access, t.Refresh, s.realExpiry(t.AccessExpires), nil
}

// tokenError turns a refusal of the store into invalid_grant, with the
// person's message as its description.
func tokenError(err error) error {
	var e *model.Error
	if errors.As(err, &e) && e.Code != model.EINTERNAL {
		return oidc.ErrInvalidGrant().WithDescription("%s", e.Message)
	}
	return err
}

func (s *storage) TokenRequestByRefreshToken(ctx context.Context, token string) (op.RefreshTokenRequest, error) {
	g, err := s.db.RefreshGrant(ctx, token)
	if err != nil {
		return nil, tokenError(err)
	}
	return &refreshRequest{grant: g}, nil
}

// TerminateSession ends every sign-in of the user in the client.
func (s *storage) TerminateSession(ctx context.Context, userID, clientID string) error {
	return s.db.RevokeUserTokens(ctx, userID, clientID)
}

func (s *storage) GetRefreshTokenInfo(ctx context.Context, clientID, token string) (string, string, error) {
	id, userID, owner, err := s.db.RefreshTokenInfo(ctx, token)
	if err != nil || owner != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return userID, refreshIDPrefix + id, nil
}

// RevokeToken revokes (RFC 7009) a refresh token with its family and the
// access tokens issued with them, or a single access token. Unknown
// tokens, and tokens of other clients, are left alone without an error.
func (s *storage) RevokeToken(ctx context.Context, tokenOrID, _, clientID string) *oidc.Error {
	if id, ok := strings.CutPrefix(tokenOrID, refreshIDPrefix); ok {
		return serverError(s.db.RevokeRefreshFamily(ctx, id, clientID))
	}
	found, err := s.db.RevokeAccessToken(ctx, tokenOrID, clientID)
	if err != nil || found {
		return serverError(err)
	}
	// A refresh token sent with the hint "access_token".
	id, _, owner, err := s.db.RefreshTokenInfo(ctx, tokenOrID)
	if err != nil || owner != clientID {
		return nil
	}
	return serverError(s.db.RevokeRefreshFamily(ctx, id, clientID))
}

func serverError(err error) *oidc.Error {
	if err == nil {
		return nil
	}
	return oidc.ErrServerError().WithParent(err)
}
