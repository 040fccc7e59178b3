package auth

import (
	"slices"
	"time"

	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// DesktopClientID is the OAuth client ID of the GroupDesk desktop app.
const DesktopClientID = "groupdesk-desktop"

// client is a registered application as op sees it. Every client here is
// public (no secret) and uses the authorization code flow with PKCE.
type client struct {
	sqlite.OAuthClient
}

var _ op.Client = client{}

func (c client) GetID() string                    { return c.ID }
func (c client) RedirectURIs() []string           { return c.OAuthClient.RedirectURIs }
func (c client) PostLogoutRedirectURIs() []string { return nil }
func (c client) AuthMethod() oidc.AuthMethod      { return oidc.AuthMethodNone }
func (c client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c client) LoginURL(id string) string            { return "/login?id=" + id }
func (c client) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeBearer }
func (c client) IDTokenLifetime() time.Duration       { return time.Hour }
func (c client) DevMode() bool                        { return false }
func (c client) IDTokenUserinfoClaimsAssertion() bool { return false }
func (c client) ClockSkew() time.Duration             { return 0 }
func (c client) IsScopeAllowed(scope string) bool     { return slices.Contains(c.Scopes, scope) }
func (c client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c client) ApplicationType() op.ApplicationType {
	if c.Native {
		return op.ApplicationTypeNative
	}
	return op.ApplicationTypeWeb
}

func (c client) GrantTypes() []oidc.GrantType {
	out := make([]oidc.GrantType, len(c.OAuthClient.GrantTypes))
	for i, g := range c.OAuthClient.GrantTypes {
		out[i] = oidc.GrantType(g)
	}
	return out
}
