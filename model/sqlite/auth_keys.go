package sqlite

import (
	"context"
	"fmt"
)

// Kinds of the account service's own keys.
const (
	KeyRSA = "rsa" // signs ID tokens (PKCS #8, DER)
	KeyAES = "aes" // seals authorization codes and access tokens (32 bytes)
)

// AuthKey returns the service's key of a kind, generating and storing it
// on first use. Two services starting at once on the same file end up with
// the same key.
func (db *DB) AuthKey(ctx context.Context, kind string, generate func() ([]byte, error)) (id string, secret []byte, err error) {
	id, secret, err = db.readAuthKey(ctx, kind)
	if err == nil {
		return id, secret, nil
	}
	fresh, err := generate()
	if err != nil {
		return "", nil, fmt.Errorf("generating the %s key: %w", kind, err)
	}
	err = db.authUpdate(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO auth_keys (id, kind, secret, created_at) VALUES (?,?,?,?) ON CONFLICT (kind) DO NOTHING`,
			newID(), kind, fresh, instant(tx.now))
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("saving the %s key: %w", kind, err)
	}
	return db.readAuthKey(ctx, kind)
}

func (db *DB) readAuthKey(ctx context.Context, kind string) (string, []byte, error) {
	var id string
	var secret []byte
	err := db.read.QueryRowContext(ctx, `SELECT id, secret FROM auth_keys WHERE kind = ?`, kind).Scan(&id, &secret)
	return id, secret, err
}
