package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// pullFeed is a service holding one group of n families (a subscriber
// and a child each) and the whole of its change feed as a desktop
// signed in as its administrator reads it.
func pullFeed(t *testing.T, families int) (*model.Group, []model.Change) {
	t.Helper()
	svc, err := OpenServer(context.Background(), filepath.Join(t.TempDir(), "accountd.db"))
	must(t, err)
	t.Cleanup(func() { svc.Close() })
	g := fullGroup("G-200", "Łódź Freight")
	g.ID = newID()
	book := &model.Book{Plans: []model.Plan{*agePlan("P1", "Gold PPO")}, Groups: []model.Group{*g}}
	for i := range families {
		s := subscriber(g.ID, fmt.Sprintf("E%04d", i), fmt.Sprintf("Anna%d", i), "Müller", "1980-05-06")
		s.ID = newID()
		book.Members = append(book.Members, *s, *dependent(s, model.RelChild, fmt.Sprintf("Kid%d", i), "2015-02-03"))
	}
	must(t, svc.Load(ownerCtx(), book, nil))
	all := map[string]bool{}
	for _, e := range []string{model.EntityGroup, model.EntityPlan, model.EntityMember} {
		all[e] = true
	}
	changes, _, more, err := svc.TailChanges(ownerCtx(), []FeedScope{{GroupID: g.ID, Entities: all}}, 0, 10_000)
	must(t, err)
	if more || len(changes) < 2*families {
		t.Fatalf("the feed holds %d changes (more: %v), want the %d members and their group", len(changes), more, 2*families)
	}
	return g, changes
}

// A first sync writes the members new to the desktop many to a statement.
// Each one arrives whole, with the version and time the service gave it,
// is found by search, and has its history entry holding the service's
// copy; the history's chain still verifies.
func TestAFirstSyncStoresNewMembersWhole(t *testing.T) {
	g, changes := pullFeed(t, 100) // 200 members: several statements' worth
	desk := openTestDB(t)
	must(t, desk.ApplyChanges(ownerCtx(), changes, "c1"))

	members := 0
	for _, c := range changes {
		if c.Entity != model.EntityMember {
			continue
		}
		members++
		got, err := desk.Member(ownerCtx(), c.ID)
		must(t, err)
		in := NewIncomingPage([]model.Change{c}, "").members[0]
		if !in.ready() {
			t.Fatalf("the feed's copy of %s was not decoded ahead", c.ID)
		}
		want := in.m
		if got != want {
			t.Fatalf("member %s stored as\n%+v\nwant the service's copy\n%+v", c.ID, got, want)
		}
		hist, err := desk.History(ownerCtx(), model.EntityMember, c.ID)
		must(t, err)
		if len(hist) != 1 || hist[0].Action != model.ActionCreate || string(hist[0].After) != string(c.Data) ||
			!strings.Contains(hist[0].Summary, want.FirstName) {
			t.Fatalf("history of %s: %+v", c.ID, hist)
		}
	}
	if n := count(t, desk, "members"); n != members {
		t.Fatalf("%d members stored, the feed sent %d", n, members)
	}
	page, err := desk.Members(ownerCtx(), model.MemberQuery{GroupID: g.ID, Search: "anna42", Limit: 10})
	must(t, err)
	if len(page.Members) != 1 || page.Members[0].FirstName != "Anna42" {
		t.Fatalf("search for anna42 found %+v", page.Members)
	}
	if broken, n, err := desk.VerifyAudit(ownerCtx()); err != nil || broken != nil || n < members {
		t.Fatalf("the audit log: broken %+v after %d entries, %v", broken, n, err)
	}
	if cur, err := desk.Meta(ownerCtx(), MetaSyncCursor); err != nil || cur != "c1" {
		t.Fatalf("cursor %q, %v", cur, err)
	}
}

