package ical

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The calendar file read by an independent reader, the Python icalendar
// library (Debian's python3-icalendar): every dated alert is an all-day
// event on its day, with its summary and a UID of its own.
func TestPythonIcalendarReadsEveryDeadlineOnItsDay(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Calendar{Name: "GroupDesk deadlines", Alerts: sampleAlerts(), Stamp: stamp}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "deadlines.ics")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	script := `import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for ev in cal.walk('VEVENT'):
    out.append({"start": ev.decoded('DTSTART').isoformat(), "end": ev.decoded('DTEND').isoformat(),
                "summary": str(ev['SUMMARY']), "uid": str(ev['UID'])})
print(json.dumps(out))`
	// Debian's python3, where the python3-icalendar package installs it.
	out, err := exec.Command("/usr/bin/python3", "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("python icalendar could not read the file: %v\n%s", err, out)
	}
	var events []struct{ Start, End, Summary, UID string }
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := []struct{ start, end, summary string }{
		{"2026-02-28", "2026-03-01", "Acme; Sons: Ann Rivera: the window for the marriage on 01/29/2026 closes 02/28/2026"},
		{"2026-12-31", "2027-01-01", "Łódź Pierogi, Inc.: Zoë Müller turns 26 on 01/01/2027: coverage as a dependent ends 12/31/2026"},
		{"2027-03-01", "2027-03-02", "Acme; Sons: " + sampleAlerts()[2].Text},
	}
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d: %s", len(events), len(want), out)
	}
	uids := map[string]bool{}
	for i, ev := range events {
		if ev.Start != want[i].start || ev.End != want[i].end || ev.Summary != want[i].summary {
			t.Errorf("event %d: %s to %s %q; want %s to %s %q", i, ev.Start, ev.End, ev.Summary, want[i].start, want[i].end, want[i].summary)
		}
		if uids[ev.UID] {
			t.Errorf("UID %s twice", ev.UID)
		}
		uids[ev.UID] = true
	}
}
