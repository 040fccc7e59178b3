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

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// newTourShell builds a shell that offers the tour, on an empty store, in
// the app a (so that its preferences carry over to a second shell).
func newTourShell(t *testing.T, a fyne.App) (*Shell, fyne.Window) {
	t.Helper()
	return newTourShellWith(t, a, nil)
}

// newTourShellWith is newTourShell with a first-run set-up.
func newTourShellWith(t *testing.T, a fyne.App, firstRun func(context.Context, func(done, total int)) (string, error)) (*Shell, fyne.Window) {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "tour.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := a.NewWindow("GroupDesk")
	w.Resize(fyne.NewSize(1280, 800))
	s := New(a, w, Deps{Store: db, Ctx: ctx, Now: time.Now, DBPath: db.Path, Version: "test", Synchronous: true, Tour: true, FirstRun: firstRun})
	w.Show()
	s.Start()
	return s, w
}

func TestTheFirstRunTourCanBeSkippedAndIsNotOfferedAgain(t *testing.T) {
	a := test.NewTempApp(t)
	_, w := newTourShell(t, a)
	if !strings.Contains(overlayText(w), tourSteps[0].title) {
		t.Fatalf("the tour was not offered on the first run: %q", firstLine(overlayText(w)))
	}
	test.Tap(findButton(t, w, "Skip the tour"))
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("skipping left the tour open")
	}
	if !a.Preferences().Bool(prefTourDone) {
		t.Fatal("skipping the tour was not remembered")
	}
	_, w2 := newTourShell(t, a)
	if w2.Canvas().Overlays().Top() != nil {
		t.Fatal("the tour was offered again after it was skipped")
	}
}

func TestTheTourWalksItsStepsAndCanBeReplayed(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetBool(prefTourDone, true)
	s, w := newTourShell(t, a)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the tour was offered though it was taken")
	}
	tr := s.startTour() // Help → Take the tour
	for i := 1; i < len(tourSteps); i++ {
		s.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if tr.step != i || !strings.Contains(overlayText(w), tourSteps[i].title) {
			t.Fatalf("Enter did not move to step %d (at %d)", i+1, tr.step+1)
		}
		if st := tourSteps[i].screen; st != "" && s.CurrentScreen() != st {
			t.Fatalf("step %d shows %s, want %s", i+1, s.CurrentScreen(), st)
		}
	}
	if tr.next.Text != "Done" {
		t.Fatalf("the last step's button says %q", tr.next.Text)
	}
	test.Tap(tr.next)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Done left the tour open")
	}
}

func TestEscapeSkipsTheTourToo(t *testing.T) {
	a := test.NewTempApp(t)
	s, w := newTourShell(t, a)
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil || !a.Preferences().Bool(prefTourDone) {
		t.Fatal("Escape did not close and remember the tour")
	}
}

// findButton returns the button with the text in the dialog on top.
func findButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				found = x
			}
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
	if top := w.Canvas().Overlays().Top(); top != nil {
		walk(top)
	}
	if found == nil {
		t.Fatalf("no %q button on top", text)
	}
	return found
}

// On the first run the tour waits for the note on the demo book: one
// dialog at a time, the tour once the note is closed.
func TestTheTourFollowsTheDemoBookNoteOnTheFirstRun(t *testing.T) {
	loaded := false
	_, w := newTourShellWith(t, test.NewTempApp(t), func(context.Context, func(done, total int)) (string, error) {
		loaded = true
		return "3 groups and 120 members were loaded.", nil
	})
	if !loaded {
		t.Fatal("the first run did not load the demo book")
	}
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("%d dialogs open after the first run, want the note alone", n)
	}
	if text := overlayText(w); !strings.Contains(text, "120 members were loaded") || strings.Contains(text, tourSteps[0].title) {
		t.Fatalf("the dialog on top says %q", firstLine(text))
	}
	test.Tap(findButton(t, w, "OK"))
	if !strings.Contains(overlayText(w), tourSteps[0].title) {
		t.Fatalf("closing the note did not offer the tour: %q", firstLine(overlayText(w)))
	}
}
