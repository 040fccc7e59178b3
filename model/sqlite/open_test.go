package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

func TestOpenCreatesAMigratedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "folder", "groupdesk.db")
	db, err := Open(context.Background(), path)
	must(t, err)
	defer db.Close()

	t.Run("schema_migrations has one row per migration", func(t *testing.T) {
		rows, err := db.read.Query(`SELECT version, name FROM schema_migrations ORDER BY version`)
		must(t, err)
		defer rows.Close()
		var got []migration
		for rows.Next() {
			var m migration
			must(t, rows.Scan(&m.version, &m.name))
			got = append(got, m)
		}
		want := migrations()
		if len(got) != len(want) {
			t.Fatalf("%d rows, %d migrations", len(got), len(want))
		}
		for i := range want {
			if got[i].version != want[i].version || got[i].name != want[i].name {
				t.Errorf("row %d = %d %s, want %d %s", i, got[i].version, got[i].name, want[i].version, want[i].name)
			}
		}
	})
	t.Run("user_version is the latest migration and application_id is GroupDesk's", func(t *testing.T) {
		var uv, app int
		must(t, db.read.QueryRow("PRAGMA user_version").Scan(&uv))
		must(t, db.read.QueryRow("PRAGMA application_id").Scan(&app))
		if uv != latestVersion() || app != ApplicationID {
			t.Errorf("user_version %d, application_id %#x; want %d, %#x", uv, app, latestVersion(), ApplicationID)
		}
	})
	t.Run("the journal is WAL and foreign keys are enforced", func(t *testing.T) {
		var mode string
		var fk int
		must(t, db.write.QueryRow("PRAGMA journal_mode").Scan(&mode))
		must(t, db.write.QueryRow("PRAGMA foreign_keys").Scan(&fk))
		if mode != "wal" || fk != 1 {
			t.Errorf("journal %s, foreign keys %d", mode, fk)
		}
	})
	t.Run("the file and its WAL are readable by the owner only", func(t *testing.T) {
		must(t, db.SetMeta(context.Background(), "k", "v")) // makes sure the WAL exists
		for _, p := range []string{path, path + "-wal"} {
			fi, err := os.Stat(p)
			must(t, err)
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
			}
		}
	})
	t.Run("the readers cannot write", func(t *testing.T) {
		if _, err := db.read.Exec(`INSERT INTO meta (key, value) VALUES ('x', 'y')`); err == nil {
			t.Error("a reader connection wrote")
		}
	})
	t.Run("reopening applies nothing twice and keeps the data", func(t *testing.T) {
		must(t, db.SetMeta(context.Background(), MetaDemoLoaded, "42"))
		must(t, db.Close())
		db2, err := Open(context.Background(), path)
		must(t, err)
		defer db2.Close()
		if n := count(t, db2, "schema_migrations"); n != len(migrations()) {
			t.Errorf("%d migration rows after reopening", n)
		}
		if v, err := db2.Meta(context.Background(), MetaDemoLoaded); err != nil || v != "42" {
			t.Errorf("meta %q, %v", v, err)
		}
		if empty, err := db2.IsEmpty(context.Background()); err != nil || !empty {
			t.Errorf("IsEmpty = %v, %v", empty, err)
		}
	})
}

// fileState is what a refused Open must leave alone.
type fileState struct {
	sum  [32]byte
	mode os.FileMode
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	must(t, err)
	fi, err := f.Stat()
	must(t, err)
	var s fileState
	copy(s.sum[:], h.Sum(nil))
	s.mode = fi.Mode()
	return s
}

// pngBytes is the start of a PNG file followed by binary noise.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"), bytes.Repeat([]byte{0, 0xff, 0x7f, 0x80}, 300)...)

func TestOpenRefusesFilesThatAreNotGroupDeskDatabases(t *testing.T) {
	tests := []struct {
		name    string
		make    func(t *testing.T, path string)
		wantMsg string
	}{
		{"a text file", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte("employee_id,first_name\nE1,Anna\n"), 0o644))
		}, "not an SQLite file"},
		{"a file shorter than an SQLite header", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte("SQLite"), 0o640))
		}, "not an SQLite file"},
		{"a PNG image", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, pngBytes, 0o644))
		}, "not an SQLite file"},
		{"an SQLite database of another application", func(t *testing.T, path string) {
			rawExec(t, path, "CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT)", "INSERT INTO foo (bar) VALUES ('baz')")
			must(t, os.Chmod(path, 0o644))
		}, "not a GroupDesk database"},
		{"an SQLite database with another application's id", func(t *testing.T, path string) {
			rawExec(t, path, "PRAGMA application_id = 1234", "CREATE TABLE foo (id INTEGER)")
		}, "another application"},
		{"a GroupDesk database written by a newer GroupDesk", func(t *testing.T, path string) {
			db, err := Open(context.Background(), path)
			must(t, err)
			must(t, db.CreateGroup(ownerCtx(), fullGroup("G1", "Newer")))
			must(t, db.Close())
			rawExec(t, path, "PRAGMA user_version = 999")
		}, "newer GroupDesk"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused and left untouched", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "my file.db")
			tt.make(t, path)
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Fatalf("the test left a %s file behind before opening", suffix)
				}
			}
			before := stateOf(t, path)

			db, err := Open(context.Background(), path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			wantCode(t, err, model.EFORMAT)
			msg := model.ErrorMessage(err)
			if !strings.Contains(msg, path) || !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q does not name the file or say %q", msg, tt.wantMsg)
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("the file changed: %+v, was %+v", after, before)
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("the refused open created %s", filepath.Base(path+suffix))
				}
			}
		})
	}
}

func TestOpenEmptyFileMakesANewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	must(t, os.WriteFile(path, nil, 0o600))
	db, err := Open(context.Background(), path)
	must(t, err)
	defer db.Close()
	var uv int
	must(t, db.read.QueryRow("PRAGMA user_version").Scan(&uv))
	if uv != latestVersion() {
		t.Errorf("user_version %d", uv)
	}
	must(t, db.CreateGroup(ownerCtx(), fullGroup("G1", "Fresh")))
}

// TestOpenRefusesANewerSchemaHiddenInTheWAL covers a newer database whose
// last change (the schema version) is still in its WAL, as after a crash:
// the file header alone looks current, SQLite's view is not.
func TestOpenRefusesANewerSchemaHiddenInTheWAL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	db, err := Open(context.Background(), path)
	must(t, err)
	must(t, db.Close())

	live, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	must(t, err)
	defer live.Close()
	live.SetMaxOpenConns(1)
	for _, s := range []string{"PRAGMA wal_autocheckpoint = 0", "PRAGMA user_version = 999"} {
		_, err := live.Exec(s)
		must(t, err)
	}
	// Copy the database and its WAL while the writer is still open: the
	// copy is what a crash leaves behind.
	crashed := filepath.Join(dir, "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		must(t, err)
		must(t, os.WriteFile(crashed+suffix, b, 0o600))
	}
	db2, err := Open(context.Background(), crashed)
	if err == nil {
		db2.Close()
		t.Fatal("Open accepted a database whose schema version is 999")
	}
	wantCode(t, err, model.EFORMAT)
	if !strings.Contains(model.ErrorMessage(err), crashed) {
		t.Errorf("message %q does not name the file", model.ErrorMessage(err))
	}
}

