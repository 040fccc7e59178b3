package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// The first run's bar moves through the whole set-up: it does not reach
// the end when the book is loaded but while the billing history is played,
// day by day, and stands at 100% only once everything is done.
func TestTheDemoSetUpTellsItsProgressToTheEnd(t *testing.T) {
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var seen []int
	_, err = loadDemo(ctx, db, demo.Options{Seed: 1, Groups: 2, People: 120, Today: model.MustDate("2026-11-28")}, func(done, total int) {
		if total != 100 {
			t.Fatalf("progress %d of %d, want a percentage", done, total)
		}
		seen = append(seen, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	billing := 0
	for i, p := range seen {
		if (i > 0 && p < seen[i-1]) || (p == 100 && i != len(seen)-1) {
			t.Fatalf("progress %v goes back or ends early", seen)
		}
		if p > 20 && p < 95 {
			billing++
		}
	}
	if seen[len(seen)-1] != 100 || billing < 10 {
		t.Fatalf("progress %v: want many steps through the billing history and 100 at the end", seen)
	}
}
