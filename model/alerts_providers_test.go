package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

var acme = model.Group{ID: "g1", Name: "Acme Bakery", RenewalDate: model.MustDate("2027-01-01")}

func TestRenewalAlertAppearsWhenDueAndGoesWhenRenewed(t *testing.T) {
	for _, tc := range []struct {
		name  string
		group model.Group
		today string
		want  model.AlertKind // "" for none
		due   string
		sev   model.Severity
	}{
		{"nothing more than 30 days before the window opens", acme, "2026-09-17", "", "", 0},
		{"the window is announced 30 days before it opens", acme, "2026-09-18", model.AlertRenewalOpens, "2026-10-18", model.SeverityInfo},
		{"the window opens 75 days before the renewal", acme, "2026-10-18", model.AlertRenewalOpen, "2027-01-01", model.SeverityInfo},
		{"45 days before the renewal it is soon", acme, "2026-11-17", model.AlertRenewalOpen, "2027-01-01", model.SeverityWarning},
		{"two weeks before the renewal it is urgent", acme, "2026-12-18", model.AlertRenewalOpen, "2027-01-01", model.SeverityUrgent},
		{"the renewal day is the last day", acme, "2027-01-01", model.AlertRenewalOpen, "2027-01-01", model.SeverityUrgent},
		{"the day after the renewal it is gone", acme, "2027-01-02", "", "", 0},
		{"a renewed group's next date is far off", withRenewal(acme, "2028-01-01"), "2027-01-02", "", "", 0},
		{"a group without a renewal date has none", withRenewal(acme, ""), "2026-12-01", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := model.RenewalAlerts(tc.group, model.MustDate(tc.today), model.DefaultRenewalLeadDays)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("got %v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].Kind != tc.want || got[0].Due.String() != tc.due || got[0].Severity != tc.sev {
				t.Fatalf("got %+v, want %s due %s (%s)", got, tc.want, tc.due, tc.sev.Label())
			}
		})
	}
}

func TestRenewalLeadTimeComesFromTheCaller(t *testing.T) {
	got := model.RenewalAlerts(acme, model.MustDate("2026-11-01"), 60)
	if len(got) != 1 || got[0].Kind != model.AlertRenewalOpens || got[0].Due.String() != "2026-11-02" {
		t.Fatalf("with a 60-day lead: %+v", got)
	}
}

func withRenewal(g model.Group, d string) model.Group {
	g.RenewalDate = model.Date{}
	if d != "" {
		g.RenewalDate = model.MustDate(d)
	}
	return g
}

// deadlineAlerts runs the member deadlines as the store does, then turns
// them into alerts.
func deadlineAlerts(fam []model.Member, events []model.LifeEventRecord, today string) []model.Alert {
	day := model.MustDate(today)
	d := model.Deadlines{
		AgingOut: model.AgingOutSoon(fam, day, model.DeadlineHorizon),
		Windows:  model.WindowsClosingSoon(events, map[string]string{"ann": "Ann Rivera"}, day, model.DeadlineHorizon),
	}
	return model.DeadlineAlerts(acme, d, day)
}

func TestAgingOutAlertAppearsWithin90DaysAndGoesWhenResolved(t *testing.T) {
	kid := famMember("kid", "ann", model.RelChild, "Kim", "2000-09-15") // 26 on 2026-09-15
	ended := kid
	ended.Status, ended.Termination = model.StatusTerminated, model.MustDate("2026-09-14")
	for _, tc := range []struct {
		name  string
		kid   model.Member
		today string
		want  int
	}{
		{"91 days before the birthday there is none", kid, "2026-06-16", 0},
		{"90 days before the birthday it appears", kid, "2026-06-17", 1},
		{"on the birthday it is still there", kid, "2026-09-15", 1},
		{"after the birthday it is gone", kid, "2026-09-16", 0},
		{"once coverage is ended it is gone", ended, "2026-07-01", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := deadlineAlerts([]model.Member{famMember("ann", "", model.RelEmployee, "Ann", "1975-01-01"), tc.kid}, nil, tc.today)
			if len(got) != tc.want {
				t.Fatalf("got %v, want %d alerts", got, tc.want)
			}
			if tc.want == 1 && (got[0].Kind != model.AlertAgingOut || got[0].Due.String() != "2026-09-14" || got[0].SubjectID != "kid") {
				t.Fatalf("got %+v, due the day before the birthday", got[0])
			}
		})
	}
}

