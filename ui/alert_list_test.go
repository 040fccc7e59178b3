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

// TestTheCalendarNamesTheGroupOnlyAcrossGroups: the Calendar of one group
// does not repeat its name on every row; across the book it names each.
func TestTheCalendarNamesTheGroupOnlyAcrossGroups(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.ShowScreen("Calendar")
	c := s.calendar
	for _, tc := range []struct {
		scope string
		named bool
	}{{scopeGroup, false}, {scopeBook, true}, {scopeGroup, false}} {
		c.scope.SetSelected(tc.scope)
		if len(c.list.alerts) == 0 {
			t.Fatalf("%s: no deadlines listed", tc.scope)
		}
		row := c.list.list.CreateItem()
		c.list.updateRow(0, row)
		text, group := alertRowLabels(row.(*fyne.Container))
		if text.Text != c.list.alerts[0].Text || (group != nil) != tc.named {
			t.Fatalf("%s: the first row reads %q, its group named: %v", tc.scope, text.Text, group != nil)
		}
		if tc.named && group.Text != c.list.alerts[0].Group {
			t.Fatalf("%s: the row names %q, want %q", tc.scope, group.Text, c.list.alerts[0].Group)
		}
	}
}
