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
	dbPath := filepath.Join(t.TempDir(), "desk", "groupdesk.db")
	signIn := runInBackground("sync", "--server", svc.URL+"/", "--db", dbPath)
	if err := authtest.SignInWithForm(signIn.expect(t, `Open this address to sign in: (\S+)`), svc.Email, testPassword); err != nil {
		t.Fatal(err)
	}
	if code, out := signIn.wait(t); code != 0 {
		t.Fatalf("signing in: exit %d\n%s", code, out)
	}

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
	shell := ui.New(a, w, ui.Deps{Account: acct, Store: db, Ctx: ctx, Now: time.Now, DBPath: dbPath, Version: "test", Synchronous: true})
	w.Show()
	shell.Start()

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
	// The screen lists the group's people as the account service has them.
	deadline := time.Now().Add(10 * time.Second)
	for text := ""; !strings.Contains(text, "  <"+svc.Email+">") || !strings.Contains(text, " access to "); text = allText(w.Canvas().Content()) {
		if time.Now().After(deadline) {
			t.Fatalf("the Access screen does not list the PGA %s:\n%s", svc.Email, allText(w.Canvas().Content()))
		}
		time.Sleep(50 * time.Millisecond)
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
