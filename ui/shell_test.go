package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

var testToday = model.MustDate("2026-11-28")

// testClock is the window's and the store's clock in the tests: 10 AM on
// testToday when called, running on from there, so that what the window
// offers (a payment's date, a termination's) is what the store accepts on
// whatever day the tests run.
func testClock() func() time.Time {
	start := time.Now()
	return func() time.Time { return testToday.Time().Add(10*time.Hour + time.Since(start)) }
}

// newTestShell opens a real SQLite store holding a small demo book and
// builds the shell in a test window.
func newTestShell(t *testing.T) (*Shell, *sqlite.DB, fyne.Window) {
	t.Helper()
	return newTestShellWith(t, func(*Deps) {})
}

// newTestShellWith is newTestShell with dependencies of the test's own.
func newTestShellWith(t *testing.T, with func(*Deps)) (*Shell, *sqlite.DB, fyne.Window) {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Load(ctx, demo.Generate(demo.Options{Seed: 7, People: 1500, Today: testToday}), nil); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("GroupDesk")
	w.Resize(fyne.NewSize(1280, 800))
	db.Now = testClock()
	deps := Deps{Store: db, Ctx: ctx, Now: db.Now, DBPath: db.Path, Version: "test", Synchronous: true}
	with(&deps)
	s := New(a, w, deps)
	w.Show()
	s.Start()
	return s, db, w
}

// largestGroup returns the group with the most subscribers.
func largestGroup(t *testing.T, s *Shell) model.GroupSummary {
	t.Helper()
	groups, err := s.deps.Store.Groups(s.deps.Ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	best := groups[0]
	for _, g := range groups {
		if g.Subscribers > best.Subscribers {
			best = g
		}
	}
	return best
}

func TestShellOpensOnAGroupWithHomeInFront(t *testing.T) {
	s, _, _ := newTestShell(t)
	if s.group.ID == "" {
		t.Fatal("no group was selected at start")
	}
	if got := s.CurrentScreen(); got != "Home" {
		t.Fatalf("screen in front = %q, want Home", got)
	}
	if !strings.Contains(s.switcher.Text, s.group.Name) {
		t.Fatalf("switcher shows %q, want the group's name %q", s.switcher.Text, s.group.Name)
	}
}

func TestSwitchingGroupUpdatesEveryScreen(t *testing.T) {
	s, _, w := newTestShell(t)
	target := largestGroup(t, s)
	test.Tap(s.switcher)
	sw := s.sw
	if sw == nil || !sw.popup.Visible() {
		t.Fatal("the group switcher did not open")
	}
	test.Type(sw.search, strings.Fields(target.Name)[0])
	if len(sw.results) == 0 || len(sw.results) > 12 {
		t.Fatalf("searching %q gave %d groups", strings.Fields(target.Name)[0], len(sw.results))
	}
	found := false
	for i, g := range sw.results {
		if g.ID == target.ID {
			sw.list.Select(i)
			found = true
		}
	}
	if !found {
		t.Fatalf("the switcher did not list %s", target.Name)
	}
	if s.group.ID != target.ID {
		t.Fatalf("selected group = %s, want %s", s.group.Name, target.Name)
	}
	if s.members.group.ID != target.ID || s.home.group.ID != target.ID {
		t.Fatal("a screen still shows the previous group")
	}
	if !strings.Contains(w.Title(), target.Name) {
		t.Fatalf("window title %q does not name the group", w.Title())
	}
	waitFor(t, func() bool { return s.home.subscribers.Title == count(target.Subscribers) })
}

func TestTypingInSearchFiltersTheMembersTable(t *testing.T) {
	s, db, w := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	triggerShortcut(t, w, fyne.KeyF)
	if w.Canvas().Focused() != s.members.search {
		t.Fatal("Ctrl+F did not focus the search")
	}
	if s.CurrentScreen() != "Members" {
		t.Fatalf("Ctrl+F did not bring Members forward, in front: %s", s.CurrentScreen())
	}
	all := s.members.Total()
	// Search for the last name of the first person on the first page.
	first := s.members.rowAt(0)
	if first == nil {
		t.Fatal("the members table is empty")
	}
	prefix := strings.ToLower(first.LastName[:min(3, len(first.LastName))])
	test.Type(s.members.search, prefix)
	waitFor(t, func() bool { return s.members.Total() < all && s.members.Total() > 0 })
	for row := 0; row < min(s.members.Total(), 30); row++ {
		m := s.members.rowAt(row)
		if !nameHasPrefix(m, prefix) {
			t.Fatalf("row %d (%s) does not match %q", row, m.FullName(), prefix)
		}
	}
	want, err := db.CountMembers(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Search: prefix})
	if err != nil {
		t.Fatal(err)
	}
	if s.members.Total() != want {
		t.Fatalf("table shows %d people for %q, the store counts %d", s.members.Total(), prefix, want)
	}
}

