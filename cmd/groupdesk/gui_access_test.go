package main

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
	"github.com/groupdesk/groupdesk/ui"
)

// TestTheAccessScreenIsReachableByKeyboardAndOpensItsTutorial: the Access
// screen shows only to a signed-in Primary Group Administrator, so the
// window's own tests (without an account service) never see it. Here a PGA
// signs in to an account service, and the window the command line builds
// brings the Access screen forward with its View menu shortcut, lists the
// group's people from the service, and F1 opens its tutorial.
func TestTheAccessScreenIsReachableByKeyboardAndOpensItsTutorial(t *testing.T) {
	svc := startAccountService(t)
	dbPath := signedInDesktop(t, svc)
	_, shell, w := openWindow(t, dbPath)

	var access *fyne.MenuItem
	if mm := w.MainMenu(); mm != nil {
		for _, m := range mm.Items {
			for _, it := range m.Items {
				if m.Label == "View" && it.Label == "Access" {
					access = it
				}
			}
		}
	}
	if access == nil || access.Shortcut == nil {
		t.Fatalf("the View menu has no Access item with a shortcut for the signed-in PGA: %+v", w.MainMenu())
	}
	shell.ShowScreen("Home")
	w.Canvas().Unfocus()
	typeShortcut(t, w, access.Shortcut)
	if got := shell.CurrentScreen(); got != "Access" {
		t.Fatalf("%s shows %s, want Access", access.Shortcut.ShortcutName(), got)
	}
	// The screen lists the group's people as the account service has them
	// (the window reads from the service before it returns, in this test).
	if text := allText(w.Canvas().Content()); !strings.Contains(text, "  <"+svc.Email+">") || !strings.Contains(text, " access to ") {
		t.Fatalf("the Access screen does not list the PGA %s:\n%s", svc.Email, text)
	}

	shell.ShowScreen("Home")
	shell.ShowScreen("Access") // shown again: the list is read again, not added to
	if text := allText(w.Canvas().Content()); strings.Count(text, "<"+svc.Email+">") != 1 {
		t.Fatalf("the Access screen lists the PGA %d times:\n%s", strings.Count(text, "<"+svc.Email+">"), text)
	}

	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(allText(top), "Register and delegate access") {
		t.Fatalf("F1 on the Access screen did not open its tutorial: %q", allText(top))
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the tutorial")
	}
}

// signedInDesktop signs the service's PGA in from the command line, as
// `groupdesk sync` does, and returns the desktop's database.
func signedInDesktop(t *testing.T, svc *accountService) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "desk", "groupdesk.db")
	signIn := runInBackground("sync", "--server", svc.URL+"/", "--db", dbPath)
	if err := authtest.SignInWithForm(signIn.expect(t, `Open this address to sign in: (\S+)`), svc.Email, testPassword); err != nil {
		t.Fatal(err)
	}
	if code, out := signIn.wait(t); code != 0 {
		t.Fatalf("signing in: exit %d\n%s", code, out)
	}
	return dbPath
}

// openWindow builds the window as runGUI does, with the signed-in account,
// in Fyne's test app.
func openWindow(t *testing.T, dbPath string) (*sqlite.DB, *ui.Shell, fyne.Window) {
	t.Helper()
	return openWindowAt(t, dbPath, "")
}

// openWindowAt is openWindow asked to start on a screen (--screen).
func openWindowAt(t *testing.T, dbPath, start string) (*sqlite.DB, *ui.Shell, fyne.Window) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := test.NewTempApp(t)
	w := a.NewWindow("GroupDesk")
	w.Resize(fyne.NewSize(1280, 800))
	acct := &account{Account: &client.Account{DB: db, DataDir: filepath.Dir(dbPath)}, app: a}
	t.Cleanup(func() { acct.Close() })
	if _, err := acct.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	shell := ui.New(a, w, ui.Deps{Account: testDriverAccount{acct}, Store: db, Ctx: ctx, Now: time.Now, DBPath: dbPath, Version: "test", Synchronous: true,
		StartScreen: start})
	w.Show()
	shell.Start()
	return db, shell, w
}

// testDriverAccount is the command's account in a window of Fyne's test
// app. The test driver runs fyne.Do on the goroutine that calls it, so a
// sync round ending in the background would redraw the window while the
// test drives it from its own goroutine; these tests read what the
// database already holds, and the account's round reports and progress
// are not passed on to the window.
type testDriverAccount struct{ *account }

