package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/groupdesk/groupdesk/model"
)

func TestTheOwnerChangesALifeEventWindowInSettings(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.ShowScreen("Settings")
	if !s.settings.rules.edit.Visible() {
		t.Fatal("the owner cannot change the rules")
	}
	e := s.settings.rules.openEditor()
	for i, r := range s.settings.rules.rules.Events {
		if r.Event == model.EventMarriage && r.State == "" {
			typeInto(e.windows[i], "45")
		}
	}
	e.save()
	rs, err := db.Rules(s.deps.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if w := rs.EventFor("TX", model.SegmentSmall, model.EventMarriage).WindowDays; w != 45 {
		t.Fatalf("the marriage window in force is %d days, want 45", w)
	}
}

func TestAnUnsoundRuleIsRefusedWithItsReason(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.ShowScreen("Settings")
	e := s.settings.rules.openEditor()
	typeInto(e.windows[0], "0")
	e.save()
	if !strings.Contains(e.problem.Text, "at least one day") {
		t.Fatalf("problem shown: %q", e.problem.Text)
	}
}

func TestSomeoneWhoIsNotAPrimaryAdministratorSeesTheRulesReadOnly(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.deps.Ctx = model.WithPrincipal(s.baseCtx, &model.Principal{UserID: "u", Grants: map[string]model.Role{s.group.ID: model.RoleMembership}})
	s.ShowScreen("Settings")
	if s.settings.rules.edit.Visible() {
		t.Fatal("a Membership user may change the rules")
	}
	if n, _ := s.settings.rules.events.Length(); n == 0 {
		t.Fatal("the rules in force are not shown")
	}
}

func TestExportMaskingIsAPreferenceOnByDefault(t *testing.T) {
	s, _, _ := newTestShell(t)
	if !s.maskExports() || !s.settings.mask.Checked {
		t.Fatal("exports are not masked by default")
	}
	test.Tap(s.settings.mask)
	if s.app.Preferences().BoolWithFallback(PrefMaskExports, true) {
		t.Fatal("unticking did not save the preference")
	}
}

func TestMovingTheDatabaseAsksAndCallsTheHook(t *testing.T) {
	s, _, w := newTestShell(t)
	var moved string
	s.deps.MoveDatabase = func(folder string) error { moved = folder; return nil }
	s.settings.confirmMove("/tmp/elsewhere")
	if !strings.Contains(overlayText(w), "/tmp/elsewhere") {
		t.Fatal("the move was not confirmed first")
	}
	test.Tap(findButton(t, w, "Yes"))
	if moved != "/tmp/elsewhere" {
		t.Fatalf("the hook got %q", moved)
	}
}

func TestTheSyncServerIsTheDefaultForSignIn(t *testing.T) {
	s, _, _ := newTestShell(t)
	typeInto(s.settings.server, "https://accounts.example.test")
	s.settings.saveServer()
	if got := s.app.Preferences().String(prefServer); got != "https://accounts.example.test" {
		t.Fatalf("saved %q", got)
	}
}
