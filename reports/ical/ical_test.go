package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

var stamp = time.Date(2026, 11, 28, 15, 4, 5, 0, time.FixedZone("PST", -8*3600))

func sampleAlerts() []model.Alert {
	return []model.Alert{
		{Kind: model.AlertAgingOut, GroupID: "g1", Group: "Łódź Pierogi, Inc.", SubjectID: "m1", Due: model.MustDate("2026-12-31"),
			Text: "Zoë Müller turns 26 on 01/01/2027: coverage as a dependent ends 12/31/2026"},
		{Kind: model.AlertSyncPending, GroupID: "g1", Group: "Łódź Pierogi, Inc.", Text: "3 changes waiting"},
		{Kind: model.AlertRenewalOpen, GroupID: "g2", Group: "Acme; Sons", SubjectID: "2027-02-29", Due: model.MustDate("2027-03-01"),
			Text: strings.Repeat("Renewal window open, review the plans\\rates; then send the changes.\n", 3)},
		{Kind: model.AlertWindowClosing, GroupID: "g2", Group: "Acme; Sons", SubjectID: "s1", Due: model.MustDate("2026-02-28"),
			Text: "Ann Rivera: the window for the marriage on 01/29/2026 closes 02/28/2026"},
	}
}

func TestTheCalendarReadsBackWithEveryDatedAlertOnItsDay(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Name: "GroupDesk deadlines", Alerts: sampleAlerts(), Stamp: stamp}); err != nil {
		t.Fatal(err)
	}
	cal, err := parseICS(buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if cal.name != "VCALENDAR" || cal.one(t, "VERSION").value != "2.0" || cal.one(t, "PRODID").value != ProductID {
		t.Fatalf("calendar header: %+v", cal.props)
	}
	if len(cal.children) != 3 {
		t.Fatalf("%d events, want the 3 dated alerts", len(cal.children))
	}
	want := []struct{ start, end, summary string }{
		{"20260228", "20260301", "Acme; Sons: Ann Rivera: the window for the marriage on 01/29/2026 closes 02/28/2026"},
		{"20261231", "20270101", "Łódź Pierogi, Inc.: Zoë Müller turns 26 on 01/01/2027: coverage as a dependent ends 12/31/2026"},
		{"20270301", "20270302", "Acme; Sons: " + sampleAlerts()[2].Text},
	}
	uids := map[string]bool{}
	for i, ev := range cal.children {
		if ev.name != "VEVENT" {
			t.Fatalf("component %d is %s", i, ev.name)
		}
		start, end := ev.one(t, "DTSTART"), ev.one(t, "DTEND")
		if start.params["VALUE"] != "DATE" || end.params["VALUE"] != "DATE" {
			t.Errorf("event %d is not all-day: %+v %+v", i, start, end)
		}
		checkDate(t, start.value, want[i].start)
		checkDate(t, end.value, want[i].end)
		if got := ev.one(t, "SUMMARY").value; got != want[i].summary {
			t.Errorf("event %d summary %q, want %q", i, got, want[i].summary)
		}
		if got := ev.one(t, "DTSTAMP").value; got != "20261128T230405Z" {
			t.Errorf("DTSTAMP %q, want the stamp in UTC", got)
		}
		uid := ev.one(t, "UID").value
		if uids[uid] {
			t.Errorf("UID %s twice", uid)
		}
		uids[uid] = true
	}
}

func checkDate(t *testing.T, got, want string) {
	t.Helper()
	if _, err := time.Parse("20060102", got); err != nil {
		t.Errorf("%q is not a DATE: %v", got, err)
	}
	if got != want {
		t.Errorf("date %s, want %s", got, want)
	}
}

func TestFoldingKeepsLinesShortAndCharactersWhole(t *testing.T) {
	for _, tc := range []struct {
		name string
		line string
	}{
		{"a short line is left alone", "SUMMARY:hello"},
		{"exactly 75 octets fit on one line", "X:" + strings.Repeat("a", 73)},
		{"a long ASCII line folds", "DESCRIPTION:" + strings.Repeat("abcdefghij", 30)},
		{"two-byte letters never split", "DESCRIPTION:" + strings.Repeat("ł", 200)},
		{"four-byte characters never split", "DESCRIPTION:x" + strings.Repeat("😀", 60)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			folded := Fold(tc.line)
			cal, err := parseICS([]byte("BEGIN:VCALENDAR\r\n" + folded + "END:VCALENDAR\r\n"))
			if err != nil {
				t.Fatalf("%v\n%q", err, folded)
			}
			p := cal.props[0]
			if got := p.name + ":" + p.value; got != tc.line {
				t.Fatalf("unfolded to %q", got)
			}
		})
	}
}

func TestEscapedTextReadsBackAsWritten(t *testing.T) {
	for _, s := range []string{`a\b`, "a;b,c", "two\nlines", "windows\r\nline", `\n is not a newline`} {
		p, err := parseLine("DESCRIPTION:" + Escape(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		want := strings.ReplaceAll(s, "\r\n", "\n")
		if p.value != want {
			t.Errorf("%q read back as %q", s, p.value)
		}
	}
}

func TestAnEmptyCalendarIsStillACalendar(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Stamp: stamp}); err != nil {
		t.Fatal(err)
	}
	cal, err := parseICS(buf.Bytes())
	if err != nil || len(cal.children) != 0 {
		t.Fatalf("%v, %d events", err, len(cal.children))
	}
}
