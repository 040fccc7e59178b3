package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// demoAtDefault writes a small demo book at the default database path of a
// private data folder.
func demoAtDefault(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := defaultDBPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := run([]string{"demo", "--db", path, "--people", "300"}, &out, &out); code != 0 {
		t.Fatalf("demo: %s", out.String())
	}
	return path
}

func groupsIn(t *testing.T, path string) int {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gs, err := db.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return len(gs)
}

func TestMovingTheDatabaseOpensTheCopyAndThenRemovesTheOriginal(t *testing.T) {
	from := demoAtDefault(t)
	want := groupsIn(t, from)
	folder := t.TempDir()
	if err := requestMove(from, folder); err != nil {
		t.Fatal(err)
	}
	to, finish, err := applyPendingMove(context.Background(), from)
	if err != nil {
		t.Fatal(err)
	}
	if to != filepath.Join(folder, "groupdesk.db") {
		t.Fatalf("opening %s", to)
	}
	if _, err := os.Stat(from); err != nil {
		t.Fatal("the original was removed before the copy opened")
	}
	if got := groupsIn(t, to); got != want {
		t.Fatalf("the copy has %d groups, the original %d", got, want)
	}
	finish()
	if _, err := os.Stat(from); !os.IsNotExist(err) {
		t.Fatalf("the original is still there: %v", err)
	}
	if defaultDBPath() != to {
		t.Fatalf("the default database is %s, want the moved one", defaultDBPath())
	}
	if _, err := os.Stat(moveRequestPath()); !os.IsNotExist(err) {
		t.Fatal("the request stays after the move")
	}
}

func TestAFailedMoveKeepsTheOriginal(t *testing.T) {
	from := demoAtDefault(t)
	folder := t.TempDir()
	if err := requestMove(from, folder); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(folder); err != nil { // the folder goes away before the restart
		t.Fatal(err)
	}
	path, finish, err := applyPendingMove(context.Background(), from)
	if err == nil || path != from {
		t.Fatalf("moving into a missing folder: %s, %v", path, err)
	}
	finish()
	if groupsIn(t, from) == 0 {
		t.Fatal("the original lost its groups")
	}
	if _, err := os.Stat(moveRequestPath()); !os.IsNotExist(err) {
		t.Fatal("a failed move is tried again at every start")
	}
}

func TestAMoveIsRefusedUpFrontWhenItCannotWork(t *testing.T) {
	from := demoAtDefault(t)
	taken := t.TempDir()
	if err := os.WriteFile(filepath.Join(taken, "groupdesk.db"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		folder string
	}{
		{"a folder that already has a database", taken},
		{"the folder it is in", filepath.Dir(from)},
		{"a folder that does not exist", filepath.Join(taken, "nowhere")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := requestMove(from, tc.folder); err == nil {
				t.Fatal("the move was accepted")
			}
			if _, err := os.Stat(moveRequestPath()); !os.IsNotExist(err) {
				t.Fatal("a refused move was recorded")
			}
		})
	}
}

func TestARequestForAnotherDatabaseIsDropped(t *testing.T) {
	from := demoAtDefault(t)
	if err := requestMove(from, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	path, _, err := applyPendingMove(context.Background(), other)
	if err != nil || path != other {
		t.Fatalf("opening another database: %s, %v", path, err)
	}
	if _, err := os.Stat(from); err != nil {
		t.Fatal("the default database was touched")
	}
}
