package ui

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// setClock moves the shell's and the store's clock to a day, at 10 a.m.
func setClock(s *Shell, db *sqlite.DB, day model.Date) {
	now := func() time.Time { return day.Time().Add(10 * time.Hour) }
	s.deps.Now, db.Now = now, now
}

// homeHas reports whether Home lists an alert of the kind.
func homeHas(s *Shell, kind model.AlertKind) bool {
	s.home.loadAlerts(s.group)
	for _, a := range s.home.alerts.alerts {
		if a.Kind == kind {
			return true
		}
	}
	return false
}

func TestHomeShowsTheRenewalWindowWhileItIsOpen(t *testing.T) {
	s, db, _ := newTestShell(t)
	renewal := s.group.RenewalDate
	for _, tc := range []struct {
		name string
		day  model.Date
		want bool
	}{
		{"the day before the window opens it is not open", renewal.AddDays(-model.DefaultRenewalLeadDays - 1), false},
		{"75 days before the renewal it is open", renewal.AddDays(-model.DefaultRenewalLeadDays), true},
		{"on the renewal day it is still open", renewal, true},
		{"after the renewal it is gone", renewal.AddDays(1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setClock(s, db, tc.day)
			if got := homeHas(s, model.AlertRenewalOpen); got != tc.want {
				t.Fatalf("on %s: renewal alert shown = %v, want %v", tc.day, got, tc.want)
			}
		})
	}
}

func TestHomeShowsAChildTurning26UntilCoverageEnds(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	_, kid := familyWith(t, s, model.RelChild)
	birthday := kid.DateOfBirth.Birthday(model.DependentAgeLimit)
	setClock(s, db, birthday.AddDays(-model.DeadlineHorizon-1))
	if homeHas(s, model.AlertAgingOut) && alertFor(s, kid.ID) {
		t.Fatal("the child shows 91 days before turning 26")
	}
	setClock(s, db, birthday.AddDays(-30))
	if !alertFor(s, kid.ID) {
		t.Fatalf("%s turns 26 on %s, yet Home does not say so 30 days before", kid.FullName(), birthday)
	}
	kid.Status, kid.Termination, kid.TermReason = model.StatusTerminated, birthday.AddDays(-1), "Reached age 26"
	if err := db.UpdateMember(s.deps.Ctx, &kid); err != nil {
		t.Fatal(err)
	}
	if alertFor(s, kid.ID) {
		t.Fatal("the alert stays after the child's coverage was ended")
	}
}

func alertFor(s *Shell, memberID string) bool {
	s.home.loadAlerts(s.group)
	for _, a := range s.home.alerts.alerts {
		if a.Kind == model.AlertAgingOut && a.SubjectID == memberID {
			return true
		}
	}
	return false
}

func TestHomeCountsChangesWaitingToBeSent(t *testing.T) {
	s, db, _ := newTestShell(t)
	if homeHas(s, model.AlertSyncPending) {
		t.Fatal("a fresh demo book has changes waiting")
	}
	sub, _ := familyWith(t, s, model.RelSpouse)
	sub.Phone = "415-555-0100"
	if err := db.UpdateMember(s.deps.Ctx, &sub); err != nil {
		t.Fatal(err)
	}
	if !homeHas(s, model.AlertSyncPending) {
		t.Fatal("a change waiting to be sent is not on Home")
	}
}

func TestSelectingAnAlertOpensWhatActsOnIt(t *testing.T) {
	s, db, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	_, kid := familyWith(t, s, model.RelChild)
	setClock(s, db, kid.DateOfBirth.Birthday(model.DependentAgeLimit).AddDays(-10))
	s.home.loadAlerts(s.group)
	for i, a := range s.home.alerts.alerts {
		if a.SubjectID == kid.ID {
			s.home.alerts.list.Select(i)
			break
		}
	}
	if s.CurrentScreen() != "Members" || s.members.detail.member.ID != kid.ID {
		t.Fatalf("in front: %s showing %q, want Members showing %s", s.CurrentScreen(), s.members.detail.member.FullName(), kid.FullName())
	}
}

func TestHomeDrawsTheCharts(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	drawn := 0 // a chart with nothing to draw (no invoices yet) is left out
	for _, img := range s.home.charts.images {
		if len(img) > 0 {
			drawn++
		}
	}
	if n := len(s.home.charts.grid.Objects); n != drawn || n < 2 {
		t.Fatalf("%d charts on Home, want the %d drawn of %d", n, drawn, len(homeChartList))
	}
}

func TestHomeWarnsOfAnInvitationExpiringUnusedUntilItIsUsed(t *testing.T) {
	s, db, _ := newTestShell(t)
	g := s.group
	expires := time.Date(2026, 12, 4, 15, 30, 0, 0, time.UTC)
	code := model.AccessCode{ID: "code-1", Purpose: model.CodeInvite, GroupID: g.ID, Role: model.RoleMembership,
		Email: "mo@example.com", Name: "Mo Clerk", CreatedBy: "u1", CreatedAt: expires.Add(-model.AccessCodeValidity), ExpiresAt: expires}
	publish := func(c model.AccessCode, cursor string) {
		t.Helper()
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ApplyChanges(s.deps.Ctx, []model.Change{{Entity: model.EntityAccessCode, ID: c.ID, GroupID: c.GroupID, Data: data}}, cursor); err != nil {
			t.Fatal(err)
		}
	}
	publish(code, "c1")
	at := func(now time.Time) {
		s.deps.Now, db.Now = func() time.Time { return now }, func() time.Time { return now }
	}
	at(expires.Add(-72 * time.Hour))
	if homeHas(s, model.AlertAccessCodeExpiring) {
		t.Fatal("the invitation shows three days before it expires")
	}
	at(expires.Add(-20 * time.Hour))
	if !homeHas(s, model.AlertAccessCodeExpiring) {
		t.Fatal("Home does not warn of the invitation expiring in 20 hours")
	}
	code.UsedAt, code.UsedBy = expires.Add(-21*time.Hour), "u9"
	publish(code, "c2")
	if homeHas(s, model.AlertAccessCodeExpiring) {
		t.Fatal("the invitation still shows after it was used")
	}
}
