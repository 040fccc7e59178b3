package sqlite

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration { return readMigrations(migrationFS, "migrations") }

// readMigrations reads the numbered SQL files of dir, in order.
func readMigrations(fsys embed.FS, dir string) []migration {
	names, _ := fs.Glob(fsys, dir+"/*.sql")
	sort.Strings(names)
	out := make([]migration, 0, len(names))
	for _, n := range names {
		base := strings.TrimPrefix(n, dir+"/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			panic("migration without a number: " + n)
		}
		if len(out) > 0 && out[len(out)-1].version == v {
			panic(fmt.Sprintf("two migrations are numbered %d: %s and %s", v, out[len(out)-1].name, base))
		}
		b, _ := fsys.ReadFile(n)
		out = append(out, migration{v, base, string(b)})
	}
	return out
}

func latestVersion() int {
	ms := migrations()
	return ms[len(ms)-1].version
}

// migrate applies every migration newer than the database's user_version,
// each in its own transaction together with its record in schema_migrations.
func (db *DB) migrate(ctx context.Context) error {
	// checkFile read the header on disk; a crash can leave newer values in
	// the WAL, so check again what SQLite sees before writing anything.
	var current, appID int
	if err := db.write.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if err := db.write.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("reading the application id: %w", err)
	}
	if err := checkHeader(db.Path, uint32(appID), current); err != nil {
		return err
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("preparing migrations: %w", err)
	}
	if current > 0 {
		// A first sync that did not finish left member indexes to build.
		if err := db.buildDeferredIndexes(ctx); err != nil {
			return fmt.Errorf("building the member indexes: %w", err)
		}
	}
	for _, m := range migrations() {
		if m.version <= current {
			continue
		}
		if err := db.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, m migration) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := []string{
		m.sql,
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", m.version),
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("recording migration %s: %w", m.name, err)
	}
	return tx.Commit()
}
