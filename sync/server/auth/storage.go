package auth

import (
	"context"
	"errors"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// storage is op's Storage over the GroupDesk database.
type storage struct {
	db  *sqlite.DB
	key signingKey
	now func() time.Time
}

var (
	_ op.Storage                    = (*storage)(nil)
	_ op.DeviceAuthorizationStorage = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest  = (*storage)(nil)
)

func (s *storage) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	c, err := s.db.OAuthClient(ctx, id)
	if err != nil {
		return nil, err
	}
	return client{c}, nil
}

// AuthorizeClientIDSecret refuses: every client here is public.
func (s *storage) AuthorizeClientIDSecret(context.Context, string, string) error {
	return errors.New("clients of this service have no secret")
}

func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

func (s *storage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	return s.userinfo(ctx, info, req.GetSubject(), scopes)
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	u, t, err := s.db.AccessTokenUser(ctx, tokenID)
	if err != nil || u.ID != subject {
		return errors.New("the access token is not valid")
	}
	return s.userinfo(ctx, info, u.ID, t.Scopes)
}

func (s *storage) userinfo(ctx context.Context, info *oidc.UserInfo, userID string, scopes []string) error {
	u, err := s.db.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	info.Subject = u.ID
	for _, sc := range scopes {
		switch sc {
		case oidc.ScopeProfile:
			info.Name = u.Name
		case oidc.ScopeEmail:
			info.Email, info.EmailVerified = u.Email, true
		}
	}
	return nil
}

func (s *storage) SetIntrospectionFromToken(ctx context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	u, t, err := s.db.AccessTokenUser(ctx, tokenID)
	if err != nil || u.ID != subject || t.ClientID != clientID {
		return errors.New("the access token is not valid")
	}
	resp.Active, resp.Subject, resp.ClientID = true, u.ID, t.ClientID
	resp.Scope = t.Scopes
	resp.Expiration = oidc.FromTime(t.ExpiresAt)
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("this service does not accept JWT client assertions")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("this service does not accept the JWT profile grant")
}

func (s *storage) Health(ctx context.Context) error {
	_, err := s.db.OAuthClient(ctx, DesktopClientID)
	return err
}

// realExpiry converts an instant of the database's clock (injected in
// tests) to the wall clock op compares it with.
func (s *storage) realExpiry(t time.Time) time.Time {
	return time.Now().Add(t.Sub(s.now()))
}
