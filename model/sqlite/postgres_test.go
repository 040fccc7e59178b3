package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// The PostgreSQL tests run when GROUPDESK_TEST_POSTGRES names a server
// (make test starts one with scripts/postgres.sh); each makes its own
// database there and drops it at the end.

func pgServerURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("GROUPDESK_TEST_POSTGRES")
	if u == "" {
		t.Skip("GROUPDESK_TEST_POSTGRES is not set: no PostgreSQL server to test on (make test starts one)")
	}
	return u
}

// newPostgresDB creates an empty database on the test server and returns
// its URL.
func newPostgresDB(t *testing.T) string {
	t.Helper()
	server := pgServerURL(t)
	admin, err := sql.Open(PostgresDriver, server)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "gd_store_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, _ := url.Parse(server)
	u.Path = "/" + name
	return u.String()
}

func openPG(t *testing.T, dsn string) *DB {
	t.Helper()
	db, err := OpenServer(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// columns lists every table's columns as "table.column", sorted.
func columns(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out = append(out, table+"."+col)
	}
	slices.Sort(out)
	return out
}

// rowsText reads a query's rows as text, one line per row, sorted.
func rowsText(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(cols))
		for i, v := range vals {
			parts[i] = fmt.Sprintf("%s=%q", cols[i], v.String)
		}
		out = append(out, strings.Join(parts, " "))
	}
	slices.Sort(out)
	return out
}

