package auth

import (
	"time"

	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// amrPassword says the person signed in with a password (RFC 8176).
var amrPassword = []string{"pwd"}

// authRequest is a stored authorization request as op sees it. It does
// not implement op.LogAuthRequest, so op logs none of its fields.
type authRequest struct {
	sqlite.AuthRequest
}

var _ op.AuthRequest = authRequest{}

func (a authRequest) GetID() string                      { return a.ID }
func (a authRequest) GetACR() string                     { return "" }
func (a authRequest) GetAMR() []string                   { return amrPassword }
func (a authRequest) GetAudience() []string              { return []string{a.ClientID} }
func (a authRequest) GetAuthTime() time.Time             { return a.AuthTime }
func (a authRequest) GetClientID() string                { return a.ClientID }
func (a authRequest) GetNonce() string                   { return a.Nonce }
func (a authRequest) GetRedirectURI() string             { return a.RedirectURI }
func (a authRequest) GetResponseType() oidc.ResponseType { return oidc.ResponseType(a.ResponseType) }
func (a authRequest) GetResponseMode() oidc.ResponseMode { return oidc.ResponseMode(a.ResponseMode) }
func (a authRequest) GetScopes() []string                { return a.Scopes }
func (a authRequest) GetState() string                   { return a.State }
func (a authRequest) GetSubject() string                 { return a.UserID }
func (a authRequest) Done() bool                         { return a.UserID != "" }

func (a authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	return &oidc.CodeChallenge{Challenge: a.CodeChallenge, Method: oidc.CodeChallengeMethodS256}
}

// refreshRequest is what a refresh token stands for, as op sees it.
type refreshRequest struct {
	grant sqlite.TokenGrant
}

var _ op.RefreshTokenRequest = (*refreshRequest)(nil)

func (r *refreshRequest) GetAMR() []string            { return r.grant.AMR }
func (r *refreshRequest) GetAudience() []string       { return []string{r.grant.ClientID} }
func (r *refreshRequest) GetAuthTime() time.Time      { return r.grant.AuthTime }
func (r *refreshRequest) GetClientID() string         { return r.grant.ClientID }
func (r *refreshRequest) GetScopes() []string         { return r.grant.Scopes }
func (r *refreshRequest) GetSubject() string          { return r.grant.UserID }
func (r *refreshRequest) SetCurrentScopes(s []string) { r.grant.Scopes = s }

// grantOf is what tokens issued for a request stand for.
func grantOf(req op.TokenRequest) sqlite.TokenGrant {
	switch r := req.(type) {
	case authRequest:
		return sqlite.TokenGrant{UserID: r.UserID, ClientID: r.ClientID, Scopes: r.Scopes, AMR: amrPassword,
			AuthTime: r.AuthTime, AuthRequestID: r.ID}
	case *refreshRequest:
		return r.grant
	case *op.DeviceAuthorizationState:
		return sqlite.TokenGrant{UserID: r.Subject, ClientID: r.ClientID, Scopes: r.Scopes, AMR: r.AMR, AuthTime: r.AuthTime}
	}
	return sqlite.TokenGrant{UserID: req.GetSubject(), Scopes: req.GetScopes()}
}
