package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// authClock is a settable clock for sign-in tests.
type authClock struct{ now time.Time }

func (c *authClock) Now() time.Time          { return c.now }
func (c *authClock) advance(d time.Duration) { c.now = c.now.Add(d) }

// openAuthDB opens a database with one group (number G-1, FEIN
// 12-3456789) and one user with a password.
func openAuthDB(t *testing.T) (*DB, *authClock, model.Group, model.User) {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := &authClock{now: time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	g := model.Group{ID: "g1", Number: "G-1", Name: "Acme Tools", FEIN: "12-3456789", Segment: model.SegmentSmall,
		EffectiveDate: model.MustDate("2020-01-01")}
	u := model.User{ID: "u1", Email: "pat@example.com", Name: "Pat Admin", Kind: model.UserEmployer}
	owner := model.WithPrincipal(context.Background(), model.LocalOwner)
	if err := db.Load(owner, &model.Book{Groups: []model.Group{g}, Users: []model.User{u}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPassword(context.Background(), u.ID, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	return db, clock, g, u
}

func wantErrCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := model.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}
