package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/groupdesk/groupdesk/model"
)

// CopyDatabase copies a closed database file to a new path and proves the
// copy: every change in the write-ahead log is first checkpointed into the
// file, the copy is written beside its destination and renamed into place
// once it is on disk, it must hash the same as the original, pass SQLite's
// integrity check, and open. The original is not changed (beyond the
// checkpoint) and is the caller's to remove once it has opened the copy.
func CopyDatabase(ctx context.Context, from, to string) error {
	if _, err := os.Stat(to); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already exists. Choose a folder without a GroupDesk database in it.", to)
	}
	if err := checkpoint(ctx, from); err != nil {
		return err
	}
	if err := copyFile(from, to); err != nil {
		os.Remove(to)
		return err
	}
	if err := verifyCopy(ctx, from, to); err != nil {
		os.Remove(to)
		return err
	}
	return nil
}

// checkpoint moves every change of the write-ahead log into the database
// file and empties the log; it fails while another program has it open.
func checkpoint(ctx context.Context, path string) error {
	raw, err := sql.Open(driverName, dsn(path))
	if err != nil {
		return err
	}
	defer raw.Close()
	var busy, logged, done int
	if err := raw.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil {
		return fmt.Errorf("checkpointing %s: %w", path, err)
	}
	if busy != 0 {
		return model.Errorf(model.ECONFLICT, "%s is in use by another program. Close it and try again.", path)
	}
	return nil
}

// copyFile writes from to a temporary file beside to, syncs it, and renames
// it into place, so that to never exists half-written.
func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	tmp := to + ".part"
	dst, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("creating the copy: %w", err)
	}
	_, err = io.Copy(dst, src)
	err = errors.Join(err, dst.Sync(), dst.Close())
	if err == nil {
		err = os.Rename(tmp, to)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("copying %s to %s: %w", from, to, err)
	}
	if dir, err := os.Open(filepath.Dir(to)); err == nil {
		dir.Sync() // the rename itself on disk; not every system allows it
		dir.Close()
	}
	return nil
}

// verifyCopy proves the copy: the same bytes, sound to SQLite, and a
// GroupDesk database that opens.
func verifyCopy(ctx context.Context, from, to string) error {
	a, err := fileHash(from)
	if err != nil {
		return err
	}
	b, err := fileHash(to)
	if err != nil {
		return err
	}
	if a != b {
		return fmt.Errorf("the copy of %s differs from the original", from)
	}
	raw, err := sql.Open(driverName, dsn(to, "mode=ro"))
	if err != nil {
		return err
	}
	var check string
	err = raw.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check)
	raw.Close()
	if err != nil || check != "ok" {
		return fmt.Errorf("the copy %s fails SQLite's integrity check: %s %v", to, check, err)
	}
	db, err := Open(ctx, to)
	if err != nil {
		return err
	}
	return db.Close()
}

func fileHash(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}