// databaseAt writes a database of the schema as of version and returns it
// opened for writing only, as the GroupDesk of that version left it.
func databaseAt(t *testing.T, path string, version int) *DB {
	t.Helper()
	old := &DB{Path: path}
	var err error
	old.write, err = sql.Open(driverName, dsn(path, "_journal_mode=WAL"))
	must(t, err)
	_, err = old.write.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`)
	must(t, err)
	for _, m := range migrations() {
		if m.version <= version {
			must(t, old.applyMigration(context.Background(), m))
		}
	}
	return old
}

// TestMigratingAVersion1Database opens a database written by the first
// schema, with members in it, and checks the later migrations rebuilt what
// search needs.
func TestMigratingAVersion1Database(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	ctx := context.Background()
	old := databaseAt(t, path, 1)
	_, err := old.write.Exec(`INSERT INTO groups (id, number, name, sort_key, segment, effective_date, version, updated_at)
		VALUES ('g1', 'G1', 'Old', 'old', 'small', '2020-01-01', 1, '2026-01-01T00:00:00Z');
		INSERT INTO members (id, group_id, employee_id, relationship, first_name, last_name, sort_key, date_of_birth,
			tier, status, effective_date, version, updated_at, ssn_last4)
		VALUES ('m1', 'g1', 'E-77', 'employee', 'Łukasz', 'Müller', 'muller' || char(1) || 'lukasz' || char(1), '1980-01-01',
			'EE', 'active', '2020-01-01', 1, '2026-01-01T00:00:00Z', '1234');
		INSERT INTO outbox (seq, id, group_id, entity, entity_id, action, base_version, payload, created_at)
		VALUES (41, 'op-old', 'g1', 'member', 'm1', 'update', 1, '{"id":"m1"}', '2026-01-01T00:00:00Z')`)
	must(t, err)
	must(t, old.write.Close())

	db, err := Open(ctx, path)
	must(t, err)
	defer db.Close()
	db.Now = func() time.Time { return testNow }
	if n := count(t, db, "schema_migrations"); n != len(migrations()) {
		t.Errorf("%d migrations recorded, want %d", n, len(migrations()))
	}
	for _, search := range []string{"mül", "luk", "E-77", "1234"} {
		page, err := db.Members(ownerCtx(), model.MemberQuery{GroupID: "g1", Search: search})
		must(t, err)
		if page.Total != 1 || len(page.Members) != 1 {
			t.Errorf("search %q after migrating found %d", search, page.Total)
		}
	}
	m, err := db.Member(ownerCtx(), "m1")
	must(t, err)
	m.LastName = "Nowak"
	must(t, db.UpdateMember(ownerCtx(), &m))
	// The operation queued under the first schema is still waiting, with
	// its payload, and the new one is queued after it.
	ops, err := db.Outbox(ownerCtx())
	must(t, err)
	if len(ops) != 2 || ops[0].ID != "op-old" || string(ops[0].Payload) != `{"id":"m1"}` || ops[1].Seq <= ops[0].Seq {
		t.Errorf("outbox after migrating and one update: %+v", ops)
	}
	for search, want := range map[string]int{"nowak": 1, "müller": 0} {
		page, err := db.Members(ownerCtx(), model.MemberQuery{GroupID: "g1", Search: search})
		must(t, err)
		if page.Total != want {
			t.Errorf("search %q after an update found %d, want %d", search, page.Total, want)
		}
	}
}

// TestMigratingInvoicesPutsTheirLinesLast opens a database written before
// an invoice's lines moved to the end of its row and checks every invoice
// kept every value, its constraints and its index.
func TestMigratingInvoicesPutsTheirLinesLast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v14.db")
	ctx := context.Background()
	old := databaseAt(t, path, 14)
	const cols = `id, group_id, unit, period, status, issued_on, due_on, data, lines, version, updated_at`
	_, err := old.write.Exec(`INSERT INTO groups (id, number, name, sort_key, segment, effective_date, version, updated_at)
		VALUES ('g1', 'G1', 'Old', 'old', 'small', '2020-01-01', 1, '2026-01-01T00:00:00Z');
		INSERT INTO invoices (` + cols + `) VALUES
		('i1', 'g1', '', '2026-10', 'paid', '2026-09-01', '2026-09-20', '{"id":"i1"}', '[{"family":"Müller"}]', 3, '2026-09-21T00:00:00Z'),
		('i2', 'g1', 'Retail', '2026-11', 'open', '2026-10-01', '2026-10-20', '{"id":"i2"}', NULL, 1, '2026-10-01T00:00:00Z')`)
	must(t, err)
	rowsOf := func(q interface {
		Query(string, ...any) (*sql.Rows, error)
	}) []string {
		t.Helper()
		rows, err := q.Query(`SELECT quote(id) || ',' || quote(group_id) || ',' || quote(unit) || ',' || quote(period) || ',' ||
			quote(status) || ',' || quote(issued_on) || ',' || quote(due_on) || ',' || quote(data) || ',' || quote(lines) || ',' ||
			quote(version) || ',' || quote(updated_at) FROM invoices ORDER BY id`)
		must(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			must(t, rows.Scan(&s))
			out = append(out, s)
		}
		must(t, rows.Err())
		return out
	}
	before := rowsOf(old.write)
	must(t, old.write.Close())

	db, err := Open(ctx, path)
	must(t, err)
	defer db.Close()
	if after := rowsOf(db.read); !slices.Equal(after, before) || len(after) != 2 {
		t.Errorf("invoices after migrating:\n%q\nbefore:\n%q", after, before)
	}
	var last string
	must(t, db.read.QueryRow(`SELECT name FROM pragma_table_info('invoices') ORDER BY cid DESC LIMIT 1`).Scan(&last))
	if last != "lines" {
		t.Errorf("the last column of invoices is %s, want lines", last)
	}
	var indexes int
	must(t, db.read.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'invoices'
		AND name IN ('invoices_by_due', 'sqlite_autoindex_invoices_1', 'sqlite_autoindex_invoices_2')`).Scan(&indexes))
	if indexes != 3 {
		t.Errorf("%d of the invoices' three indexes (by due date, by ID, by group, unit and period)", indexes)
	}
	_, err = db.write.Exec(`INSERT INTO invoices (id, group_id, period, status, issued_on, due_on, data, version, updated_at)
		VALUES ('i3', 'g1', '2026-10', 'open', '2026-09-01', '2026-09-20', '{}', 1, '2026-09-01T00:00:00Z')`)
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("a second invoice of a group's unit for one month: %v, want refused as not unique", err)
	}
	_, err = db.write.Exec(`DELETE FROM groups WHERE id = 'g1'`)
	must(t, err)
	if n := count(t, db, "invoices"); n != 0 {
		t.Errorf("%d invoices left after their group was deleted, want them deleted with it", n)
	}
}
