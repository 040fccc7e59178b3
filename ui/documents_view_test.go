package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestTheDocumentTitlesAreShownWhole: the document's buttons leave the list
// its share of the screen, so a title reads whole in a full-size window.
func TestTheDocumentTitlesAreShownWhole(t *testing.T) {
	s, _, d := documentsShell(t)
	const title = "Summary of benefits and coverage — Platinum 90 HMO"
	drop(s, fileIn(t, "sbc-platinum-90-hmo.pdf", []byte("%PDF-1.4\nsummary\n")))
	if d.addForm == nil || !d.addForm.open {
		t.Fatal("dropping a file did not open the form to add it")
	}
	d.addForm.title.SetText(title)
	tapOverlayButton(t, s.win, "Add")
	if len(d.docs) != 1 || d.docs[0].Title != title {
		t.Fatalf("the documents listed: %+v", d.docs)
	}
	s.win.Resize(fyne.NewSize(1279, 800)) // lay the split out again with the document shown
	s.win.Resize(fyne.NewSize(1280, 800))
	width := d.list.Size().Width - theme.ScrollBarSize()
	if !fitsIn(title, fyne.TextStyle{Bold: true}, width) {
		t.Errorf("%q is cut short in a list %v wide", title, width)
	}
}
