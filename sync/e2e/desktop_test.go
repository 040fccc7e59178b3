package e2e_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
)

// opener signs a person in on the page the desktop opens (the browser).
type opener func(authURL string) error

// withForm is a person at a browser without JavaScript.
func withForm(email, password string) opener {
	return func(u string) error { return authtest.SignInWithForm(u, email, password) }
}

// desktop is a desktop database signed in to the service through the real
// OAuth flow, with the client.Account the app uses: its sync loop runs a
// round when asked (SyncNow, or after an access change), and the test
// waits for each round's report.
type desktop struct {
	Name   string
	Email  string
	Dir    string
	DB     *sqlite.DB
	Acct   *client.Account
	status chan client.Status
}

// newDesktop opens an empty desktop database, signs in and waits for the
// first round, which pulls everything the user may see.
func (s *service) newDesktop(tb testing.TB, name, email string, open opener) *desktop {
	tb.Helper()
	dir := tb.TempDir()
	db, err := sqlite.Open(model.WithPrincipal(context.Background(), model.LocalOwner), filepath.Join(dir, "groupdesk.db"))
	if err != nil {
		tb.Fatal(err)
	}
	d := &desktop{Name: name, Email: email, Dir: dir, DB: db, status: make(chan client.Status, 64)}
	d.Acct = &client.Account{DB: db, DataDir: dir, Interval: time.Hour}
	d.Acct.Watch(func(st client.Status) { d.status <- st })
	tb.Cleanup(func() {
		d.Acct.Close()
		// Let a round the loop had under way see its context end.
		time.Sleep(20 * time.Millisecond)
		db.Close()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := d.Acct.SignIn(ctx, s.URL, open, nil); err != nil {
		tb.Fatalf("%s signing in: %v", name, err)
	}
	d.wait(tb)
	return d
}

// sync runs one round and returns its report; a failed round fails the
// test.
func (d *desktop) sync(tb testing.TB) client.Report {
	tb.Helper()
	d.Acct.SyncNow()
	return d.wait(tb)
}

// wait returns the report of the round the loop runs now.
func (d *desktop) wait(tb testing.TB) client.Report {
	tb.Helper()
	select {
	case st := <-d.status:
		if st.Err != nil {
			tb.Fatalf("%s's sync round failed: %v", d.Name, st.Err)
		}
		return st.Report
	case <-time.After(2 * time.Minute):
		tb.Fatalf("%s's sync round did not end within two minutes", d.Name)
	}
	return client.Report{}
}

// ctx acts as the signed-in user with the grants of the last sync, as the
// app's screens do.
func (d *desktop) ctx(tb testing.TB) context.Context {
	tb.Helper()
	return signedInCtx(tb, d.DB)
}

func signedInCtx(tb testing.TB, db *sqlite.DB) context.Context {
	tb.Helper()
	p, err := client.StoredPrincipal(context.Background(), db)
	if err != nil || p == nil {
		tb.Fatalf("the desktop never synced: %v", err)
	}
	return model.WithPrincipal(context.Background(), p)
}

// signedIn is a sign-in made through the sign-in page, for a client.Syncer
// driven by the test.
func (s *service) signIn(tb testing.TB, email, password string) *oauth2.Token {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := client.LoginLoopback(ctx, s.URL, withForm(email, password))
	if err != nil {
		tb.Fatalf("signing in as %s: %v", email, err)
	}
	return tok
}

// syncer is a desktop database with a client.Syncer over an OAuth token
// source, whose rounds the test runs itself (and may see fail).
type syncer struct {
	*client.Syncer
	Path string
}

// newSyncer opens an empty desktop database and signs it in as email.
func (s *service) newSyncer(tb testing.TB, email string) *syncer {
	tb.Helper()
	tok := s.signIn(tb, email, demoPassword)
	path := filepath.Join(tb.TempDir(), "groupdesk.db")
	db, err := sqlite.Open(model.WithPrincipal(context.Background(), model.LocalOwner), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.SetMeta(context.Background(), sqlite.MetaSyncServer, s.URL); err != nil {
		tb.Fatal(err)
	}
	src, err := client.NewTokenSource(context.Background(), s.URL, tok, func(string) error { return nil })
	if err != nil {
		tb.Fatal(err)
	}
	hc := &http.Client{Transport: &oauth2.Transport{Source: src}, Timeout: time.Minute}
	return &syncer{Syncer: &client.Syncer{Server: s.URL, HTTP: hc, DB: db, PageLimit: 2000, BatchSize: 500}, Path: path}
}

// round runs one round that must succeed.
func (d *syncer) round(tb testing.TB) client.Report {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := d.Round(ctx)
	if err != nil {
		tb.Fatalf("sync round: %v", err)
	}
	return rep
}

// editPhones gives n active subscribers of the group a new phone number on
// the desktop, one operation each, and returns them as they were before.
func editPhones(tb testing.TB, db *sqlite.DB, group string, n int, tag int) []model.Member {
	tb.Helper()
	ctx := signedInCtx(tb, db)
	page, err := db.Members(ctx, model.MemberQuery{GroupID: group, Relationship: model.RelEmployee, Status: model.StatusActive, Limit: n})
	if err != nil {
		tb.Fatal(err)
	}
	if len(page.Members) < n {
		tb.Fatalf("the group has %d active subscribers on the desktop, want %d", len(page.Members), n)
	}
	before := append([]model.Member(nil), page.Members...)
	for i := range page.Members {
		m := page.Members[i]
		m.Phone = phoneFor(tag, i)
		if err := db.UpdateMember(ctx, &m); err != nil {
			tb.Fatalf("editing %s: %v", m.ID, err)
		}
	}
	return before
}

// phoneFor is the phone number edit tag gives the ith member: each tag
// of a test gives numbers of its own.
func phoneFor(tag, i int) string {
	return fmt.Sprintf("%03d-555-%04d", 200+tag, i)
}

// sqlDB opens any GroupDesk database (see openSQL) for plain SQL, beside
// the process that owns it.
func sqlDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := openSQL(path, false)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func count(tb testing.TB, db *sql.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// memberRows returns the group's members as rows of text by ID: every
// column but the row number and the time the row was written (which is the
// writer's own clock).
func memberRows(tb testing.TB, db *sql.DB, group string) map[string]string {
	tb.Helper()
	rows, err := db.Query(`SELECT * FROM members WHERE group_id = ?`, group)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := map[string]string{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		var b strings.Builder
		var id string
		for i, c := range cols {
			switch c {
			case "rowid", "updated_at":
				continue
			case "id":
				id = fmt.Sprint(vals[i])
			}
			fmt.Fprintf(&b, "%s=%v;", c, vals[i])
		}
		out[id] = b.String()
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// sameMembers fails the test unless the desktop holds exactly the server's
// members of the group, field by field.
func sameMembers(tb testing.TB, desk, server *sql.DB, group string) {
	tb.Helper()
	d, s := memberRows(tb, desk, group), memberRows(tb, server, group)
	var diffs []string
	for id, row := range s {
		switch got, ok := d[id]; {
		case !ok:
			diffs = append(diffs, "missing on the desktop: "+id)
		case got != row:
			diffs = append(diffs, fmt.Sprintf("differs: %s\n  desktop %s\n  server  %s", id, got, row))
		}
	}
	for id := range d {
		if _, ok := s[id]; !ok {
			diffs = append(diffs, "only on the desktop: "+id)
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		tb.Fatalf("the desktop's %d members of the group differ from the server's %d in %d ways, such as:\n%s",
			len(d), len(s), len(diffs), strings.Join(diffs[:min(len(diffs), 5)], "\n"))
	}
	if len(s) == 0 {
		tb.Fatal("the group has no members on the server")
	}
}

// appliedOnce checks on the server that each edited member took the
// desktop's edit exactly once: one audited update by the user to the new
// phone number, and the version one above the one edited.
func appliedOnce(tb testing.TB, server *sql.DB, userID string, before []model.Member, tag int) {
	tb.Helper()
	for i, m := range before {
		var version int64
		var phone string
		if err := server.QueryRow(`SELECT version, phone FROM members WHERE id = ?`, m.ID).Scan(&version, &phone); err != nil {
			tb.Fatalf("member %s on the server: %v", m.ID, err)
		}
		updates := count(tb, server, `SELECT count(*) FROM audit WHERE entity_id = ? AND actor_id = ? AND action = 'update'
			AND `+jsonText("after", "phone")+` = ?`, m.ID, userID, phoneFor(tag, i))
		if version != m.Version+1 || phone != phoneFor(tag, i) || updates != 1 {
			tb.Fatalf("member %s on the server: version %d (edited at %d), phone %s (want %s), %d updates by the user: want the edit applied exactly once",
				m.ID, version, m.Version, phone, phoneFor(tag, i), updates)
		}
	}
}

// outboxEmpty fails the test unless every local change reached the server.
func outboxEmpty(tb testing.TB, db *sql.DB) {
	tb.Helper()
	if n := count(tb, db, `SELECT count(*) FROM outbox`); n != 0 {
		tb.Fatalf("%d operations are still in the desktop's outbox", n)
	}
}

func fileContains(tb testing.TB, path, s string) bool {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Contains(string(b), s)
}
