package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestTheCalendarShowsAndExportsTheDeadlinesOfTheBook(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	_, kid := familyWith(t, s, model.RelChild)
	ends := kid.DateOfBirth.Birthday(model.DependentAgeLimit).AddDays(-1)
	setClock(s, db, ends.AddDays(-20))
	s.ShowScreen("Calendar")
	s.calendar.scope.SetSelected(scopeBook)
	var found *model.Alert
	for i, a := range s.calendar.alerts {
		if a.SubjectID == kid.ID {
			found = &s.calendar.alerts[i]
		}
		if !a.Dated() {
			t.Fatalf("an undated alert on the calendar: %+v", a)
		}
	}
	if found == nil {
		t.Fatalf("%s's coverage ends %s, but the calendar does not show it", kid.FullName(), ends)
	}
	if n := len(s.calendar.list.alerts); n != len(s.calendar.alerts) {
		t.Fatalf("the list shows %d of %d", n, len(s.calendar.alerts))
	}
	cur := s.calendar.month
	s.calendar.moveMonth(12*(ends.Year-cur.Year) + int(ends.Month) - int(cur.Month))
	s.calendar.onDay(ends)
	if len(s.calendar.day.alerts) == 0 {
		t.Fatalf("picking %s lists nothing", ends)
	}
	var buf bytes.Buffer
	if err := s.calendar.export(&buf); err != nil {
		t.Fatal(err)
	}
	ics := buf.String()
	if got := strings.Count(ics, "BEGIN:VEVENT"); got != len(s.calendar.alerts) {
		t.Fatalf("%d events in the file for %d deadlines", got, len(s.calendar.alerts))
	}
	day := strings.ReplaceAll(ends.String(), "-", "")
	if !strings.Contains(ics, "DTSTART;VALUE=DATE:"+day+"\r\n") {
		t.Fatalf("no all-day event on %s in\n%s", day, ics[:min(len(ics), 800)])
	}
}

func TestTheBookOfBusinessListsAlertsAcrossGroups(t *testing.T) {
	s, db, _ := newTestShell(t)
	setClock(s, db, testToday)
	s.ShowScreen("Book of business")
	groups := map[string]bool{}
	for _, a := range s.book.all {
		groups[a.GroupID] = true
	}
	if len(s.book.all) == 0 || len(groups) < 2 {
		t.Fatalf("%d alerts from %d groups", len(s.book.all), len(groups))
	}
	s.book.urgent.SetChecked(true)
	for _, a := range s.book.list.alerts {
		if a.Severity != model.SeverityUrgent {
			t.Fatalf("Urgent only shows %+v", a)
		}
	}
}