// A page that cannot be stored names the member at fault and keeps
// nothing: not the members written before it, not the cursor.
func TestAFirstSyncPageWithABadMemberKeepsNothing(t *testing.T) {
	_, changes := pullFeed(t, 50)
	bad := -1
	for i := range changes {
		if changes[i].Entity == model.EntityMember {
			bad = i // the last member: every statement before it succeeds
		}
	}
	changes[bad].Data = []byte(strings.Replace(string(changes[bad].Data), `"tier":"FAM"`, `"tier":"XXL"`, 1))
	desk := openTestDB(t)
	err := desk.ApplyChanges(ownerCtx(), changes, "c1")
	if err == nil || !strings.Contains(err.Error(), changes[bad].ID) {
		t.Fatalf("storing a page with a member of tier XXL: %v, want an error naming %s", err, changes[bad].ID)
	}
	keptNothing(t, desk)
	if cur, _ := desk.Meta(ownerCtx(), MetaSyncCursor); cur != "" {
		t.Fatalf("the cursor moved to %q", cur)
	}
}

// A member whose data is not JSON refuses its page, however the page
// would store it: the feed's reader leaves checking a member's data to
// the store.
func TestAPageWithAMemberThatIsNotJSONKeepsNothing(t *testing.T) {
	_, changes := pullFeed(t, 50)
	first := firstMember(t, changes)
	for i := range changes {
		if changes[i].ID == first.ID {
			changes[i].Data = changes[i].Data[:len(changes[i].Data)-1]
		}
	}
	desk := openTestDB(t)
	err := desk.ApplyChanges(ownerCtx(), changes, "c1")
	if err == nil || !strings.Contains(err.Error(), first.ID) || !strings.Contains(err.Error(), "not JSON") {
		t.Fatalf("storing a page with a member cut short: %v, want an error naming %s", err, first.ID)
	}
	keptNothing(t, desk)
}

// keptNothing fails the test if a refused page left any member, audit
// entry or group behind.
func keptNothing(t *testing.T, desk *DB) {
	t.Helper()
	for _, table := range []string{"members", "audit", "groups"} {
		if n := count(t, desk, table); n != 0 {
			t.Fatalf("%d rows kept in %s", n, table)
		}
	}
}

// firstMember is the first member the feed sends.
func firstMember(t *testing.T, changes []model.Change) model.Change {
	t.Helper()
	for _, c := range changes {
		if c.Entity == model.EntityMember {
			return c
		}
	}
	t.Fatal("the feed sends no member")
	return model.Change{}
}

// renamed is the next version of a member's change, with another first
// name.
func renamed(c model.Change, from, to string) model.Change {
	next := c
	next.Version++
	data := strings.Replace(string(c.Data), `"first_name":"`+from+`"`, `"first_name":"`+to+`"`, 1)
	next.Data = []byte(strings.Replace(data, fmt.Sprintf(`"version":%d`, c.Version), fmt.Sprintf(`"version":%d`, next.Version), 1))
	return next
}

// A member sent twice in one page (once new, once changed) ends as the
// second copy: the new members before it are written before it is
// changed.
func TestAMemberNewAndChangedInOnePageEndsChanged(t *testing.T) {
	_, changes := pullFeed(t, 10)
	first := firstMember(t, changes)
	second := renamed(first, "Anna0", "Hanna")
	desk := openTestDB(t)
	must(t, desk.ApplyChanges(ownerCtx(), append(changes, second), "c1"))
	got, err := desk.Member(ownerCtx(), first.ID)
	must(t, err)
	if got.FirstName != "Hanna" || got.Version != second.Version {
		t.Fatalf("member after the page: %s v%d, want Hanna v%d", got.FirstName, got.Version, second.Version)
	}
}

// Pages stored together are stored whole and in order, in one
// transaction, with the cursor after the last of them.
func TestPagesStoredTogetherKeepTheirOrderAndTheLastCursor(t *testing.T) {
	_, changes := pullFeed(t, 30)
	first := firstMember(t, changes)
	later := renamed(first, "Anna0", "Hanna")
	half := len(changes) / 2
	desk := openTestDB(t)
	must(t, desk.ApplyPages(ownerCtx(), NewIncomingPage(changes[:half], "c1"), NewIncomingPage(changes[half:], "c2"),
		NewIncomingPage([]model.Change{later}, "c3")))
	if n := count(t, desk, "members"); n != 60 {
		t.Fatalf("%d members stored, want 60", n)
	}
	if got, err := desk.Member(ownerCtx(), first.ID); err != nil || got.FirstName != "Hanna" {
		t.Fatalf("the member changed on the last page: %+v %v", got, err)
	}
	if cur, _ := desk.Meta(ownerCtx(), MetaSyncCursor); cur != "c3" {
		t.Fatalf("cursor %q, want the last page's", cur)
	}
}

