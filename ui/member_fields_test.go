package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// TestAMembersHistoryReadsInWords: the history of a member says what
// changed as a person reads it — no JSON, no tier codes, no ISO dates.
func TestAMembersHistoryReadsInWords(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	sub, _ := familyWith(t, s, model.RelChild)
	cd := s.members.openCoverage(sub)
	for i := range cd.drop {
		cd.drop[i].SetChecked(true)
	}
	test.Tap(cd.save)
	m, err := db.Member(s.deps.Ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	m.Address.City = "Berkeley"
	m.Employment.Salary, m.Employment.Status, m.Employment.HoursWeekly = 6500000, "part_time", 20
	m.Tobacco = true
	if err := db.UpdateMember(s.deps.Ctx, &m); err != nil {
		t.Fatal(err)
	}
	s.members.showMember(sub.ID)
	var lines []string
	labelsIn(s.members.detail.history, func(l *widget.Label) { lines = append(lines, l.Text) })
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Address: ", ", Berkeley, ", "Part time, 20 hours a week", "$65,000.00 a year", "to Uses tobacco",
		"Coverage tier: from Employee + children to Employee only", "Coverage tier from Employee + children to Employee only on 12/01/2026."} {
		if !strings.Contains(text, want) {
			t.Errorf("the history does not say %q:\n%s", want, text)
		}
	}
	iso := regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`)
	if strings.ContainsAny(text, "{}\"") || iso.MatchString(text) || strings.Contains(text, "EC") {
		t.Errorf("the history shows machine values:\n%s", text)
	}
}

func TestAMembersFieldsReadInWords(t *testing.T) {
	s, _, _ := newTestShell(t)
	for _, tc := range []struct{ field, value, want string }{
		{"effective_date", "2027-01-01", "Jan 1, 2027"},
		{"status", "cobra", "COBRA"},
		{"relationship", "child", model.RelChild.Label()},
		{"ssn", "123456789", "***-**-6789"},
		{"address", `{"line1":"1 Main St","city":"Reno","state":"NV","zip":"89501"}`, "1 Main St, Reno, NV 89501"},
		{"termination_date", "", "—"},
	} {
		if got := s.shown(tc.field, tc.value); got != tc.want {
			t.Errorf("%s %q is shown %q, want %q", tc.field, tc.value, got, tc.want)
		}
	}
	if got := fieldLabel("effective_date"); got != "Coverage effective" {
		t.Errorf("effective_date is labelled %q", got)
	}
}
