package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// overlayText is every text shown in the dialog on top, or "".
func overlayText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
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
			r := test.WidgetRenderer(x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

func TestTheTutorialOpensFromEveryScreen(t *testing.T) {
	s, _, w := newTestShell(t)
	for _, sc := range s.screens {
		t.Run(sc.title(), func(t *testing.T) {
			s.ShowScreen(sc.title())
			tut, ok := tutorialFor(sc.title())
			if !ok {
				t.Fatalf("the %s screen has no tutorial: add help/tutorials/NN-name.md with <!-- screens: %s -->", sc.title(), sc.title())
			}
			test.Tap(s.help)
			if got := overlayText(w); !strings.Contains(got, tut.title) {
				t.Fatalf("the help button opened %q, want the tutorial %q", firstLine(got), tut.title)
			}
			s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if w.Canvas().Overlays().Top() != nil {
				t.Fatal("Escape did not close the tutorial")
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestF1OpensTheHelpOfTheScreenInFront(t *testing.T) {
	s, _, w := newTestShell(t)
	s.ShowScreen("Members")
	w.Canvas().Unfocus()
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if got := overlayText(w); !strings.Contains(got, "Members: keep the roster right") {
		t.Fatalf("F1 on Members opened %q", firstLine(got))
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not close the tutorial")
	}
}

func TestEveryHelpPageHasATitleAndLinksOnlyToScreensThatExist(t *testing.T) {
	s, _, _ := newTestShell(t)
	titles := map[string]bool{}
	for _, sc := range s.all {
		titles[slugOf(sc.title())] = true
	}
	for _, p := range append(append([]helpPage{}, infoPages...), tutorials...) {
		if p.title == "" {
			t.Errorf("%s has no # heading", p.slug)
		}
		for _, m := range screenLink.FindAllStringSubmatch(p.markdown, -1) {
			if !titles[m[1]] {
				t.Errorf("%s links to screen:%s, which does not exist", p.slug, m[1])
			}
		}
	}
	if len(infoPages) != 4 {
		t.Errorf("%d information pages, want 4", len(infoPages))
	}
}

func TestAnInformationPageLinksToTheScreensThatActOnIt(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.ShowScreen("Information")
	s.info.list.Select(2) // large business
	var buttons []*widget.Button
	for _, o := range s.info.goTo.Objects {
		if b, ok := o.(*widget.Button); ok {
			buttons = append(buttons, b)
		}
	}
	if len(buttons) == 0 {
		t.Fatal("the page has no Go to buttons")
	}
	test.Tap(buttons[0])
	if s.CurrentScreen() != buttons[0].Text {
		t.Fatalf("the %s button shows %s", buttons[0].Text, s.CurrentScreen())
	}
	var link *widget.HyperlinkSegment
	rt := s.helpText("Open [the roster](screen:members).", nil)
	for _, seg := range rt.Segments {
		if l, ok := seg.(*widget.HyperlinkSegment); ok {
			link = l
		}
	}
	if link == nil || link.OnTapped == nil {
		t.Fatal("a screen link is not handled")
	}
	link.OnTapped()
	if s.CurrentScreen() != "Members" {
		t.Fatalf("the link shows %s, want Members", s.CurrentScreen())
	}
}

func TestTheShortcutSheetIsATableOfEveryShortcut(t *testing.T) {
	s, _, w := newTestShell(t)
	table := s.showShortcuts()
	rows, cols := table.Length()
	if cols != 2 || rows != len(s.shortcuts()) || rows < 10 {
		t.Fatalf("the sheet is %d×%d", rows, cols)
	}
	if !strings.Contains(overlayText(w), "Close") {
		t.Fatal("the sheet is not in a dialog")
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the sheet")
	}
}
