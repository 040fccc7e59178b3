package auth

import (
	"encoding/json"
	"net/http"
	"strings"
)

// metadata is the authorization server's metadata (RFC 8414), also served
// as the OpenID configuration (whose required fields it includes).
type metadata struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	DeviceAuthorizationEndpoint       string   `json:"device_authorization_endpoint"`
	RevocationEndpoint                string   `json:"revocation_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	UserinfoEndpoint                  string   `json:"userinfo_endpoint"`
	ScopesSupported                   []string `json:"scopes_supported"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	ResponseModesSupported            []string `json:"response_modes_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	TokenEndpointAuthMethods          []string `json:"token_endpoint_auth_methods_supported"`
	RevocationEndpointAuthMethods     []string `json:"revocation_endpoint_auth_methods_supported"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	UILocalesSupported                []string `json:"ui_locales_supported"`
	AuthorizationResponseIssParameter bool     `json:"authorization_response_iss_parameter_supported"`
}

func (s *Server) metadata() metadata {
	at := func(path string) string { return strings.TrimSuffix(s.cfg.Issuer, "/") + path }
	return metadata{
		Issuer: s.cfg.Issuer, AuthorizationEndpoint: at(pathAuthorize), TokenEndpoint: at(pathToken),
		DeviceAuthorizationEndpoint: at(pathDeviceAuth), RevocationEndpoint: at(pathRevoke),
		JWKSURI: at(pathKeys), UserinfoEndpoint: at(pathUserinfo),
		ScopesSupported:        []string{"sync", "offline_access", "openid", "profile", "email"},
		ResponseTypesSupported: []string{"code"}, ResponseModesSupported: []string{"query"},
		GrantTypesSupported: []string{"authorization_code", "refresh_token",
			"urn:ietf:params:oauth:grant-type:device_code"},
		TokenEndpointAuthMethods: []string{"none"}, RevocationEndpointAuthMethods: []string{"none"},
		CodeChallengeMethodsSupported: []string{"S256"}, SubjectTypesSupported: []string{"public"},
		IDTokenSigningAlgValuesSupported: []string{"RS256"}, UILocalesSupported: []string{"en-US"},
	}
}

func (s *Server) serveMetadata(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	json.NewEncoder(w).Encode(s.metadata())
}

// writeOAuthError writes an OAuth error response (RFC 6749 §5.2).
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}
