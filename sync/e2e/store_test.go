package e2e_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/groupdesk/groupdesk/model/sqlite"
)

// The end-to-end tests run accountd on an SQLite file. With
// GROUPDESK_TEST_POSTGRES set to the URL of a PostgreSQL server (make test
// starts one, see scripts/with-postgres.sh) and GROUPDESK_E2E_STORE=postgres,
// the same tests run with accountd on PostgreSQL: each service database is
// then a database on that server, copied from the seeded template with
// CREATE DATABASE … TEMPLATE; the tests of several instances on one
// database run then too. The benchmarks on PostgreSQL need the server only
// (make bench compares them with SQLite in one run).
var (
	pgServer  = os.Getenv("GROUPDESK_TEST_POSTGRES")
	storeKind = os.Getenv("GROUPDESK_E2E_STORE")
)

// onPostgres reports whether this run's service databases are on PostgreSQL.
func onPostgres() bool { return pgServer != "" && storeKind == "postgres" }

// storeName names the store the run's services use, for messages.
func storeName() string {
	if onPostgres() {
		return "PostgreSQL"
	}
	return "SQLite"
}

var pgAdminOnce struct {
	sync.Once
	db  *sql.DB
	err error
}

// pgAdmin is a connection to the PostgreSQL server's maintenance database.
func pgAdmin() (*sql.DB, error) {
	pgAdminOnce.Do(func() {
		pgAdminOnce.db, pgAdminOnce.err = sql.Open(sqlite.PostgresDriver, pgServer)
	})
	return pgAdminOnce.db, pgAdminOnce.err
}

// pgURL is the URL of the database name on the test server.
func pgURL(name string) string {
	u, err := url.Parse(pgServer)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

// pgName is the database name in a URL made by pgURL.
func pgName(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		panic(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

func uniqueName(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + "_" + hex.EncodeToString(b)
}

// newServiceDB returns where a new, empty service database goes: a file
// named name in dir, or a new database on the PostgreSQL server when the
// run's store is PostgreSQL.
func newServiceDB(dir, name string) (string, error) {
	return newServiceDBOn(onPostgres(), dir, name)
}

// newServiceDBOn is newServiceDB on the store chosen by pg.
func newServiceDBOn(pg bool, dir, name string) (string, error) {
	if !pg {
		return filepath.Join(dir, name+".db"), nil
	}
	admin, err := pgAdmin()
	if err != nil {
		return "", err
	}
	db := uniqueName("gd_" + strings.ReplaceAll(name, "-", "_"))
	if _, err := admin.Exec("CREATE DATABASE " + db); err != nil {
		return "", fmt.Errorf("creating database %s: %w", db, err)
	}
	return pgURL(db), nil
}

// copyServiceDB copies a seeded service database for one test and removes
// the copy when the test ends.
func copyServiceDB(tb testing.TB, template string) string {
	tb.Helper()
	if !sqlite.IsPostgres(template) {
		path := filepath.Join(tb.TempDir(), "accountd.db")
		copyFile(tb, template, path)
		return path
	}
	admin, err := pgAdmin()
	if err != nil {
		tb.Fatal(err)
	}
	db := uniqueName("gd_test")
	if _, err := admin.Exec("CREATE DATABASE " + db + " TEMPLATE " + pgName(template)); err != nil {
		tb.Fatalf("copying %s: %v", pgName(template), err)
	}
	tb.Cleanup(func() { dropDatabase(db) })
	return pgURL(db)
}

// dropDatabase removes a test's database, closing what is still connected.
func dropDatabase(name string) {
	if admin, err := pgAdmin(); err == nil {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	}
}

// openSQL opens a GroupDesk database — a desktop's or a service's SQLite
// file, or a service's PostgreSQL database — for plain SQL in the store's
// dialect ("?" placeholders).
func openSQL(dsn string, readOnly bool) (*sql.DB, error) {
	if sqlite.IsPostgres(dsn) {
		return sql.Open(sqlite.PostgresDriver, dsn)
	}
	q := "?_busy_timeout=10000"
	if readOnly {
		q = "?mode=ro"
	}
	return sql.Open("sqlite3", "file:"+dsn+q)
}

// jsonText is the SQL of a text field of a JSON column, on either store.
func jsonText(column, field string) string {
	if onPostgres() {
		return "(" + column + "::jsonb ->> '" + field + "')"
	}
	return "json_extract(" + column + ", '$." + field + "')"
}
