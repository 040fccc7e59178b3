package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// familyWith finds a covered family in the group with a dependent of the
// relationship, and returns the subscriber and that dependent.
func familyWith(t *testing.T, s *Shell, rel model.Relationship) (model.Member, model.Member) {
	t.Helper()
	page, err := s.deps.Store.Members(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Relationship: rel, Status: model.StatusActive, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range page.Members {
		sub, err := s.deps.Store.Member(s.deps.Ctx, d.SubscriberID)
		if err == nil && sub.Status == model.StatusActive {
			return sub, d
		}
	}
	t.Fatalf("no active family with a %s", rel)
	return model.Member{}, model.Member{}
}

func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestEnrollingAFamilyFromTheMembersScreen(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Members")
	before := s.members.Total()
	d := s.members.openEnroll()
	if d == nil {
		t.Fatal("the owner cannot enroll")
	}
	if d.save.Disabled() == false {
		t.Fatal("Save is enabled on an empty form")
	}
	typeInto(d.employeeID, "Z-1001")
	typeInto(d.person.first, "Noor")
	typeInto(d.person.last, "Haddad")
	typeInto(d.person.dob, "04/12/1988")
	typeInto(d.person.zip, "94110")
	d.plan.SetSelectedIndex(0)
	kid := d.addDependent()
	typeInto(kid.person.first, "Sami")
	typeInto(kid.person.dob, "13/45/2020")
	if !strings.Contains(d.problems.Text, "Date of birth: 13/45/2020 is not a day on the calendar") || !d.save.Disabled() {
		t.Fatalf("a bad date: problems %q, save enabled %v", d.problems.Text, !d.save.Disabled())
	}
	typeInto(kid.person.dob, "2020-03-15")
	if d.problems.Text != "" || d.save.Disabled() {
		t.Fatalf("the form is complete yet: %q", d.problems.Text)
	}
	if !strings.Contains(d.effect.Text, "$") || !strings.Contains(d.outcome.Text, "Employee + children") {
		t.Fatalf("premium %q, outcome %q", d.effect.Text, d.outcome.Text)
	}
	test.Tap(d.save)
	if got := s.members.Total(); got != before+2 {
		t.Fatalf("%d people after enrolling two, want %d", got, before+2)
	}
	page, _ := db.Members(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Search: "Z-1001"})
	if page.Total != 2 || page.Members[0].Tier != model.TierEC {
		t.Fatalf("stored: %+v", page.Members)
	}
	if !strings.Contains(s.members.actions.noticeText.Text, "Noor Haddad enrolled with 1 dependent") {
		t.Errorf("notice %q", s.members.actions.noticeText.Text)
	}
	if s.members.detail.member.FirstName != "Noor" {
		t.Errorf("the detail shows %q", s.members.detail.member.FullName())
	}
}

func TestTerminatingADependentThenUndoing(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Members")
	sub, spouse := familyWith(t, s, model.RelSpouse)
	s.members.showMember(spouse.ID)
	if len(s.members.detail.actions.Objects) == 0 {
		t.Fatal("the detail panel offers no actions")
	}
	d := s.members.openTerminate(spouse)
	if d.save.Disabled() == false {
		t.Fatal("Save is enabled before a reason is given")
	}
	d.reason.SetText("Divorce or legal separation")
	if d.save.Disabled() {
		t.Fatalf("refused: %q", d.problems.Text)
	}
	if !strings.Contains(d.effect.Text, "a month, down $") {
		t.Errorf("the premium effect %q does not show a drop", d.effect.Text)
	}
	typeInto(d.date, "01/31/2026")
	if !strings.Contains(d.problems.Text, "Coverage cannot end before 2026-11-01") || !d.save.Disabled() {
		t.Fatalf("a date before the retro limit: %q", d.problems.Text)
	}
	typeInto(d.date, "11/30/2026")
	test.Tap(d.save)
	got, _ := db.Member(s.deps.Ctx, spouse.ID)
	if got.Status != model.StatusTerminated || got.Termination.String() != "2026-11-30" {
		t.Fatalf("the spouse after: %s %s", got.Status, got.Termination)
	}
	if subAfter, _ := db.Member(s.deps.Ctx, sub.ID); subAfter.Status != model.StatusActive || subAfter.Tier == sub.Tier {
		t.Errorf("the subscriber after: %s, tier %s (was %s)", subAfter.Status, subAfter.Tier, sub.Tier)
	}
	if !s.members.actions.noticeUndo.Visible() {
		t.Fatal("no Undo offered")
	}
	test.Tap(s.members.actions.noticeUndo)
	if got, _ := db.Member(s.deps.Ctx, spouse.ID); got.Status != model.StatusActive || !got.Termination.IsZero() {
		t.Fatalf("after Undo: %s %s", got.Status, got.Termination)
	}
}

