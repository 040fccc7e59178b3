package packed_test

import (
	"database/sql"
	"math"
	"reflect"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/groupdesk/groupdesk/model/sqlite/packed"
)

type relationship string

func open(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+t.TempDir()+"/p.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func encode(t *testing.T, values ...any) packed.Row {
	t.Helper()
	r, err := packed.Encode(values...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every kind of value goes through packed_rows into a STRICT table and
// reads back as it was bound, with the rows numbered in order.
func TestRowsReadBackAsWritten(t *testing.T) {
	db := open(t)
	if _, err := db.Exec(`CREATE TABLE t (n INTEGER PRIMARY KEY, name TEXT, note TEXT, count INTEGER, flag INTEGER, ratio REAL, kind TEXT) STRICT`); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Zoë Łukasiewicz", "", int64(-42), true, 2.5, relationship("spouse")},
		{"Nguyễn Văn An", nil, math.MaxInt64, false, -0.125, relationship("child")},
		{strings.Repeat("x", 70_000), "line\nbreak\x00nul", 7, true, math.Inf(1), relationship("")},
	}
	blob := packed.NewRows(6, 0)
	for _, r := range rows {
		if err := blob.Add(encode(t, r...)); err != nil {
			t.Fatal(err)
		}
	}
	if blob.Len() != len(rows) {
		t.Fatalf("Len = %d, want %d", blob.Len(), len(rows))
	}
	res, err := db.Exec(`INSERT INTO t (n, name, note, count, flag, ratio, kind) SELECT ? + i, `+packed.Columns(6)+` FROM packed_rows(?)`, 100, blob.Blob())
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != int64(len(rows)) {
		t.Fatalf("%d rows written, want %d", n, len(rows))
	}
	got, err := db.Query(`SELECT n, name, note, count, flag, ratio, kind FROM t ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	for i := 0; got.Next(); i++ {
		var n int64
		var name, kind string
		var note sql.NullString
		var count int64
		var flag bool
		var ratio float64
		if err := got.Scan(&n, &name, &note, &count, &flag, &ratio, &kind); err != nil {
			t.Fatal(err)
		}
		want := rows[i]
		wantNote := sql.NullString{}
		if s, ok := want[1].(string); ok {
			wantNote = sql.NullString{String: s, Valid: true}
		}
		wantCount := reflect.ValueOf(want[2]).Int()
		if n != int64(100+i) || name != want[0] || note != wantNote || count != wantCount || flag != want[3] || ratio != want[4] || kind != string(want[5].(relationship)) {
			t.Errorf("row %d read back as %d %.20q %v %d %v %v %q; written %.20q", i, n, name, note, count, flag, ratio, kind, want)
		}
	}
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
}

// A blob that is not what packed.Rows writes is refused with an error
// that names packed_rows, and the statement writes nothing.
func TestBadBlobsAreRefused(t *testing.T) {
	db := open(t)
	if _, err := db.Exec(`CREATE TABLE t (a, b)`); err != nil {
		t.Fatal(err)
	}
	good := packed.NewRows(2, 0)
	if err := good.Add(encode(t, "ann", int64(1))); err != nil {
		t.Fatal(err)
	}
	if err := good.Add(encode(t, "bo", nil)); err != nil {
		t.Fatal(err)
	}
	ok := good.Blob()
	for name, arg := range map[string]any{
		"text, not a blob":   "abc",
		"no values per row":  []byte{0},
		"too many values":    []byte{packed.MaxValues + 1},
		"a row cut short":    ok[:len(ok)-1],
		"a text cut short":   ok[:4],
		"an unknown type":    append(append([]byte{}, ok...), 9, 0),
		"a number cut short": append(append([]byte{}, ok...), 2, 3, 0, 0, 0, 'a', 'b', 'c', 1, 0),
		"null":               nil,
	} {
		_, err := db.Exec(`INSERT INTO t SELECT c0, c1 FROM packed_rows(?)`, arg)
		if err == nil || !strings.Contains(err.Error(), "packed_rows") {
			t.Errorf("%s: %v, want an error naming packed_rows", name, err)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows written by refused statements (%v)", n, err)
	}
	if _, err := db.Exec(`INSERT INTO t SELECT c0, c1 FROM packed_rows`); err == nil {
		t.Error("packed_rows without its data was accepted")
	}
	if _, err := db.Exec(`INSERT INTO t SELECT c0, c1 FROM packed_rows(?)`, ok); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM t WHERE (a, b) IN (VALUES ('ann', 1)) OR (a = 'bo' AND b IS NULL)`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the good blob wrote %d of its 2 rows (%v)", n, err)
	}
}

func TestEncodeRefusesWhatItCannotStore(t *testing.T) {
	for name, values := range map[string][]any{
		"no values":       {},
		"too many values": make([]any, packed.MaxValues+1),
		"a slice":         {[]int{1}},
		"a huge unsigned": {uint64(math.MaxUint64)},
	} {
		if _, err := packed.Encode(values...); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
	blob := packed.NewRows(2, 0)
	if err := blob.Add(encode(t, "one")); err == nil {
		t.Error("a row of 1 value was added among rows of 2")
	}
}
