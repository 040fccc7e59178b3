package auth

import (
	"net/http"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

var errNoToken = model.Errorf(model.EUNAUTH, "Sign in to use the account service.")

var errBadToken = model.Errorf(model.EUNAUTH, "Your sign-in has expired or was revoked. Sign in again.")

// Authenticate returns the user of the request's bearer access token
// ("Authorization: Bearer <token>"). A missing, unknown, expired or
// revoked token is an EUNAUTH error, which the API answers with 401.
func (s *Server) Authenticate(r *http.Request) (*model.User, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, errNoToken
	}
	sealed, err := s.provider.Crypto().Decrypt(strings.TrimSpace(token))
	if err != nil {
		return nil, errBadToken
	}
	secret, subject, ok := strings.Cut(sealed, ":")
	if !ok {
		return nil, errBadToken
	}
	u, _, err := s.db.AccessTokenUser(r.Context(), secret)
	switch {
	case model.ErrorCode(err) == model.EUNAUTH:
		return nil, errBadToken
	case err != nil:
		return nil, err
	case u.ID != subject:
		return nil, errBadToken
	}
	return &u, nil
}