func TestChangingCoverageAndAddingADependentFromTheDetail(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	sub, _ := familyWith(t, s, model.RelChild)
	cd := s.members.openCoverage(sub)
	for i := range cd.drop {
		cd.drop[i].SetChecked(true)
	}
	if cd.save.Disabled() || !strings.Contains(cd.outcome.Text, "Employee only") {
		t.Fatalf("dropping everyone: %q %q", cd.problems.Text, cd.outcome.Text)
	}
	test.Tap(cd.save)
	if got, _ := db.Member(s.deps.Ctx, sub.ID); got.Tier != model.TierEE {
		t.Fatalf("tier after %s", got.Tier)
	}
	dd := s.members.openAddDependent(sub)
	dd.event.event.SetSelected(model.EventBirth.Label())
	typeInto(dd.event.date, "11/20/2026")
	typeInto(dd.person.first, "Baby")
	typeInto(dd.person.dob, "11/20/2026")
	if dd.save.Disabled() || !strings.Contains(dd.outcome.Text, "Coverage starts on Nov 20, 2026") {
		t.Fatalf("adding a newborn: %q %q", dd.problems.Text, dd.outcome.Text)
	}
	test.Tap(dd.save)
	fam, _ := db.Family(s.deps.Ctx, sub.ID)
	if last := fam[len(fam)-1]; last.FirstName != "Baby" || last.Tier != model.TierEC {
		t.Fatalf("the family after: %+v", last)
	}
}

func TestDeadlinesListChildrenAgingOut(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	d := s.members.openDeadlines()
	if d == nil || len(d.deadlines.AgingOut) == 0 || len(d.agingOut.Objects) != len(d.deadlines.AgingOut) {
		t.Fatalf("deadlines %+v", d)
	}
	if !strings.Contains(s.members.actions.deadlines.Text, "Deadlines (") {
		t.Errorf("the button says %q", s.members.actions.deadlines.Text)
	}
	first := d.agingOut.Objects[0].(*widget.Button)
	test.Tap(first)
	if s.members.detail.member.ID != d.deadlines.AgingOut[0].Member.ID {
		t.Error("tapping a deadline does not open the person")
	}
}

func TestReadOnlyUsersSeeNoEditActions(t *testing.T) {
	s, _, _ := newTestShell(t)
	g := largestGroup(t, s)
	reader := &model.Principal{UserID: "r", Name: "Reader", Grants: map[string]model.Role{g.ID: model.RoleReadOnly}}
	s.deps.Ctx = model.WithPrincipal(context.Background(), reader)
	s.SelectGroup(g)
	a := s.members.actions
	if a.enroll.Visible() || a.importBtn.Visible() || a.undoImport.Visible() {
		t.Error("a read-only user sees Enroll or Import")
	}
	if !a.export.Visible() {
		t.Error("a read-only user cannot export")
	}
	s.members.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if n := len(s.members.detail.actions.Objects); n != 0 {
		t.Errorf("a read-only user sees %d actions on a person", n)
	}
	if s.members.openEnroll() != nil {
		t.Error("Ctrl+N opens the enrollment for a read-only user")
	}
}

func TestShortcutsOpenEnrollment(t *testing.T) {
	s, _, w := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	triggerShortcut(t, w, fyne.KeyN)
	if s.CurrentScreen() != "Members" || w.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+N did not open the enrollment on the Members screen")
	}
	if !strings.Contains(s.shortcutSheet(), "Ctrl+I\tImport") {
		t.Error("the shortcut sheet does not list Ctrl+I")
	}
}

func TestTheExportDialogStartsFromTheMaskingSetting(t *testing.T) {
	s, _, _ := newTestShell(t)
	g := largestGroup(t, s)
	s.SelectGroup(g)
	c := s.members.openExport()
	if c == nil || c.unmasked.Checked {
		t.Fatal("with the default setting the export does not start masked")
	}
	c.dlg.Hide()
	s.app.Preferences().SetBool(PrefMaskExports, false)
	c = s.members.openExport()
	if !c.unmasked.Checked {
		t.Error("with masking turned off in Settings the export still starts masked")
	}
	c.dlg.Hide()
	reader := &model.Principal{UserID: "r", Name: "Reader", Grants: map[string]model.Role{g.ID: model.RoleReadOnly}}
	s.deps.Ctx = model.WithPrincipal(context.Background(), reader)
	s.SelectGroup(g)
	c = s.members.openExport()
	if c.unmasked.Checked || !c.unmasked.Disabled() {
		t.Error("a read-only user's export is not masked, whatever the setting")
	}
}