func nameHasPrefix(m *model.Member, prefix string) bool {
	for _, w := range strings.Fields(strings.ToLower(m.FirstName + " " + m.MiddleName + " " + m.LastName + " " + m.EmployeeID)) {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return strings.HasPrefix(m.SSNLast4(), prefix)
}

func TestSelectingARowOpensTheMembersDetail(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Members")
	s.members.table.Select(widget.TableCellID{Row: 2, Col: 0})
	m := s.members.rowAt(2)
	if s.members.detail.member.ID != m.ID {
		t.Fatalf("detail shows %q, want %q", s.members.detail.member.FullName(), m.FullName())
	}
	if !s.members.detail.body.Visible() {
		t.Fatal("the detail panel is hidden")
	}
	if len(s.members.detail.family.Objects) == 0 {
		t.Fatal("the family list is empty")
	}
	if len(s.members.detail.history.Objects) == 0 {
		t.Fatal("the history is empty")
	}
}

func TestSortingByAColumnReordersTheTable(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.members.sortBy(model.SortBirth)
	a, b := s.members.rowAt(0), s.members.rowAt(1)
	if b.DateOfBirth.Before(a.DateOfBirth) {
		t.Fatalf("sorted by birth date, yet %s comes before %s", a.DateOfBirth, b.DateOfBirth)
	}
	s.members.sortBy(model.SortBirth) // again: reversed
	a, b = s.members.rowAt(0), s.members.rowAt(1)
	if a.DateOfBirth.Before(b.DateOfBirth) {
		t.Fatalf("reversed, yet %s comes before %s", a.DateOfBirth, b.DateOfBirth)
	}
}

func TestFiltersNarrowTheTable(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.members.rel.SetSelected(model.RelChild.Label())
	want, err := db.CountMembers(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Relationship: model.RelChild})
	if err != nil {
		t.Fatal(err)
	}
	if s.members.Total() != want || want == 0 {
		t.Fatalf("children shown = %d, want %d", s.members.Total(), want)
	}
	for row := 0; row < min(want, 20); row++ {
		if m := s.members.rowAt(row); m.Relationship != model.RelChild {
			t.Fatalf("row %d is a %s", row, m.Relationship)
		}
	}
}

func TestEveryScreenIsReachableByAKeyboardShortcut(t *testing.T) {
	s, _, w := newTestShell(t)
	if len(s.all) > len(screenKeys) {
		t.Fatalf("%d screens for %d screen keys: give the new screen a shortcut", len(s.all), len(screenKeys))
	}
	for i := len(s.screens) - 1; i >= 0; i-- {
		name := s.screens[i].title()
		key, _ := s.screenKey(s.screens[i])
		w.Canvas().Unfocus()
		triggerShortcut(t, w, key)
		if got := s.CurrentScreen(); got != name {
			t.Fatalf("Ctrl+%s shows %s, want %s", key, got, name)
		}
		if !strings.Contains(s.shortcutSheet(), modKey()+"+"+string(key)+"\tShow "+name) {
			t.Errorf("the shortcut sheet does not list Ctrl+%s for %s", key, name)
		}
	}
	triggerShortcut(t, w, fyne.KeyComma)
	if s.CurrentScreen() != "Settings" {
		t.Fatalf("Ctrl+, shows %s, want Settings", s.CurrentScreen())
	}
}

func TestThemeChoiceIsSaved(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.settings.theme.SetSelected("Dark")
	if got := s.app.Preferences().String(prefTheme); got != ThemeDark {
		t.Fatalf("saved theme = %q, want dark", got)
	}
}

// waitFor polls a condition that a background goroutine makes true.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
