package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Meta keys.
const (
	MetaDemoLoaded = "demo_loaded" // the demo book's seed, once it was loaded
)

// Meta returns a stored setting of this database, or "" when unset.
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading setting %s: %w", key, err)
	}
	return v, nil
}

// SetMeta stores a setting of this database.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("saving setting %s: %w", key, err)
	}
	return nil
}

// IsEmpty reports whether the database holds no group.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM groups LIMIT 1) AS one`).Scan(&n); err != nil {
		return false, err
	}
	return n == 0, nil
}
