package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groupdesk/groupdesk/model"
)

// Repeated wrong passwords slow down and then lock an account: after the
// nth wrong attempt in a row the next one waits 2^(n-1) seconds, and the
// fifth locks sign-in for 15 minutes.
const (
	MaxPasswordFailures = 5
	PasswordLockout     = 15 * time.Minute
	MinPasswordLength   = 12
	maxPasswordLength   = 256
)

func failureDelay(n int) time.Duration { return time.Second << (n - 1) }

// ErrWrongPassword is the answer to a wrong email or password: it does not
// say which of the two was wrong.
var ErrWrongPassword = &model.Error{Code: model.EUNAUTH, Message: "The email or password is not right."}

// ValidatePassword checks a new password against the rules.
func ValidatePassword(password, email string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return model.FieldError("password", "Choose a password of at least %d characters.", MinPasswordLength)
	case n > maxPasswordLength:
		return model.FieldError("password", "Choose a password of at most %d characters.", maxPasswordLength)
	case strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(email)):
		return model.FieldError("password", "Choose a password that is not your email address.")
	}
	return nil
}

// SetPassword sets a user's password and clears failed attempts and locks.
func (db *DB) SetPassword(ctx context.Context, userID, password string) error {
	u, err := db.userByID(ctx, userID)
	if err != nil {
		return err
	}
	if err := ValidatePassword(password, u.Email); err != nil {
		return err
	}
	hash := hashPassword(password)
	return db.authUpdate(ctx, func(tx *Tx) error { return tx.setPassword(userID, hash) })
}

func (tx *Tx) setPassword(userID, hash string) error {
	_, err := tx.exec(`INSERT INTO credentials (user_id, hash, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, failures = 0, retry_at = '', locked_until = '',
		updated_at = excluded.updated_at`, userID, hash, instant(tx.now))
	if err != nil {
		return fmt.Errorf("saving the password: %w", err)
	}
	return nil
}

// CheckPassword returns the user with the email when the password is
// theirs. A wrong email or password gets ErrWrongPassword; an account with
// repeated failures gets an EFORBIDDEN error saying when to try again.
func (db *DB) CheckPassword(ctx context.Context, email, password string) (model.User, error) {
	u, hash, err := db.credentialFor(ctx, email)
	if errors.Is(err, sql.ErrNoRows) {
		passwordMatches(dummyHash(), password)
		return model.User{}, ErrWrongPassword
	}
	if err != nil {
		return model.User{}, fmt.Errorf("reading the sign-in of %s: %w", email, err)
	}
	var locks bool
	err = db.authUpdate(ctx, func(tx *Tx) (err error) { locks, err = tx.reserveAttempt(u.ID); return err })
	if err != nil {
		return model.User{}, err
	}
	ok, err := passwordMatches(hash, password)
	switch {
	case err != nil:
		return model.User{}, err
	case !ok && locks:
		return model.User{}, lockedError(db.Now().Add(PasswordLockout), db.Now())
	case !ok:
		return model.User{}, ErrWrongPassword
	}
	return u, db.authUpdate(ctx, func(tx *Tx) error { return tx.clearFailures(u.ID) })
}

func (db *DB) credentialFor(ctx context.Context, email string) (model.User, string, error) {
	var u model.User
	var hash string
	err := db.read.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.kind, u.firm, u.version, c.hash
		FROM users u JOIN credentials c ON c.user_id = u.id WHERE u.email = ?`, strings.TrimSpace(email)).
		Scan(&u.ID, &u.Email, &u.Name, &u.Kind, &u.Firm, &u.Version, &hash)
	return u, hash, err
}

// reserveAttempt refuses an attempt while the account is locked or slowed
// down, and otherwise counts it as failed before the password is compared,
// so that attempts made in parallel cannot get around the delay. It
// reports whether this attempt, if wrong, locks the account.
func (tx *Tx) reserveAttempt(userID string) (locks bool, err error) {
	var failures int
	var retryAt, lockedUntil time.Time
	err = tx.QueryRowContext(tx.ctx, `SELECT failures, retry_at, locked_until FROM credentials WHERE user_id = ?`, userID).
		Scan(&failures, instantCol{&retryAt}, instantCol{&lockedUntil})
	if err != nil {
		return false, fmt.Errorf("reading failed attempts: %w", err)
	}
	switch {
	case tx.now.Before(lockedUntil):
		return false, lockedError(lockedUntil, tx.now)
	case tx.now.Before(retryAt):
		wait := int(retryAt.Sub(tx.now).Round(time.Second) / time.Second)
		return false, model.Errorf(model.EFORBIDDEN,
			"There were several wrong attempts in a row. Wait %d seconds, then try again.", max(wait, 1))
	}
	n := failures + 1
	if n >= MaxPasswordFailures {
		_, err = tx.exec(`UPDATE credentials SET failures = 0, retry_at = '', locked_until = ? WHERE user_id = ?`,
			instant(tx.now.Add(PasswordLockout)), userID)
		return true, err
	}
	_, err = tx.exec(`UPDATE credentials SET failures = ?, retry_at = ? WHERE user_id = ?`,
		n, instant(tx.now.Add(failureDelay(n))), userID)
	return false, err
}

func (tx *Tx) clearFailures(userID string) error {
	_, err := tx.exec(`UPDATE credentials SET failures = 0, retry_at = '', locked_until = '' WHERE user_id = ?`, userID)
	return err
}

func lockedError(until, now time.Time) error {
	mins := int((until.Sub(now) + time.Minute - 1) / time.Minute)
	return model.Errorf(model.EFORBIDDEN,
		"Too many wrong attempts: signing in to this account is locked until %s UTC (in %d minutes). Try again then.",
		until.UTC().Format("3:04 PM"), mins)
}

// userByID returns one user.
func (db *DB) userByID(ctx context.Context, id string) (model.User, error) {
	var u model.User
	err := db.read.QueryRowContext(ctx, `SELECT id, email, name, kind, firm, version FROM users WHERE id = ?`, id).
		Scan(&u.ID, &u.Email, &u.Name, &u.Kind, &u.Firm, &u.Version)
	return u, notFound(err, "There is no such user.")
}

// UserByID returns one user, for the account service's token checks.
func (db *DB) UserByID(ctx context.Context, id string) (model.User, error) {
	return db.userByID(ctx, id)
}
