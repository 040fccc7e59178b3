package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Lifetimes of an authorization request (the person signs in meanwhile) and
// of its authorization code (the app exchanges it at once).
const (
	AuthRequestLifetime = 15 * time.Minute
	AuthCodeLifetime    = 2 * time.Minute
)

// AuthRequest is an OAuth authorization request waiting for the person to
// sign in, then for the app to exchange its code.
type AuthRequest struct {
	ID            string
	ClientID      string
	RedirectURI   string
	Scopes        []string
	State         string
	Nonce         string
	ResponseType  string
	ResponseMode  string
	CodeChallenge string // S256 only
	UserID        string // set once the person signed in
	AuthTime      time.Time
	CreatedAt     time.Time
	ExpiresAt     time.Time
}

const authRequestCols = `id, client_id, redirect_uri, scopes, state, nonce, response_type, response_mode,
	code_challenge, user_id, auth_time, created_at, expires_at`

func scanAuthRequest(s scanner, r *AuthRequest) error {
	return s.Scan(&r.ID, &r.ClientID, &r.RedirectURI, listCol{&r.Scopes}, &r.State, &r.Nonce, &r.ResponseType,
		&r.ResponseMode, &r.CodeChallenge, &r.UserID, instantCol{&r.AuthTime}, instantCol{&r.CreatedAt}, instantCol{&r.ExpiresAt})
}

// CreateAuthRequest stores a new authorization request, setting its ID and
// times, and forgets expired ones.
func (db *DB) CreateAuthRequest(ctx context.Context, r *AuthRequest) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM auth_requests WHERE expires_at < ?`, instant(tx.now)); err != nil {
			return err
		}
		r.ID, r.CreatedAt, r.ExpiresAt = newID(), tx.now, tx.now.Add(AuthRequestLifetime)
		_, err := tx.exec(`INSERT INTO auth_requests (id, client_id, redirect_uri, scopes, state, nonce, response_type,
			response_mode, code_challenge, code_method, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,'S256',?,?)`,
			r.ID, r.ClientID, r.RedirectURI, jsonList(r.Scopes), r.State, r.Nonce, r.ResponseType, r.ResponseMode,
			r.CodeChallenge, instant(r.CreatedAt), instant(r.ExpiresAt))
		if err != nil {
			return fmt.Errorf("saving the authorization request: %w", err)
		}
		return nil
	})
}

var errSignInExpired = model.Errorf(model.ENOTFOUND,
	"This sign-in page has expired or was already used. Go back to GroupDesk and choose Sign in again.")

// AuthRequest returns an authorization request that has not expired.
func (db *DB) AuthRequest(ctx context.Context, id string) (AuthRequest, error) {
	var r AuthRequest
	err := scanAuthRequest(db.read.QueryRowContext(ctx, `SELECT `+authRequestCols+` FROM auth_requests
		WHERE id = ? AND expires_at > ?`, id, instant(db.Now())), &r)
	if err != nil {
		return r, notFound(err, errSignInExpired.Message)
	}
	return r, nil
}

// CompleteAuthRequest records who signed in for the request.
func (db *DB) CompleteAuthRequest(ctx context.Context, id, userID string) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE auth_requests SET user_id = ?, auth_time = ? WHERE id = ? AND expires_at > ? AND code_hash IS NULL`,
			userID, instant(tx.now), id, instant(tx.now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errSignInExpired
		}
		return nil
	})
}

// SaveAuthCode stores (the hash of) the authorization code issued for a
// completed request.
func (db *DB) SaveAuthCode(ctx context.Context, id, code string) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE auth_requests SET code_hash = ?, code_at = ? WHERE id = ? AND user_id != '' AND code_hash IS NULL`,
			hashSecret(code), instant(tx.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errSignInExpired
		}
		return nil
	})
}

// AuthRequestByCode returns the request an authorization code was issued
// for, while the code is fresh.
func (db *DB) AuthRequestByCode(ctx context.Context, code string) (AuthRequest, error) {
	var r AuthRequest
	err := scanAuthRequest(db.read.QueryRowContext(ctx, `SELECT `+authRequestCols+` FROM auth_requests
		WHERE code_hash = ? AND code_at > ?`, hashSecret(code), instant(db.Now().Add(-AuthCodeLifetime))), &r)
	return r, notFound(err, "The authorization code is not valid: it expired or was already used.")
}

// DeleteAuthRequest forgets a request once its code was exchanged, so that
// the code cannot be used twice.
func (db *DB) DeleteAuthRequest(ctx context.Context, id string) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM auth_requests WHERE id = ?`, id)
		return err
	})
}
