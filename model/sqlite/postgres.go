package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// An account service that outgrows one process runs several accountd
// instances on one PostgreSQL database. The store's SQL is written once, in
// the dialect both databases share; the connection below makes the few
// differences disappear:
//
//   - placeholders are written "?" and sent as $1, $2, …;
//   - booleans travel as 0 and 1, as SQLite stores them;
//   - every write transaction first takes one transaction-scoped advisory
//     lock, so that writers run one at a time across every instance, as on
//     SQLite. The audit log is a hash chain (each entry names the hash of
//     the one before), which has one order by nature; and the change feed's
//     sequence numbers are then handed out in commit order, so a reader's
//     cursor can never pass a number whose transaction has yet to commit.
//     Reads do not take the lock and run side by side on every instance.
//
// Beneath the lock the database itself enforces what must never happen
// twice: an operation ID is the primary key of applied_ops, and on the
// service a member write must move the member's version forward (a
// conditional update, see writeMember).

// writerLock is the advisory lock every write transaction holds until it
// commits or rolls back ("GDsk" as a number, like the SQLite application ID).
const writerLock = ApplicationID

// PostgresDriver is the database/sql driver name under which the store's
// PostgreSQL connections (placeholders written "?", booleans as 0 and 1,
// no writers' lock) are registered, for reading a service's database with
// the same SQL as an SQLite file: sql.Open(sqlite.PostgresDriver, url).
const PostgresDriver = "groupdesk-postgres"

func init() {
	sql.Register(PostgresDriver, pgDriver{})
}

type pgDriver struct{}

func (pgDriver) Open(name string) (driver.Conn, error) {
	c, err := pgDriver{}.OpenConnector(name)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

func (pgDriver) OpenConnector(name string) (driver.Connector, error) {
	cfg, err := pgx.ParseConfig(name)
	if err != nil {
		return nil, err
	}
	return pgConnector{stdlib.GetConnector(*cfg), false}, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than an
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// OpenPostgres opens the GroupDesk database at a postgres:// URL and brings
// its schema up to date; several processes may do so at once.
func OpenPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "%s is not a PostgreSQL URL (postgres://USER@HOST[:PORT]/DATABASE): %v", redactURL(dsn), err)
	}
	db := &DB{Path: redactURL(dsn), Now: time.Now, pg: true}
	db.write = sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg), true})
	db.write.SetMaxOpenConns(8)
	db.read = sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg), false})
	db.read.SetMaxOpenConns(16)
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, &model.Error{Code: model.EINVALID, Message: fmt.Sprintf(
			"Cannot open the PostgreSQL database %s: %v. Check that the server runs and takes connections from here, and that the database exists (createdb NAME); accountd creates its tables itself.",
			db.Path, pgReason(err))}
	}
	if err := db.migratePostgres(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// redactURL is a URL fit for a message or a log: without its password.
func redactURL(dsn string) string {
	if u, err := url.Parse(dsn); err == nil {
		return u.Redacted()
	}
	return urlPassword.ReplaceAllString(dsn, "${1}xxxxx@")
}

// urlPassword finds the password of a URL that does not parse.
var urlPassword = regexp.MustCompile(`^([a-z]+://[^:@/]*:)[^@/]*@`)

// pgReason is the last line of a connection error without the address it
// starts with: pgx lists every address it tried, and the last says why.
func pgReason(err error) string {
	msg := strings.TrimSpace(err.Error())
	if i := strings.LastIndex(msg, "\n"); i >= 0 {
		msg = strings.TrimSpace(msg[i+1:])
	}
	return triedAddress.ReplaceAllString(msg, "")
}

// triedAddress is the "HOST:PORT (ADDRESS): " a line of pgx's errors starts with.
var triedAddress = regexp.MustCompile(`^\S+ \([^)]*\): `)

//go:embed postgres/*.sql
var pgMigrationFS embed.FS

func pgMigrations() []migration { return readMigrations(pgMigrationFS, "postgres") }

// migratePostgres applies the PostgreSQL migrations the database lacks, all
// under the writers' lock so that instances starting together migrate once.
// A database a newer GroupDesk migrated is refused untouched.
func (db *DB) migratePostgres(ctx context.Context) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("connecting to %s: %w", db.Path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("preparing migrations: %w", err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	ms := pgMigrations()
	if latest := ms[len(ms)-1].version; current > latest {
		return &model.Error{Code: model.EFORMAT, Message: fmt.Sprintf(
			"%s was set up by a newer accountd (database schema %d; this version knows up to %d). Update accountd to use it. Nothing was changed.",
			db.Path, current, latest)}
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("recording migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// pgConnector opens connections to PostgreSQL that speak the store's SQL;
// lock marks the writers' pool, whose transactions take the writers' lock.
type pgConnector struct {
	inner driver.Connector
	lock  bool
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn), lock: c.lock}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is one connection: pgx's, with the store's placeholders rewritten.
type pgConn struct {
	*stdlib.Conn
	lock bool
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(rebind(query))
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, rebind(query), args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, rebind(query), args)
}

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil || !c.lock {
		return tx, err
	}
	if _, err := c.Conn.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", []driver.NamedValue{{Ordinal: 1, Value: int64(writerLock)}}); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("waiting for the writers' lock: %w", err)
	}
	return tx, nil
}

// CheckNamedValue sends booleans as 0 and 1, the store's integer flags.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
	}
	return c.Conn.CheckNamedValue(nv)
}

// rebind numbers the "?" placeholders of a statement $1, $2, … (and writes
// SQLite's numbered "?N" as $N), leaving those inside quoted text and
// identifiers alone.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		ch := query[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '?':
			b.WriteByte('$')
			if i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9' {
				continue // ?N is $N
			}
			n++
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}
