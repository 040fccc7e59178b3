package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// exportedCSV exports the group's roster from the screen and returns its
// lines.
func exportedCSV(t *testing.T, s *Shell) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "roster.csv")
	if err := s.members.exportTo(path, true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestImportWithPreviewThenUndo(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Members")
	_, lines := exportedCSV(t, s)
	before := s.members.Total()
	// The last person leaves; a new hire joins.
	last := strings.Split(lines[len(lines)-1], ",")
	lines = lines[:len(lines)-1]
	lines = append(lines, "ZZ-1,employee,Ines,,Okafor,1990-02-02,F,,no,,,,,,CA,94110,,"+last[17]+",,,,,,,")
	edited := filepath.Join(t.TempDir(), "edited.csv")
	if err := os.WriteFile(edited, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := s.members.importFile(edited)
	p := f.preview
	if p == nil {
		t.Fatal("no preview")
	}
	if len(f.plan.Adds) != 1 || len(f.plan.Terms) < 1 || f.plan.Errors() != 0 {
		t.Fatalf("plan %s, problems %v", f.plan.Summary(), f.plan.Problems)
	}
	if !strings.Contains(p.summary.Text, "1 to add") || p.tabs.Items[0].Text != "Add (1)" || p.apply.Disabled() {
		t.Fatalf("preview %q, first tab %q", p.summary.Text, p.tabs.Items[0].Text)
	}
	test.Tap(p.apply)
	if got := s.members.Total(); got != before+1 {
		t.Fatalf("%d people after the import, want %d", got, before+1)
	}
	if n, _ := db.CountMembers(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Search: "ZZ-1"}); n != 1 {
		t.Fatal("the new hire was not added")
	}
	if !s.members.actions.undoImport.Visible() || !strings.Contains(s.members.actions.noticeText.Text, "Imported edited.csv: 1 added") {
		t.Fatalf("after the import: notice %q", s.members.actions.noticeText.Text)
	}
	test.Tap(s.members.actions.noticeUndo)
	if got := s.members.Total(); got != before {
		t.Fatalf("%d people after the undo, want %d", got, before)
	}
	if n, _ := db.CountMembers(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Status: model.StatusTerminated}); n == 0 {
		t.Fatal("nobody is terminated in the demo group")
	}
	if s.members.actions.undoImport.Visible() {
		t.Error("Undo last import is still offered after the undo")
	}
}

func TestImportErrorsBlockUntilTheBadRowsAreLeftOut(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	_, lines := exportedCSV(t, s)
	cells := strings.Split(lines[1], ",")
	cells[5] = "1980-02-30"
	lines[1] = strings.Join(cells, ",")
	edited := filepath.Join(t.TempDir(), "edited.csv")
	os.WriteFile(edited, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	f := s.members.importFile(edited)
	p := f.preview
	if !p.apply.Disabled() || !strings.Contains(p.tabs.Items[3].Text, "Problems (1)") {
		t.Fatalf("apply enabled with an error; tab %q", p.tabs.Items[3].Text)
	}
	problems := filepath.Join(t.TempDir(), "problems.csv")
	if err := p.exportProblems(problems); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(problems); !strings.Contains(string(b), ",2,date_of_birth,error,1980-02-30 is not a day on the calendar") {
		t.Errorf("problems file:\n%s", b)
	}
	test.Tap(p.exclude)
	if p.apply.Disabled() && !f.plan.Empty() {
		t.Fatal("leaving the bad family out does not enable Apply")
	}
	if len(f.plan.Excluded) != 1 {
		t.Errorf("excluded %v", f.plan.Excluded)
	}
}

func TestImportAskForColumnsWhenOneIsMissing(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	path := filepath.Join(t.TempDir(), "odd.csv")
	os.WriteFile(path, []byte("Emp,Rel,Given,Family,Born,Sex,Zip,Tobacco\nQ1,employee,Ann,Lee,1980-01-01,F,94110,no\n"), 0o600)
	f := s.members.importFile(path)
	if f.mapper == nil || f.preview != nil {
		t.Fatal("a missing column did not open the column mapping")
	}
	f.mapper.selects[model.FieldEmployeeID].SetSelected("Emp")
	f.mapper.selects[model.FieldFirstName].SetSelected("Given")
	f.mapper.selects[model.FieldLastName].SetSelected("Family")
	f.mapper.selects[model.FieldDateOfBirth].SetSelected("Born")
	f.mapper.apply()
	if f.preview == nil || f.plan.Errors() != 1 || !strings.Contains(f.plan.Problems[0].Message, "needs a plan") {
		t.Fatalf("after mapping: %s, %v", f.plan.Summary(), f.plan.Problems)
	}
	f.preview.defaultPlan.SetSelectedIndex(0)
	if f.plan.Errors() != 0 || f.preview.apply.Disabled() {
		t.Fatalf("with a default plan: %v", f.plan.Problems)
	}
	if a := f.plan.Adds; len(a) != 1 || a[0].After.FirstName != "Ann" {
		t.Errorf("adds %+v", a)
	}
}

func TestExportWritesTheRoster(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	if err := s.members.exportTo(path, false); err != nil {
		t.Fatal(err)
	}
	c, err := census.ReadFile(context.Background(), path, census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.deps.Store.CountMembers(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID})
	if len(c.Records) != n {
		t.Fatalf("%d people in the file, %d in the group", len(c.Records), n)
	}
	if !strings.Contains(s.members.actions.noticeText.Text, "Exported") {
		t.Errorf("notice %q", s.members.actions.noticeText.Text)
	}
}
