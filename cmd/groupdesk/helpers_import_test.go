package main

import (
	"context"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

var (
	bookOnce sync.Once
	bookPath string
	bookErr  string
)

// demoCopy returns a fresh copy of a small demo database (written once per
// test run: loading a book is the slow part).
func demoCopy(t *testing.T) string {
	t.Helper()
	bookOnce.Do(func() {
		dir, err := os.MkdirTemp("", "groupdesk-cli-")
		if err != nil {
			bookErr = err.Error()
			return
		}
		bookPath = filepath.Join(dir, "book.db")
		if code, _, errOut := runCLI(t, "demo", "--db", bookPath, "--people", "900", "--groups", "4", "--seed", "5"); code != 0 {
			bookErr = errOut
		}
	})
	if bookErr != "" {
		t.Fatal(bookErr)
	}
	path := filepath.Join(t.TempDir(), "book.db")
	copyFile(t, bookPath, path)
	return path
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// fileSum is the SHA-256 of a file.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// openStore opens a database for a test to look into or arrange.
func openStore(t *testing.T, path string) (*sqlite.DB, context.Context) {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, ctx
}

// smallestGroup returns the group with the fewest people.
func smallestGroup(t *testing.T, path string) model.GroupSummary {
	t.Helper()
	return pickGroup(t, path, func(a, b model.GroupSummary) bool { return size(a) < size(b) })
}

// largestGroup returns the group with the most people.
func largestGroup(t *testing.T, path string) model.GroupSummary {
	t.Helper()
	return pickGroup(t, path, func(a, b model.GroupSummary) bool { return size(a) > size(b) })
}

func size(g model.GroupSummary) int { return g.Subscribers + g.Dependents }

func pickGroup(t *testing.T, path string, better func(a, b model.GroupSummary) bool) model.GroupSummary {
	t.Helper()
	db, ctx := openStore(t, path)
	defer db.Close()
	groups, err := db.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	best := groups[0]
	for _, g := range groups {
		if better(g, best) {
			best = g
		}
	}
	return best
}