func (testDriverAccount) Watch(func()) {}

func (testDriverAccount) WatchProgress(func(sent, received int)) {}

// TestTheSyncScreenShowsOneConflictWithBothVersionsSideBySide: the PGA
// changes a member's phone on the desktop while the carrier changes it on
// the service; after a sync round the Sync screen shows exactly one
// conflict, and Compare shows this computer's version beside the server's,
// both still kept.
func TestTheSyncScreenShowsOneConflictWithBothVersionsSideBySide(t *testing.T) {
	svc := startAccountService(t)
	dbPath := signedInDesktop(t, svc)
	ctx := context.Background()
	const mine, theirs = "415-555-0101", "415-555-0202"

	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	who, err := client.StoredPrincipal(ctx, db)
	if err != nil || who == nil || len(who.Grants) != 1 {
		t.Fatalf("the signed-in PGA: %+v %v", who, err)
	}
	pga := model.WithPrincipal(ctx, who)
	var groupID string
	for id := range who.Grants {
		groupID = id
	}
	page, err := db.Members(pga, model.MemberQuery{GroupID: groupID, Relationship: model.RelEmployee, Limit: 1})
	if err != nil || len(page.Members) != 1 {
		t.Fatalf("no subscriber in the group: %+v %v", page, err)
	}
	local := page.Members[0]
	local.Phone = mine
	if err := db.UpdateMember(pga, &local); err != nil {
		t.Fatal(err)
	}
	db.Close()
	carrier := model.WithPrincipal(ctx, &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	onServer, err := svc.DB.Member(carrier, local.ID)
	if err != nil {
		t.Fatal(err)
	}
	onServer.Phone = theirs
	if err := svc.DB.UpdateMember(carrier, &onServer); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "sync", "--db", dbPath)
	if !strings.Contains(out, "1 conflict") || !strings.Contains(out, "1 change waits for your decision on the Sync screen") {
		t.Fatalf("the sync round: exit %d\n%s%s", code, out, errOut)
	}

	db, shell, w := openWindow(t, dbPath)
	if !shell.ShowScreen("Sync") {
		t.Fatal("the Sync screen cannot be shown")
	}
	text := allText(w.Canvas().Content())
	if n := strings.Count(text, "Conflict: "); n != 1 || !strings.Contains(text, local.FullName()) {
		t.Fatalf("the Sync screen shows %d conflicts, want one on %s:\n%s", n, local.FullName(), text)
	}
	compare := findButton(w.Canvas().Content(), "Compare…")
	if compare == nil || compare.Disabled() {
		t.Fatalf("no Compare button to press:\n%s", text)
	}
	test.Tap(compare)
	side := allText(w.Canvas().Overlays().Top())
	for _, want := range []string{"On this computer", "On the server", mine, theirs} {
		if !strings.Contains(side, want) {
			t.Errorf("the comparison does not show %q:\n%s", want, side)
		}
	}
	if m, err := db.Member(pga, local.ID); err != nil || m.Phone != mine {
		t.Errorf("this computer's version is gone: %q %v", m.Phone, err)
	}
	if m, err := svc.DB.Member(carrier, local.ID); err != nil || m.Phone != theirs {
		t.Errorf("the server's version is gone: %q %v", m.Phone, err)
	}
}

// findButton returns the visible button with the text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// typeShortcut sends a shortcut to the window's canvas, as the keyboard
// would.
func typeShortcut(t *testing.T, w fyne.Window, s fyne.Shortcut) {
	t.Helper()
	type handler interface{ TypedShortcut(fyne.Shortcut) }
	c := any(w.Canvas())
	if _, ok := c.(handler); !ok {
		v := reflect.ValueOf(c)
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if f := v.FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
			c = f.Interface()
		}
	}
	h, ok := c.(handler)
	if !ok {
		t.Fatalf("the canvas %T takes no shortcuts", w.Canvas())
	}
	h.TypedShortcut(s)
}

// allText is the text of the labels, rich text and buttons under o.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *widget.Button:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// --screen Access opens on the Access screen for a signed-in PGA, although
// that screen only shows once the group is chosen.
func TestTheWindowStartsOnTheAccessScreenWhenAskedTo(t *testing.T) {
	svc := startAccountService(t)
	dbPath := signedInDesktop(t, svc)
	_, shell, _ := openWindowAt(t, dbPath, "Access")
	if got := shell.CurrentScreen(); got != "Access" {
		t.Fatalf("the window opened on %s, want Access", got)
	}
}
