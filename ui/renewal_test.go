package ui

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// renewalsOf files the test book's renewal rates, runs the renewal job up
// to today as the account service would have, and brings the Renewals
// screen forward on Bayview, whose window is open.
func renewalsOf(t *testing.T, s *Shell, db *sqlite.DB) *renewalsScreen {
	t.Helper()
	db.Now = s.deps.Now
	carrier := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	if err := db.SaveRenewalRates(carrier, demo.RenewalRates(demo.Options{Seed: 7, People: 1500, Today: testToday})); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CatchUpRenewals(carrier, testToday.AddDays(-135), testToday); err != nil {
		t.Fatal(err)
	}
	groups, err := db.Groups(s.deps.Ctx, "Bayview")
	if err != nil || len(groups) != 1 {
		t.Fatalf("Bayview: %v %v", groups, err)
	}
	s.SelectGroup(groups[0])
	if !s.ShowScreen("Renewals") {
		t.Fatal("there is no Renewals screen")
	}
	rs := s.front.(*renewalsScreen)
	if rs.renewal == nil {
		t.Fatalf("the screen shows no renewal: %q", rs.empty.Text)
	}
	return rs
}

func TestTheGroupOpensItsOfferComparesAnAlternativeSavesAScenarioAndSubmits(t *testing.T) {
	s, db, _ := newTestShell(t)
	rs := renewalsOf(t, s, db)
	r := rs.renewal
	if r.Status != model.RenewalAvailable || !strings.Contains(rs.countdown.Text, "12 days left") {
		t.Fatalf("the offer: %s, countdown %q", r.Status, rs.countdown.Text)
	}
	if !gridHas(rs.offer.plans, rs.offered.Renewal.String()) || !strings.Contains(rs.summary.Text, model.ChangePercent(rs.offered.Current, rs.offered.Renewal)) {
		t.Fatal("the Review tab does not show the renewal total and its change")
	}

	selectTab(t, rs, "Explore")
	alt, compared := alternativeOf(t, rs), len(rs.work.Compare)
	rs.explore.add.SetSelected(planChoice(&alt))
	test.Tap(rs.explore.addBtn)
	if len(rs.work.Compare) != compared+1 || !gridHas(rs.explore.side, alt.Name) {
		t.Fatalf("after adding %s the comparison holds %v", alt.Name, rs.work.Compare)
	}

	employer := func() model.Money { return rs.review.Cost(rs.work.Contribution).Employer }
	before := employer()
	rs.explore.controls.percent.SetText("")
	test.Type(rs.explore.controls.percent, "80")
	if after := employer(); after <= before || !strings.Contains(rs.explore.totals.Text, after.String()) {
		t.Fatalf("at 80%% the employer pays %s (was %s); the totals say %q", after, before, rs.explore.totals.Text)
	}

	if err := rs.explore.saveScenario("Eighty percent"); err != nil {
		t.Fatal(err)
	}
	if len(rs.scenarios) != 1 || rs.renewal.Status != model.RenewalDraft {
		t.Fatalf("after saving: %d scenarios, renewal %s", len(rs.scenarios), rs.renewal.Status)
	}

	selectTab(t, rs, "Submit")
	rs.answer.choice.SetSelected(answerScenario)
	endAgedOutCoverage(t, rs)
	if rs.answer.submit.Disabled() {
		t.Fatalf("submit is disabled: %q\n%s", rs.answer.note.Text, failedChecks(rs))
	}
	test.Tap(rs.answer.submit)
	if rs.renewal.Status != model.RenewalSubmitted || rs.renewal.Submission.Scenario != "Eighty percent" {
		t.Fatalf("after submitting: %s %+v", rs.renewal.Status, rs.renewal.Submission)
	}
	if !strings.Contains(rs.history.status.Text, "Submitted") || !rs.answer.submit.Disabled() {
		t.Fatal("the Status tab does not say Submitted, or the answer can be sent twice")
	}
	ops, err := db.PendingOps(s.deps.Ctx, 10)
	if err != nil || len(ops) != 2 || ops[1].Entity != model.EntityRenewal {
		t.Fatalf("outbox %+v (%v); want the draft and the submission queued for sync", ops, err)
	}
}

// selectTab brings a tab of the Renewals screen forward.
func selectTab(t *testing.T, rs *renewalsScreen, name string) {
	t.Helper()
	for i, it := range rs.tabs.Items {
		if it.Text == name {
			rs.tabs.SelectIndex(i)
			return
		}
	}
	t.Fatalf("the Renewals screen has no %s tab", name)
}

// alternativeOf is a plan offered at renewal that the offer does not map to.
func alternativeOf(t *testing.T, rs *renewalsScreen) model.Plan {
	t.Helper()
	for _, p := range rs.renewal.Offer.Options {
		found := false
		for _, id := range rs.work.Compare {
			found = found || id == p.ID
		}
		if !found {
			return p
		}
	}
	t.Fatal("every plan offered is compared already")
	return model.Plan{}
}