func TestLifeEventWindowAlertAppearsAndGoesOnceEnrolled(t *testing.T) {
	open := model.LifeEventRecord{ID: "e1", SubscriberID: "ann", Event: model.EventMarriage, EventDate: model.MustDate("2026-06-01"),
		WindowCloses: model.MustDate("2026-07-01"), Status: model.LifeEventOpen}
	enrolled := open
	enrolled.Status = model.LifeEventEnrolled
	for _, tc := range []struct {
		name  string
		event model.LifeEventRecord
		today string
		want  int
		sev   model.Severity
	}{
		{"an open window closing in 30 days is soon", open, "2026-06-01", 1, model.SeverityWarning},
		{"a week before it closes it is urgent", open, "2026-06-24", 1, model.SeverityUrgent},
		{"on the last day it is still there", open, "2026-07-01", 1, model.SeverityUrgent},
		{"after it closed it is gone", open, "2026-07-02", 0, 0},
		{"once the family is enrolled it is gone", enrolled, "2026-06-10", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := deadlineAlerts(nil, []model.LifeEventRecord{tc.event}, tc.today)
			if len(got) != tc.want {
				t.Fatalf("got %v, want %d", got, tc.want)
			}
			if tc.want == 1 && (got[0].Kind != model.AlertWindowClosing || got[0].Severity != tc.sev || got[0].Due.String() != "2026-07-01") {
				t.Fatalf("got %+v", got[0])
			}
		})
	}
}

func TestSyncAlertsFollowTheOutbox(t *testing.T) {
	names := map[string]string{"g1": "Acme Bakery"}
	describe := func(op model.Operation) string { return op.Entity + " " + op.EntityID }
	pending := model.Operation{ID: "o1", GroupID: "g1", Entity: "member", EntityID: "m1", State: model.OpPending}
	other := model.Operation{ID: "o2", GroupID: "g2", Entity: "member", EntityID: "m2", State: model.OpPending}
	conflict := model.HeldOp{Operation: model.Operation{ID: "o3", GroupID: "g1", Entity: "member", EntityID: "m3", State: model.OpConflict}}
	refused := model.HeldOp{Operation: model.Operation{ID: "o4", GroupID: "g1", Entity: "member", EntityID: "m4", State: model.OpRefused, Reason: "no such plan"}}
	for _, tc := range []struct {
		name string
		ops  []model.Operation
		held []model.HeldOp
		want []model.AlertKind
	}{
		{"an empty outbox has no alert", nil, nil, nil},
		{"pending changes make one alert per group", []model.Operation{pending, pending}, nil, []model.AlertKind{model.AlertSyncPending}},
		{"changes of a group not shown are left out", []model.Operation{other}, nil, nil},
		{"a conflict waits for the user", nil, []model.HeldOp{conflict}, []model.AlertKind{model.AlertSyncConflict}},
		{"a refusal waits for the user", nil, []model.HeldOp{refused}, []model.AlertKind{model.AlertSyncRefused}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := model.SyncAlerts(tc.ops, tc.held, names, describe)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", kinds(got), tc.want)
			}
			for i := range got {
				if got[i].Kind != tc.want[i] || got[i].Dated() {
					t.Fatalf("got %+v, want %v undated", got[i], tc.want[i])
				}
			}
		})
	}
	if got := model.SyncAlerts([]model.Operation{pending, pending}, nil, names, describe); got[0].Text != "2 changes waiting to be sent to the account service" {
		t.Errorf("pending text: %q", got[0].Text)
	}
	if got := model.SyncAlerts(nil, []model.HeldOp{refused}, names, describe); got[0].Text != "Refused by the account service: no such plan" || got[0].Subject != "member m4" {
		t.Errorf("refused: %+v", got[0])
	}
}

func TestApplicationAlertWhileInformationIsNeeded(t *testing.T) {
	app := model.Application{ID: "a1", Company: model.Company{LegalName: "Blue Fern LLC"}, Effective: model.MustDate("2026-08-01"),
		Status: model.AppNeedsInfo, History: []model.StatusChange{{To: model.AppNeedsInfo, Note: "send the DE-9C"}}}
	resubmitted := app
	resubmitted.Status = model.AppSubmitted
	today := model.MustDate("2026-07-28")
	got := model.ApplicationAlerts([]model.Application{app}, today)
	if len(got) != 1 || got[0].Kind != model.AlertApplicationNeeds || got[0].Severity != model.SeverityUrgent ||
		got[0].Text != "Enrollment application needs information: send the DE-9C" || got[0].Due != app.Effective {
		t.Fatalf("needs information: %+v", got)
	}
	if got := model.ApplicationAlerts([]model.Application{resubmitted}, today); len(got) != 0 {
		t.Fatalf("after resubmitting: %+v", got)
	}
}
