package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Token lifetimes. Access tokens are short; refresh tokens rotate on every
// use, so a stolen one is either used first by its thief (and the owner's
// next refresh revokes the family) or goes stale.
const (
	AccessTokenLifetime  = 15 * time.Minute
	RefreshTokenLifetime = 30 * 24 * time.Hour
)

// TokenGrant is what tokens stand for: who signed in to which application
// with which scopes.
type TokenGrant struct {
	UserID   string
	ClientID string
	Scopes   []string
	AMR      []string
	AuthTime time.Time
	// AuthRequestID, when set, names the authorization request whose code
	// is being exchanged: issuing consumes it, so a code works once.
	AuthRequestID string
	// FamilyID is the refresh-token family the grant came from, if any.
	FamilyID string
}

// IssuedTokens are new tokens. Access and Refresh are secrets to hand to
// the application and never to log; AccessID names the access token in logs.
type IssuedTokens struct {
	AccessID      string
	Access        string
	AccessExpires time.Time
	Refresh       string // "" when no refresh token was asked for
}

var errTokenReused = model.Errorf(model.EUNAUTH,
	"This sign-in has ended for your safety: its refresh token was used twice. Sign in again.")

var errCodeUsed = model.Errorf(model.EUNAUTH, "The authorization code is not valid: it expired or was already used.")

// IssueTokens issues an access token and, when withRefresh, a refresh
// token. current is the refresh token being exchanged ("" for a first
// sign-in): it is marked used and its successor joins its family. A
// current token that was already used revokes its whole family.
func (db *DB) IssueTokens(ctx context.Context, g TokenGrant, withRefresh bool, current string) (IssuedTokens, error) {
	var out IssuedTokens
	err := db.authUpdate(ctx, func(tx *Tx) error {
		var err error
		out, err = tx.issueTokens(&g, withRefresh, current)
		return err
	})
	if errors.Is(err, errTokenReused) {
		return out, db.revokeFamilyOf(ctx, current)
	}
	return out, err
}

func (tx *Tx) issueTokens(g *TokenGrant, withRefresh bool, current string) (IssuedTokens, error) {
	var out IssuedTokens
	if err := tx.consumeAuthRequest(g.AuthRequestID); err != nil {
		return out, err
	}
	if current != "" {
		family, err := tx.useRefreshToken(current)
		if err != nil {
			return out, err
		}
		g.FamilyID = family
	}
	if withRefresh {
		if g.FamilyID == "" {
			g.FamilyID = newID()
		}
		var err error
		if out.Refresh, err = tx.insertRefreshToken(g); err != nil {
			return out, fmt.Errorf("saving the refresh token: %w", err)
		}
	}
	return out, tx.insertAccessToken(g, &out)
}

func (tx *Tx) consumeAuthRequest(id string) error {
	if id == "" {
		return nil
	}
	res, err := tx.exec(`DELETE FROM auth_requests WHERE id = ? AND code_hash IS NOT NULL`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errCodeUsed
	}
	return nil
}

// useRefreshToken marks an unused, live refresh token used and returns its
// family; a used one is errTokenReused.
func (tx *Tx) useRefreshToken(token string) (family string, err error) {
	var usedAt, revokedAt, expiresAt string
	err = tx.QueryRowContext(tx.ctx, `SELECT family_id, used_at, revoked_at, expires_at FROM refresh_tokens WHERE hash = ?`,
		hashSecret(token)).Scan(&family, &usedAt, &revokedAt, &expiresAt)
	switch {
	case err != nil:
		return "", notFound(err, errRefreshInvalid.Message)
	case revokedAt != "" || expiresAt <= instant(tx.now):
		return "", errRefreshInvalid
	case usedAt != "":
		return "", errTokenReused
	}
	_, err = tx.exec(`UPDATE refresh_tokens SET used_at = ? WHERE hash = ?`, instant(tx.now), hashSecret(token))
	return family, err
}

func (tx *Tx) insertRefreshToken(g *TokenGrant) (string, error) {
	token := newSecret("gdr_")
	_, err := tx.exec(`INSERT INTO refresh_tokens (id, hash, family_id, user_id, client_id, scopes, amr, auth_time, created_at, expires_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, newID(), hashSecret(token), g.FamilyID, g.UserID, g.ClientID, jsonList(g.Scopes),
		jsonList(g.AMR), instant(g.AuthTime), instant(tx.now), instant(tx.now.Add(RefreshTokenLifetime)))
	return token, err
}

func (tx *Tx) insertAccessToken(g *TokenGrant, out *IssuedTokens) error {
	out.AccessID, out.Access = newID(), newSecret("gda_")
	out.AccessExpires = tx.now.Add(AccessTokenLifetime)
	_, err := tx.exec(`INSERT INTO access_tokens (id, hash, family_id, user_id, client_id, scopes, created_at, expires_at)
		VALUES (?,?,?,?,?,?,?,?)`, out.AccessID, hashSecret(out.Access), g.FamilyID, g.UserID, g.ClientID,
		jsonList(g.Scopes), instant(tx.now), instant(out.AccessExpires))
	if err != nil {
		return fmt.Errorf("saving the access token: %w", err)
	}
	return nil
}
