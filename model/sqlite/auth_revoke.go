package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

var errRefreshInvalid = model.Errorf(model.EUNAUTH, "Your sign-in has ended or was revoked. Sign in again.")

var errAccessInvalid = model.Errorf(model.EUNAUTH, "Your sign-in has expired or was revoked. Sign in again.")

// RefreshGrant returns what a refresh token stands for, if it can still be
// exchanged. Presenting a token that was already exchanged revokes its
// family: the thief or the owner used it first, and neither may go on.
func (db *DB) RefreshGrant(ctx context.Context, token string) (TokenGrant, error) {
	var g TokenGrant
	var id, usedAt, revokedAt string
	var expires time.Time
	err := db.read.QueryRowContext(ctx, `SELECT id, family_id, user_id, client_id, scopes, amr, auth_time, used_at, revoked_at, expires_at
		FROM refresh_tokens WHERE hash = ?`, hashSecret(token)).Scan(&id, &g.FamilyID, &g.UserID, &g.ClientID,
		listCol{&g.Scopes}, listCol{&g.AMR}, instantCol{&g.AuthTime}, &usedAt, &revokedAt, instantCol{&expires})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return g, errRefreshInvalid
	case err != nil:
		return g, fmt.Errorf("reading a refresh token: %w", err)
	case revokedAt != "" || !db.Now().Before(expires):
		return g, errRefreshInvalid
	case usedAt != "":
		if err := db.revokeFamily(ctx, g.FamilyID); err != nil {
			return g, err
		}
		return g, errTokenReused
	}
	return g, nil
}

// RefreshTokenInfo returns the ID, user and client of a refresh token.
func (db *DB) RefreshTokenInfo(ctx context.Context, token string) (id, userID, clientID string, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT id, user_id, client_id FROM refresh_tokens WHERE hash = ?`, hashSecret(token)).
		Scan(&id, &userID, &clientID)
	return id, userID, clientID, notFound(err, errRefreshInvalid.Message)
}

// AccessToken is an issued access token, without its secret.
type AccessToken struct {
	ID        string
	UserID    string
	ClientID  string
	FamilyID  string
	Scopes    []string
	ExpiresAt time.Time
}

// AccessTokenUser returns the user a live access token was issued to. An
// unknown, expired or revoked token is an EUNAUTH error.
func (db *DB) AccessTokenUser(ctx context.Context, secret string) (model.User, AccessToken, error) {
	var u model.User
	var t AccessToken
	err := db.read.QueryRowContext(ctx, `SELECT t.id, t.client_id, t.family_id, t.scopes, t.expires_at,
		u.id, u.email, u.name, u.kind, u.firm, u.version
		FROM access_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND t.revoked_at = '' AND t.expires_at > ?`, hashSecret(secret), instant(db.Now())).
		Scan(&t.ID, &t.ClientID, &t.FamilyID, listCol{&t.Scopes}, instantCol{&t.ExpiresAt},
			&u.ID, &u.Email, &u.Name, &u.Kind, &u.Firm, &u.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return u, t, errAccessInvalid
	}
	t.UserID = u.ID
	return u, t, err
}

// RevokeAccessToken revokes an access token (RFC 7009). It reports whether
// the token was known; one issued to another client is not revoked.
func (db *DB) RevokeAccessToken(ctx context.Context, secret, clientID string) (bool, error) {
	var found bool
	err := db.authUpdate(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE access_tokens SET revoked_at = ? WHERE hash = ? AND client_id = ? AND revoked_at = ''`,
			instant(tx.now), hashSecret(secret), clientID)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		found = n > 0
		return nil
	})
	return found, err
}

// RevokeRefreshFamily revokes the refresh token with the ID, its whole
// family and the access tokens issued with them: signing out.
func (db *DB) RevokeRefreshFamily(ctx context.Context, refreshID, clientID string) error {
	var family string
	err := db.read.QueryRowContext(ctx, `SELECT family_id FROM refresh_tokens WHERE id = ? AND client_id = ?`, refreshID, clientID).Scan(&family)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // RFC 7009: an unknown token is not an error
	}
	if err != nil {
		return err
	}
	return db.revokeFamily(ctx, family)
}

// RevokeUserTokens revokes every token of a user for a client.
func (db *DB) RevokeUserTokens(ctx context.Context, userID, clientID string) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		for _, table := range []string{"refresh_tokens", "access_tokens"} {
			if _, err := tx.exec(`UPDATE `+table+` SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at = ''`,
				instant(tx.now), userID, clientID); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) revokeFamilyOf(ctx context.Context, token string) error {
	var family string
	err := db.read.QueryRowContext(ctx, `SELECT family_id FROM refresh_tokens WHERE hash = ?`, hashSecret(token)).Scan(&family)
	if err != nil {
		return fmt.Errorf("finding the family of a reused refresh token: %w", err)
	}
	if err := db.revokeFamily(ctx, family); err != nil {
		return err
	}
	return errTokenReused
}

func (db *DB) revokeFamily(ctx context.Context, family string) error {
	if family == "" {
		return nil
	}
	return db.authUpdate(ctx, func(tx *Tx) error {
		for _, table := range []string{"refresh_tokens", "access_tokens"} {
			if _, err := tx.exec(`UPDATE `+table+` SET revoked_at = ? WHERE family_id = ? AND revoked_at = ''`,
				instant(tx.now), family); err != nil {
				return fmt.Errorf("revoking a token family: %w", err)
			}
		}
		return nil
	})
}
