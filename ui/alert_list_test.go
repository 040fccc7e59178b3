package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestTheBookShowsEachAlertWholeUnderItsGroup: across groups the group's
// name is a line of its own, so the alert keeps its whole width and its end
// (the amount, the date to answer by) is not cut off in a full-size window.
func TestTheBookShowsEachAlertWholeUnderItsGroup(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.ShowScreen("Book of business")
	l := s.book.list
	if len(l.alerts) < 5 {
		t.Fatalf("the book shows %d alerts", len(l.alerts))
	}
	width := l.list.Size().Width - theme.ScrollBarSize()
	row := l.createRow()
	row.Resize(fyne.NewSize(width, row.MinSize().Height))
	grouped := 0
	for i, a := range l.alerts {
		l.updateRow(i, row)
		row.Refresh()
		row.(*fyne.Container).Layout.Layout(row.(*fyne.Container).Objects, row.Size())
		text, group := alertRowLabels(row.(*fyne.Container))
		if group == nil || group.Text != a.Group || text.Text != a.Text {
			t.Fatalf("row %d reads %v / %q, want %q / %q", i, group, text.Text, a.Group, a.Text)
		}
		if a.Group != "" {
			grouped++
		}
		if !fitsIn(a.Text, fyne.TextStyle{}, text.Size().Width) {
			t.Errorf("%q is cut short in %v", a.Text, text.Size().Width)
		}
	}
	if grouped == 0 {
		t.Fatal("no alert names its group")
	}
}
