package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// The account service's sign-in records (auth*.go) live beside the domain in
// the same file. Secrets are stored as their SHA-256 only, so a copy of the
// database does not sign anyone in.

// accountService is the principal of the service's own sign-in writes
// (failed attempts, tokens) when no one is signed in yet.
var accountService = &model.Principal{UserID: "accountd", Name: "Account service", System: true}

// authUpdate runs fn in one write transaction as the caller, or as the
// account service when the context carries no principal.
func (db *DB) authUpdate(ctx context.Context, fn func(tx *Tx) error) error {
	if model.PrincipalFrom(ctx) == nil {
		ctx = model.WithPrincipal(ctx, accountService)
	}
	return db.update(ctx, fn)
}

// instantLayout is fixed-width, so that the text of two instants compares
// as the instants do (RFC3339Nano drops trailing zeros and does not).
const instantLayout = "2006-01-02T15:04:05.000000000Z"

func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(instantLayout)
}

// newSecret returns prefix followed by 256 random bits, URL-safe.
func newSecret(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashSecret is what the database keeps of a secret.
func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func jsonList(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// listCol reads a JSON array of strings.
type listCol struct{ v *[]string }

func (c listCol) Scan(src any) error {
	var b []byte
	switch s := src.(type) {
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		*c.v = nil
		return nil
	}
	return json.Unmarshal(b, c.v)
}

// notFound maps sql.ErrNoRows to an ENOTFOUND error with the message.
func notFound(err error, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "%s", msg)
	}
	return err
}

// instantCol reads an instant column written by instant (” when unset).
type instantCol struct{ t *time.Time }

func (c instantCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	}
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	*c.t = t
	return err
}