// endAgedOutCoverage ends, with the renewal, the coverage of any child who
// is 26 by then: the ages check asks for it.
func endAgedOutCoverage(t *testing.T, rs *renewalsScreen) {
	t.Helper()
	for _, fam := range rs.roster {
		for _, m := range fam[1:] {
			if m.Relationship == model.RelChild && m.CoveredOn(rs.renewal.Effective) && m.DateOfBirth.AgeOn(rs.renewal.Effective) >= 26 {
				rs.answer.addChange(model.RenewalChange{Kind: model.ChangeTerminate, Family: fam[0].ID, Member: m.ID,
					Reason: "Child reached age 26", Who: m.FullName()})
			}
		}
	}
}

func failedChecks(rs *renewalsScreen) string {
	sub, _ := rs.answer.submission()
	checks, _ := rs.shell.renewalsStore().CheckRenewal(rs.shell.deps.Ctx, rs.renewal, sub)
	var out []string
	for _, c := range checks {
		if !c.OK {
			out = append(out, c.Name+": "+c.Detail)
		}
	}
	return strings.Join(out, "\n")
}

func TestAReadOnlyUserSeesTheRenewalButCannotAnswerIt(t *testing.T) {
	s, db, _ := newTestShell(t)
	rs := renewalsOf(t, s, db)
	s.deps.Ctx = model.WithPrincipal(context.Background(), &model.Principal{UserID: "ro", Name: "Rae Only",
		Grants: map[string]model.Role{rs.group.ID: model.RoleReadOnly}})
	rs.load()
	selectTab(t, rs, "Submit")
	if !rs.answer.submit.Disabled() || !strings.Contains(rs.answer.note.Text, "renewals.submit") {
		t.Fatalf("a read-only user: submit enabled %v, note %q", !rs.answer.submit.Disabled(), rs.answer.note.Text)
	}
	for _, b := range rs.answer.edits {
		if !b.Disabled() {
			t.Fatalf("%q is enabled for a read-only user", b.Text)
		}
	}
}

func TestHomeShowsTheOfferWhileItWaitsForAnAnswer(t *testing.T) {
	s, db, _ := newTestShell(t)
	rs := renewalsOf(t, s, db)
	as, err := collectAlerts(alertScope{ctx: s.deps.Ctx, shell: s, today: testToday, groups: []model.GroupSummary{rs.group}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Kind == model.AlertRenewalOffer {
			if !strings.Contains(a.Text, "12 days left") || a.Due != rs.renewal.Cutoff {
				t.Fatalf("the offer alert: %+v", a)
			}
			s.openAlert(a)
			if s.CurrentScreen() != "Renewals" {
				t.Fatalf("opening the alert shows %s", s.CurrentScreen())
			}
			return
		}
	}
	t.Fatalf("Home's alerts have no renewal offer: %+v", as)
}

// TestASyncRoundShowsTheCarriersDecisionAndKeepsTheScenarioWorkedOut plays
// a sync round by hand: the desktop's answer is acknowledged, the carrier's
// move to review is pulled, and the shell shows the group again, as it
// does after a round that pulled changes.
func TestASyncRoundShowsTheCarriersDecisionAndKeepsTheScenarioWorkedOut(t *testing.T) {
	s, db, _ := newTestShell(t)
	rs := renewalsOf(t, s, db)
	endAgedOutCoverage(t, rs)
	rs.work.Name = "Working copy"
	r := *rs.renewal
	sub, err := rs.answer.submission()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SubmitRenewal(s.deps.Ctx, &r, sub); err != nil {
		t.Fatal(err)
	}
	ops, err := db.PendingOps(s.deps.Ctx, 10)
	if err != nil || len(ops) != 1 {
		t.Fatalf("outbox %+v (%v)", ops, err)
	}
	if err := db.RecordResults(s.deps.Ctx, []model.OpResult{{ID: ops[0].ID, Status: model.ResultApplied, Version: r.Version}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Move(r.UpdatedAt.Add(time.Hour), "Carrier", model.RenewalInReview, model.MoverCarrier, "Looking at it"); err != nil {
		t.Fatal(err)
	}
	r.Version++
	data, _ := json.Marshal(r)
	pulled := []model.Change{{Entity: model.EntityRenewal, ID: r.ID, GroupID: r.GroupID, Version: r.Version, Data: data}}
	if err := db.ApplyChanges(s.deps.Ctx, pulled, "cursor-1"); err != nil {
		t.Fatal(err)
	}
	s.SelectGroup(rs.group)
	if rs.renewal.Status != model.RenewalInReview || !strings.Contains(rs.history.status.Text, "In review") {
		t.Fatalf("after the round the screen shows %s", rs.renewal.Status)
	}
	if rs.work.Name != "Working copy" || len(rs.work.Changes) != len(sub.Changes) {
		t.Fatalf("the round threw away the scenario worked out: %q with %d changes", rs.work.Name, len(rs.work.Changes))
	}
}

func TestTheScenarioIsExportedAsAComparisonPDF(t *testing.T) {
	s, db, _ := newTestShell(t)
	rs := renewalsOf(t, s, db)
	rs.work.Name = "As offered, printed"
	path := filepath.Join(t.TempDir(), "renewal.pdf")
	rs.explore.exportTo(path)
	if text := pdfText(t, path); !strings.Contains(text, "Renewal of Bayview Dental Group") || !strings.Contains(text, "As offered, printed") {
		t.Fatalf("the PDF reads:\n%s", text)
	}
}