// memberIndexes is the definition of each index of the members table.
func memberIndexes(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rows, err := db.read.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL`)
	must(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, def string
		must(t, rows.Scan(&name, &def))
		out[name] = def
	}
	return out
}

// A first sync builds the roster's indexes once, at its end, as they were;
// one cut short builds them when the desktop next opens; a desktop that
// already holds members keeps them as it goes.
func TestAFirstSyncBuildsTheRosterIndexesAtItsEnd(t *testing.T) {
	_, changes := pullFeed(t, 40)
	desk := openTestDB(t)
	want := memberIndexes(t, desk)

	finish := desk.StartPull(ownerCtx())
	during := memberIndexes(t, desk)
	for _, name := range []string{"members_by_name", "members_by_employee", "members_by_birth"} {
		if _, ok := during[name]; ok {
			t.Fatalf("%s is kept row by row through a first sync", name)
		}
	}
	must(t, desk.ApplyChanges(ownerCtx(), changes, "c1"))
	must(t, finish())
	if got := memberIndexes(t, desk); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("indexes after the first sync:\n%v\nwant\n%v", got, want)
	}
	if v, _ := desk.Meta(ownerCtx(), metaDeferredIndexes); v != "" {
		t.Fatalf("the definitions are still kept: %s", v)
	}

	// A desktop holding members keeps its indexes through a sync.
	_ = desk.StartPull(ownerCtx())
	if got := memberIndexes(t, desk); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("a desktop with members dropped indexes: %v", got)
	}

	// A first sync cut short (the app killed) leaves them to the next Open.
	path := filepath.Join(t.TempDir(), "cut.db")
	cut, err := Open(ownerCtx(), path)
	must(t, err)
	_ = cut.StartPull(ownerCtx())
	must(t, cut.ApplyChanges(ownerCtx(), changes[:len(changes)/2], "c1"))
	must(t, cut.Close())
	again, err := Open(ownerCtx(), path)
	must(t, err)
	t.Cleanup(func() { again.Close() })
	if got := memberIndexes(t, again); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("indexes after reopening a cut-short first sync:\n%v\nwant\n%v", got, want)
	}
}

// fileMembers counts the members in the database file itself, leaving out
// what is still only in its WAL.
func fileMembers(t *testing.T, path string) int {
	t.Helper()
	file, err := sql.Open("sqlite3", "file:"+path+"?immutable=1")
	must(t, err)
	defer file.Close()
	var n int
	must(t, file.QueryRow(`SELECT count(*) FROM members`).Scan(&n))
	return n
}

// A pull's end copies its WAL into the database in the background: the
// pulled members are in the file while the desktop is still open, and
// writes go on meanwhile.
func TestAPullCopiesItsWALIntoTheDatabaseAfterItEnds(t *testing.T) {
	_, changes := pullFeed(t, 40)
	desk := openTestDB(t)
	_, err := desk.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)") // the schema in the file
	must(t, err)
	finish := desk.StartPull(ownerCtx())
	must(t, desk.ApplyChanges(ownerCtx(), changes, "c1"))
	if n := fileMembers(t, desk.Path); n != 0 {
		t.Fatalf("%d members in the file during the pull, want them only in the WAL", n)
	}
	must(t, finish())
	must(t, desk.SetMeta(ownerCtx(), "note", "written while the copy runs"))
	desk.copying.Wait()
	want := 0
	for _, c := range changes {
		if c.Entity == model.EntityMember {
			want++
		}
	}
	if n := fileMembers(t, desk.Path); n != want || want == 0 {
		t.Fatalf("%d members in the file after the pull, want %d", n, want)
	}
	if v, _ := desk.Meta(ownerCtx(), "note"); v != "written while the copy runs" {
		t.Fatalf("the write during the copy read back as %q", v)
	}
}
