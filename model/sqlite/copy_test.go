package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestACopiedDatabaseHoldsEveryChangeAndOpens(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a.db"), filepath.Join(dir, "b", "moved.db")
	must(t, os.Mkdir(filepath.Dir(to), 0o700))
	db, err := Open(context.Background(), from)
	must(t, err)
	db.Now = openTestDB(t).Now
	g := seedGroup(t, db)
	// A second handle keeps the log from being checkpointed at close, as a
	// crash would: the last changes are only in the write-ahead log.
	hold, err := Open(context.Background(), from)
	must(t, err)
	enrolFamily(t, db, g, "E1", "P1", model.TierEE, false, model.StatusActive, "1990-01-01")
	must(t, db.Close())
	must(t, hold.Close())

	must(t, CopyDatabase(context.Background(), from, to))
	moved, err := Open(context.Background(), to)
	must(t, err)
	defer moved.Close()
	if n := count(t, moved, "members"); n != 1 {
		t.Fatalf("the copy has %d members, want the one enrolled last", n)
	}
	if _, err := os.Stat(from); err != nil {
		t.Fatalf("the original is gone: %v", err)
	}
	if _, err := os.Stat(to + ".part"); !os.IsNotExist(err) {
		t.Fatalf("the partial copy was left behind: %v", err)
	}
}

func TestACopyNeverOverwritesADatabase(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{from, to} {
		db, err := Open(context.Background(), p)
		must(t, err)
		must(t, db.Close())
	}
	before, _ := os.ReadFile(to)
	if err := CopyDatabase(context.Background(), from, to); model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("copying onto a database: %v", err)
	}
	after, _ := os.ReadFile(to)
	if string(before) != string(after) {
		t.Fatal("the database at the destination was changed")
	}
}
