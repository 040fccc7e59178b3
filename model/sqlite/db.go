package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/groupdesk/groupdesk/model"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// ApplicationID marks an SQLite file as a GroupDesk database (PRAGMA
// application_id; the bytes spell "GDsk").
const ApplicationID = 0x4744736b

// driverName is the SQLite driver with GroupDesk's per-connection settings.
const driverName = "sqlite3_groupdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// Statement journals and sorts in memory: a statement journal in a
		// temporary file costs a write of every page a statement touches,
		// which made bulk enrolment many times slower. Reads through a
		// memory map: each connection's own page cache is small, and a
		// search that visits a few thousand rows paid a system call each.
		_, err := c.Exec("PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 1073741824", nil)
		return err
	}})
}

// DB is an open GroupDesk database: one writer connection (SQLite allows one
// writer at a time; queuing in Go is cheaper than busy retries) and a pool of
// readers that never block it, thanks to WAL.
type DB struct {
	Path string
	// Now is the clock; tests replace it.
	Now func() time.Time

	write *sql.DB
	read  *sql.DB
	// server marks an account service's database: changes go to the
	// change feed instead of an outbox.
	server bool
	// pg marks a PostgreSQL database (see postgres.go).
	pg bool
	// copying is the copy of the WAL into the database that a pull
	// leaves running when it ends (see StartPull); Close waits for it,
	// and once closing is set no copy starts.
	copying sync.WaitGroup
	mu      sync.Mutex // guards closing
	closing bool
}

// Open opens the GroupDesk database at path, creating it (mode 0600) when it
// does not exist, and brings its schema up to date. A file that is not a
// GroupDesk database, or that a newer GroupDesk wrote, is refused with an
// EFORMAT error and left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if err := createFile(path); err != nil {
		return nil, err
	}
	db := &DB{Path: path, Now: time.Now}
	var err error
	// Neither pool's connections take SQLite's mutex on each call
	// ("_mutex=no"): database/sql hands a connection to one goroutine at a
	// time, and a bulk write made some hundred lock calls per row.
	db.write, err = sql.Open(driverName, dsn(path, "_txlock=immediate", "_journal_mode=WAL", "_synchronous=NORMAL", writerCache, "_mutex=no"))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetConnMaxIdleTime(0)
	if err := db.migrate(ctx); err != nil {
		db.write.Close()
		return nil, err
	}
	db.read, err = sql.Open(driverName, dsn(path, readerOptions...))
	if err != nil {
		db.write.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.read.SetMaxOpenConns(4)
	return db, nil
}

// readerOptions open a connection that only reads, without SQLite's mutex.
var readerOptions = []string{"_query_only=1", "_mutex=no"}

// writerCache is the writer's page cache (KiB when negative). A bulk write
// (an import, a load) touches index pages all over the file; with SQLite's
// default 2 MiB they are written to the WAL and read back many times.
const writerCache = "_cache_size=-32768"

func dsn(path string, extra ...string) string {
	q := "_foreign_keys=1&_busy_timeout=10000"
	for _, e := range extra {
		q += "&" + e
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q
}

// Close closes both pools, checkpointing the WAL.
func (db *DB) Close() error {
	db.mu.Lock()
	db.closing = true
	db.mu.Unlock()
	db.copying.Wait()
	var errs []error
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		if !db.pg {
			_, _ = db.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// createFile creates an empty database file readable by its owner only, so
// that SQLite (which gives its journal files the database's mode) never
// writes member data to a file others can read.
func createFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the folder for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	switch {
	case errors.Is(err, os.ErrExist):
		return nil
	case err != nil:
		return fmt.Errorf("creating %s: %w", path, err)
	}
	return f.Close()
}

// checkFile reads the SQLite header of an existing file without opening it
// as a database, so that a foreign or newer file is never modified (not even
// switched to WAL).
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	hdr := make([]byte, 100)
	n, err := io.ReadFull(f, hdr)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil // an empty file becomes a new database
	}
	if err != nil || !bytes.HasPrefix(hdr, []byte("SQLite format 3\x00")) {
		return &model.Error{Code: model.EFORMAT, Message: fmt.Sprintf("%s is not a GroupDesk database: it is not an SQLite file. Nothing was changed.", path)}
	}
	appID := binary.BigEndian.Uint32(hdr[68:72])
	userVersion := int(binary.BigEndian.Uint32(hdr[60:64]))
	if err := checkHeader(path, appID, userVersion); err != nil || appID == ApplicationID {
		return err
	}
	// application_id 0 in the file: an empty SQLite file is fine, one with
	// tables is not ours. Unless SQLite itself reads it as ours: the header
	// that says so may still be in the write-ahead log, when the process
	// that created the database died before its first checkpoint.
	appID, userVersion, tables, err := headerThroughWAL(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	if appID == ApplicationID {
		return checkHeader(path, appID, userVersion)
	}
	if tables > 0 {
		return &model.Error{Code: model.EFORMAT, Message: fmt.Sprintf("%s is an SQLite database but not a GroupDesk database. Nothing was changed.", path)}
	}
	return nil
}

// checkHeader refuses another application's database and a GroupDesk
// database whose schema is newer than this version knows.
func checkHeader(path string, appID uint32, userVersion int) error {
	switch {
	case appID == ApplicationID && userVersion > latestVersion():
		return &model.Error{Code: model.EFORMAT, Message: fmt.Sprintf(
			"%s was written by a newer GroupDesk (database schema %d; this version knows up to %d). Update GroupDesk to open it. Nothing was changed.",
			path, userVersion, latestVersion())}
	case appID != ApplicationID && appID != 0:
		return &model.Error{Code: model.EFORMAT, Message: fmt.Sprintf("%s is an SQLite database of another application, not GroupDesk. Nothing was changed.", path)}
	}
	return nil
}

// headerThroughWAL reads the database's application_id, schema version and
// number of tables as SQLite sees them, write-ahead log included, without
// writing to it.
func headerThroughWAL(path string) (appID uint32, userVersion, tables int, err error) {
	ro, err := sql.Open("sqlite3", dsn(path, "mode=ro"))
	if err != nil {
		return 0, 0, 0, err
	}
	defer ro.Close()
	err = ro.QueryRow("SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)").
		Scan(&appID, &userVersion, &tables)
	return appID, userVersion, tables, err
}

// formatError maps driver errors to domain errors at the edge: constraint
// failures become EINVALID or ECONFLICT with a message a person can act on.
func formatError(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return &model.Error{Code: model.ECONFLICT, Message: "A record with the same key already exists."}
	case sqlite3.ErrConstraintForeignKey:
		return &model.Error{Code: model.EINVALID, Message: "The record refers to something that does not exist."}
	case sqlite3.ErrConstraintCheck, sqlite3.ErrConstraintNotNull:
		return &model.Error{Code: model.EINVALID, Message: "A value is not allowed: " + se.Error()}
	}
	return err
}