// The PostgreSQL schema is written by hand beside the SQLite migrations;
// this keeps the two alike: the same tables and columns (but for the
// search indexes the service does not keep and the row numbers PostgreSQL
// needs spelt out), and the same seeded rules and desktop application.
func TestPostgresSchemaMatchesTheSQLiteStore(t *testing.T) {
	dsn := newPostgresDB(t)
	openPG(t, dsn)
	lite, err := Open(context.Background(), filepath.Join(t.TempDir(), "groupdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := sql.Open(PostgresDriver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()

	want := columns(t, lite.read, `SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '%search%'`)
	got := columns(t, pg, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND NOT (column_name = 'rowid' AND table_name IN ('import_batches', 'document_content'))`)
	if !slices.Equal(got, want) {
		t.Errorf("PostgreSQL columns differ from SQLite's:\n only on PostgreSQL: %v\n only on SQLite: %v", minus(got, want), minus(want, got))
	}
	for _, table := range []string{"event_rules", "retro_rules", "renewal_settings", "billing_rules", "oauth_clients"} {
		q := "SELECT * FROM " + table
		if w, g := rowsText(t, lite.read, q), rowsText(t, pg, q); !slices.Equal(g, w) || len(w) == 0 {
			t.Errorf("%s on PostgreSQL:\n%s\nwant (SQLite, %d rows):\n%s", table, strings.Join(g, "\n"), len(w), strings.Join(w, "\n"))
		}
	}
}

func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// Instances of the service that start together on a new database set it up
// once.
func TestPostgresInstancesStartingTogetherMigrateOnce(t *testing.T) {
	dsn := newPostgresDB(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			db, err := OpenServer(context.Background(), dsn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	db := openPG(t, dsn)
	var n, latest int
	if err := db.read.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &latest); err != nil {
		t.Fatal(err)
	}
	ms := pgMigrations()
	if n != len(ms) || latest != ms[len(ms)-1].version {
		t.Fatalf("schema_migrations holds %d rows up to %d, want %d up to %d", n, latest, len(ms), ms[len(ms)-1].version)
	}
}

// A database a newer accountd set up is refused, and left as it was.
func TestPostgresDatabaseOfANewerServiceIsRefusedUntouched(t *testing.T) {
	dsn := newPostgresDB(t)
	openPG(t, dsn).Close()
	raw, err := sql.Open(PostgresDriver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	_, err = OpenServer(context.Background(), dsn)
	if model.ErrorCode(err) != model.EFORMAT || !strings.Contains(model.ErrorMessage(err), "newer accountd") {
		t.Fatalf("opening a database of schema 999: %v, want EFORMAT naming a newer accountd", err)
	}
	if strings.Contains(err.Error(), "@") && strings.Contains(dsn, ":") && strings.Contains(err.Error(), "password") {
		t.Fatalf("the message shows a password: %v", err)
	}
	var n int
	raw.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != len(pgMigrations())+1 {
		t.Fatalf("schema_migrations has %d rows after the refusal, want %d", n, len(pgMigrations())+1)
	}
}

// publishOne writes one change to the feed in its own write transaction;
// hold, when given, keeps the transaction open (after the change is
// written) until it is closed.
func publishOne(db *DB, id string, started chan<- struct{}, hold <-chan struct{}) error {
	return db.update(model.WithPrincipal(context.Background(), model.LocalOwner), func(tx *Tx) error {
		err := tx.publish(change{entity: model.EntityPlan, entityID: id, action: model.ActionCreate}, []byte(`{"version":1}`))
		if started != nil {
			close(started)
		}
		if hold != nil {
			<-hold
		}
		return err
	})
}

// feedAfter reads the IDs of the changes after a cursor, in order, and the
// cursor after them.
func feedAfter(t *testing.T, db *DB, cursor int64) ([]string, int64) {
	t.Helper()
	rows, err := db.read.Query(`SELECT seq, entity_id FROM changes WHERE seq > ? ORDER BY seq`, cursor)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&cursor, &id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids, cursor
}

// waitForLockWaiter waits until a transaction waits for the writers' lock.
func waitForLockWaiter(t *testing.T, db *DB) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		if err := db.read.QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no transaction came to wait for the writers' lock")
}

// A plain sequence skips: a transaction that took number 1 and commits
// after another that took number 2 is never seen by a reader whose cursor
// already passed 2. The store's change feed does not, on two instances of
// the service: the second writer waits until the first has committed, so
// numbers are handed out in commit order.
func TestPostgresFeedCursorNeverSkipsAChangeCommittedLate(t *testing.T) {
	dsn := newPostgresDB(t)
	a, b := openPG(t, dsn), openPG(t, dsn)

	// What the feed must not do, shown with plain transactions on a table
	// numbered by a sequence: the reader misses "early".
	raw, err := sql.Open(PostgresDriver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TABLE plain_feed (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	early, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := early.Exec(`INSERT INTO plain_feed (id) VALUES ('early')`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO plain_feed (id) VALUES ('late')`); err != nil {
		t.Fatal(err)
	}
	var cursor int64
	var seen []string
	readPlain := func() {
		rows, err := raw.Query(`SELECT seq, id FROM plain_feed WHERE seq > ? ORDER BY seq`, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			rows.Scan(&cursor, &id)
			seen = append(seen, id)
		}
		rows.Close()
	}
	readPlain()
	if err := early.Commit(); err != nil {
		t.Fatal(err)
	}
	readPlain()
	if !slices.Equal(seen, []string{"late"}) {
		t.Fatalf("a plain sequence read %v; the demonstration expects it to miss the early transaction", seen)
	}

	// The same interleaving through the store on two instances.
	started, hold := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() { first <- publishOne(a, "first", started, hold) }()
	<-started
	second := make(chan error, 1)
	go func() { second <- publishOne(b, "second", nil, nil) }()
	waitForLockWaiter(t, a)
	ids, cur := feedAfter(t, a, 0)
	if len(ids) != 0 {
		t.Fatalf("a reader sees %v while the first writer has not committed and the second waits", ids)
	}
	close(hold)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	ids, cur = feedAfter(t, b, cur)
	if !slices.Equal(ids, []string{"first", "second"}) {
		t.Fatalf("the feed reads %v after both commits, want [first second]", ids)
	}
	if more, _ := feedAfter(t, a, cur); len(more) != 0 {
		t.Fatalf("the cursor at %d left %v behind", cur, more)
	}
}

// Many writers on two instances at once, and a reader following the feed
// with a cursor the whole time: the reader sees every change exactly once.
func TestPostgresFeedReaderSeesEveryChangeOfConcurrentWriters(t *testing.T) {
	dsn := newPostgresDB(t)
	a, b := openPG(t, dsn), openPG(t, dsn)
	const writers, each = 8, 25
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		db := a
		if w%2 == 1 {
			db = b
		}
		wg.Go(func() {
			for i := range each {
				if err := publishOne(db, fmt.Sprintf("w%d-%d", w, i), nil, nil); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()
	seen := map[string]int{}
	var cursor int64
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		var ids []string
		ids, cursor = feedAfter(t, a, cursor)
		for _, id := range ids {
			seen[id]++
		}
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	ids, _ := feedAfter(t, b, cursor) // whatever committed after the last read
	for _, id := range ids {
		seen[id]++
	}
	for w := range writers {
		for i := range each {
			if id := fmt.Sprintf("w%d-%d", w, i); seen[id] != 1 {
				t.Errorf("change %s was read %d times, want once", id, seen[id])
			}
		}
	}
}

// serviceStores opens an empty service store on SQLite and, when a
// PostgreSQL server is given, one on PostgreSQL.
func serviceStores(t *testing.T) map[string]*DB {
	t.Helper()
	lite, err := OpenServer(context.Background(), filepath.Join(t.TempDir(), "accountd.db"))
	must(t, err)
	t.Cleanup(func() { lite.Close() })
	out := map[string]*DB{"SQLite": lite}
	if os.Getenv("GROUPDESK_TEST_POSTGRES") != "" {
		out["PostgreSQL"] = openPG(t, newPostgresDB(t))
	}
	return out
}

// On the service, the database refuses a member write that does not move
// the member's version forward, whatever the code above it checked: a
// repeated or stale change cannot land twice.
func TestTheServiceStoreRefusesAMemberWriteThatDoesNotMoveItsVersionForward(t *testing.T) {
	for name, db := range serviceStores(t) {
		t.Run(name, func(t *testing.T) {
			m := loadOneMember(t, db, "Ana", "Müller", 3)
			for _, v := range []int64{3, 2} { // the same version again, an older one
				stale := m
				stale.Version, stale.Phone = v, "555-0100"
				err := db.update(ownerCtx(), func(tx *Tx) error { return tx.writeMember(&stale, false) })
				if model.ErrorCode(err) != model.ECONFLICT {
					t.Fatalf("writing version %d over version 3: %v, want a conflict", v, err)
				}
			}
			next := m
			next.Version, next.Phone = 4, "555-0199"
			must(t, db.update(ownerCtx(), func(tx *Tx) error { return tx.writeMember(&next, false) }))
			var phone string
			var version int64
			must(t, db.read.QueryRow(`SELECT phone, version FROM members WHERE id = ?`, m.ID).Scan(&phone, &version))
			if phone != "555-0199" || version != 4 {
				t.Fatalf("member after the writes: phone %q version %d, want 555-0199 at 4", phone, version)
			}
		})
	}
}

// The feed holds each entity once, at its latest change: an entity changed
// again moves past everything written since, on either store.
func TestTheServiceStoreFeedMovesAChangedEntityToTheEnd(t *testing.T) {
	for name, db := range serviceStores(t) {
		t.Run(name, func(t *testing.T) {
			for _, id := range []string{"x", "y", "x"} {
				must(t, publishOne(db, id, nil, nil))
			}
			ids, cursor := feedAfter(t, db, 0)
			if !slices.Equal(ids, []string{"y", "x"}) {
				t.Fatalf("the feed reads %v, want [y x]", ids)
			}
			must(t, publishOne(db, "y", nil, nil))
			if ids, _ := feedAfter(t, db, cursor); !slices.Equal(ids, []string{"y"}) {
				t.Fatalf("after y changed again a reader at the end reads %v, want [y]", ids)
			}
		})
	}
}

// An operation sent twice in one batch (and again in the next) is applied
// once and answered alike each time, on either store.
func TestTheServiceStoreAppliesAnOperationSentTwiceInABatchOnce(t *testing.T) {
	for name, db := range serviceStores(t) {
		t.Run(name, func(t *testing.T) {
			m := loadOneMember(t, db, "Łukasz", "Nguyễn", 1)
			edited := m
			edited.Phone = "555-0123"
			payload, _ := json.Marshal(edited)
			op := model.Operation{ID: "op-twice", GroupID: m.GroupID, Entity: model.EntityMember, EntityID: m.ID,
				Action: model.ActionUpdate, BaseVersion: 1, Payload: payload}
			res, err := db.ApplyOps(ownerCtx(), []model.Operation{op, op})
			must(t, err)
			again, err := db.ApplyOps(ownerCtx(), []model.Operation{op})
			must(t, err)
			if res[0].Status != model.ResultApplied || res[0].Version != 2 || !reflect.DeepEqual(res[1], res[0]) || !reflect.DeepEqual(again[0], res[0]) {
				t.Fatalf("answers %+v, then %+v: want one applied at version 2, answered alike three times", res, again)
			}
			var version, kept, updates int64
			must(t, db.read.QueryRow(`SELECT version FROM members WHERE id = ?`, m.ID).Scan(&version))
			must(t, db.read.QueryRow(`SELECT count(*) FROM applied_ops WHERE id = ?`, op.ID).Scan(&kept))
			must(t, db.read.QueryRow(`SELECT count(*) FROM audit WHERE entity_id = ? AND action = 'update'`, m.ID).Scan(&updates))
			if version != 2 || kept != 1 || updates != 1 {
				t.Fatalf("member at version %d, %d stored answers, %d updates audited: want 2, 1, 1", version, kept, updates)
			}
		})
	}
}

// loadOneMember loads a service store with one small group (g1) and one
// subscriber (m1) of that name at that version, and returns the subscriber.
func loadOneMember(t *testing.T, db *DB, first, last string, version int64) model.Member {
	t.Helper()
	g := model.Group{ID: "g1", Number: "G-1", Name: "Acme Tools", Segment: model.SegmentSmall, EffectiveDate: model.MustDate("2020-01-01")}
	m := model.Member{ID: "m1", GroupID: g.ID, EmployeeID: "E1", Relationship: model.RelEmployee, FirstName: first, LastName: last,
		DateOfBirth: model.MustDate("1980-05-01"), Gender: "U", PlanID: "p1", Tier: model.TierEE, Status: model.StatusActive,
		Effective: model.MustDate("2020-01-01"), Version: version}
	must(t, db.Load(ownerCtx(), &model.Book{Groups: []model.Group{g}, Members: []model.Member{m}}, nil))
	return m
}
