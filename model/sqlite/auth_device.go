package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/groupdesk/groupdesk/model"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// Device authorization states (RFC 8628).
const (
	DevicePending  = "pending"
	DeviceApproved = "approved"
	DeviceDenied   = "denied"
	DeviceIssued   = "issued" // tokens were handed to the device once
)

// DeviceAuth is a device authorization: the app polls with its device code
// while the person enters the user code on the service's page.
type DeviceAuth struct {
	ID        string
	ClientID  string
	UserCode  string
	Scopes    []string
	State     string
	UserID    string
	AuthTime  time.Time
	ExpiresAt time.Time
}

// ErrDuplicateUserCode says a new user code collided with a live one.
var ErrDuplicateUserCode = errors.New("user code already in use")

var errUserCodeUnknown = model.FieldError("user_code",
	"That code is not right or has expired. Check the code GroupDesk shows, or start again in GroupDesk to get a new one.")

// NormalizeUserCode drops what a person may add to a user code (dashes,
// spaces, lower case).
func NormalizeUserCode(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}

const deviceCols = `id, client_id, user_code, scopes, state, user_id, auth_time, expires_at`

func scanDevice(s scanner, d *DeviceAuth) error {
	return s.Scan(&d.ID, &d.ClientID, &d.UserCode, listCol{&d.Scopes}, &d.State, &d.UserID,
		instantCol{&d.AuthTime}, instantCol{&d.ExpiresAt})
}

// StoreDeviceAuth stores a new device authorization valid for lifetime and
// forgets expired ones, whose user codes may then be issued again.
func (db *DB) StoreDeviceAuth(ctx context.Context, clientID, deviceCode, userCode string, lifetime time.Duration, scopes []string) error {
	err := db.authUpdate(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM device_authorizations WHERE expires_at < ?`, instant(tx.now)); err != nil {
			return err
		}
		_, err := tx.exec(`INSERT INTO device_authorizations (id, device_code_hash, user_code, client_id, scopes, created_at, expires_at)
			VALUES (?,?,?,?,?,?,?)`, newID(), hashSecret(deviceCode), NormalizeUserCode(userCode), clientID, jsonList(scopes),
			instant(tx.now), instant(tx.now.Add(lifetime)))
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
			return ErrDuplicateUserCode
		}
		return err
	})
	if errors.Is(err, ErrDuplicateUserCode) {
		return ErrDuplicateUserCode
	}
	return err
}

// PendingDeviceAuth returns the live, pending authorization of a user code.
func (db *DB) PendingDeviceAuth(ctx context.Context, userCode string) (DeviceAuth, error) {
	var d DeviceAuth
	err := scanDevice(db.read.QueryRowContext(ctx, `SELECT `+deviceCols+` FROM device_authorizations
		WHERE user_code = ? AND state = 'pending' AND expires_at > ?`, NormalizeUserCode(userCode), instant(db.Now())), &d)
	if err != nil {
		return d, notFound(err, errUserCodeUnknown.Message)
	}
	return d, nil
}

// ApproveDevice records that the person signed in as userID approved the
// device with the user code.
func (db *DB) ApproveDevice(ctx context.Context, userCode, userID string) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE device_authorizations SET state = 'approved', user_id = ?, auth_time = ?
			WHERE user_code = ? AND state = 'pending' AND expires_at > ?`, userID, instant(tx.now), NormalizeUserCode(userCode), instant(tx.now))
		if err != nil {
			return fmt.Errorf("approving the device: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errUserCodeUnknown
		}
		return nil
	})
}

// TakeDeviceAuth returns the state of a device authorization for the
// device polling with its code. An approved one is returned once: it turns
// to "issued", so a device code yields tokens a single time.
func (db *DB) TakeDeviceAuth(ctx context.Context, clientID, deviceCode string) (DeviceAuth, error) {
	var d DeviceAuth
	err := db.authUpdate(ctx, func(tx *Tx) error {
		err := scanDevice(tx.QueryRowContext(tx.ctx, `SELECT `+deviceCols+` FROM device_authorizations
			WHERE device_code_hash = ? AND client_id = ?`, hashSecret(deviceCode), clientID), &d)
		if err != nil {
			return notFound(err, "The device code is not valid.")
		}
		if d.State != DeviceApproved {
			return nil
		}
		_, err = tx.exec(`UPDATE device_authorizations SET state = 'issued' WHERE id = ?`, d.ID)
		return err
	})
	return d, err
}
