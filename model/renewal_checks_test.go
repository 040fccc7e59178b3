package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

var answerDay = model.MustDate("2026-12-15")

func checksOf(t *testing.T, r *model.Renewal, fams [][]model.Member, sub model.RenewalSubmission) map[string]model.Check {
	t.Helper()
	in := model.RenewalCheckInput{Renewal: r, Families: fams, Change: renewalContext(answerDay), Settings: model.DefaultCarrierSettings}
	out := map[string]model.Check{}
	for _, c := range model.RenewalChecks(in, &sub) {
		out[c.Name] = c
	}
	return out
}

func failed(checks map[string]model.Check) []string {
	var out []string
	for name, c := range checks {
		if !c.OK {
			out = append(out, name+": "+c.Detail)
		}
	}
	return out
}

func newSubscriber(first, born string) *model.Member {
	m := renewalMember("", "", first, model.RelEmployee, born, "GOLD")
	m.ID, m.Status = "", ""
	return &m
}

func TestKeepingThePlansAsOfferedPassesEveryCheck(t *testing.T) {
	r := newOffer(t)
	checks := checksOf(t, &r, renewalFamilies(), model.KeepPlans(&r, model.DefaultContribution, 2, nil))
	if f := failed(checks); len(f) > 0 {
		t.Fatalf("failed checks: %v", f)
	}
}

func TestTheChecksRefuseWhatTheCarrierWouldRefuse(t *testing.T) {
	r := newOffer(t)
	child26 := renewalMember("kid", "cy", "Kit", model.RelChild, "2001-01-05", "BRONZE-OLD") // 26 on 2027-01-05
	fams := renewalFamilies()
	for _, tc := range []struct {
		name   string
		fams   [][]model.Member
		sub    func() model.RenewalSubmission
		check  string
		saying string
	}{
		{"too few of the eligible employees enrolled", fams, func() model.RenewalSubmission {
			return model.KeepPlans(&r, model.DefaultContribution, 5, nil)
		}, "Participation", "2 of 5"},
		{"the employer pays less than half the employee-only premium", fams, func() model.RenewalSubmission {
			return model.KeepPlans(&r, model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 2500, PayPeriods: 12}, 2, nil)
		}, "Employer contribution", "less than 50%"},
		{"a child who is 26 by the renewal is still covered", [][]model.Member{fams[0], append(fams[1], child26), fams[2]}, func() model.RenewalSubmission {
			return model.KeepPlans(&r, model.DefaultContribution, 2, nil)
		}, "Ages at renewal", "Kit Okafor turns 26 on 01/05/2027"},
		{"a new employee's child is 26 already", fams, func() model.RenewalSubmission {
			kid := renewalMember("", "", "Old", model.RelChild, "1995-01-01", "")
			return model.KeepPlans(&r, model.DefaultContribution, 3, []model.RenewalChange{{Kind: model.ChangeEnroll, Who: "Eve Okafor",
				Subscriber: newSubscriber("Eve", "1985-02-02"), Dependents: []model.Member{kid}}})
		}, "Member changes", "children are covered until their 26th birthday"},
		{"a termination without a reason", fams, func() model.RenewalSubmission {
			return model.KeepPlans(&r, model.DefaultContribution, 2, []model.RenewalChange{{Kind: model.ChangeTerminate, Family: "cy", Member: "cyd", Who: "Cyd Okafor"}})
		}, "Member changes", "give the reason coverage ends"},
		{"a plan moved to one not offered", fams, func() model.RenewalSubmission {
			s := model.KeepPlans(&r, model.DefaultContribution, 2, nil)
			s.Plans = map[string]string{"GOLD": "LG", "BRONZE-OLD": "BRONZE"}
			return s
		}, "Plans", "not offered at this renewal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := checksOf(t, &r, tc.fams, tc.sub())[tc.check]
			if c.OK || !strings.Contains(c.Detail, tc.saying) {
				t.Fatalf("%s: ok %v, %q; want a failure saying %q", tc.check, c.OK, c.Detail, tc.saying)
			}
		})
	}
}

func TestAnAnswerAfterTheCutoffIsRefusedUnlessTheCarrierAskedForMore(t *testing.T) {
	r := newOffer(t)
	in := model.RenewalCheckInput{Renewal: &r, Families: renewalFamilies(), Change: renewalContext(r.Cutoff.AddDays(1)), Settings: model.DefaultCarrierSettings}
	sub := model.KeepPlans(&r, model.DefaultContribution, 2, nil)
	if c := model.RenewalChecks(in, &sub)[0]; c.OK {
		t.Fatalf("an answer the day after the cutoff passed: %s", c.Detail)
	}
	r.Status = model.RenewalNeedsInfo
	if c := model.RenewalChecks(in, &sub)[0]; !c.OK {
		t.Fatalf("an answer to the carrier's question was refused: %s", c.Detail)
	}
}

func TestRenewalChangesRunAsMemberMaintenanceOnTheRenewalDate(t *testing.T) {
	r := newOffer(t)
	spouse := renewalMember("", "", "Sol", model.RelSpouse, "1964-04-04", "")
	changes := []model.RenewalChange{
		{Kind: model.ChangeEnroll, Who: "Eve Okafor", Subscriber: newSubscriber("Eve", "1985-02-02")},
		{Kind: model.ChangeAddDependent, Family: "ada", Who: "Ada Okafor", Dependents: []model.Member{spouse}},
		{Kind: model.ChangeTerminate, Family: "cy", Member: "cyd", Reason: "Divorce or legal separation", Who: "Cyd Okafor"},
	}
	after, errs := model.ApplyRenewalChanges(renewalFamilies(), changes, r.Effective, renewalContext(answerDay))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(after) != 4 || after[3][0].FirstName != "Eve" || after[3][0].Effective != r.Effective || after[3][0].Status != model.StatusPending {
		t.Fatalf("the new family: %+v", after[len(after)-1][0])
	}
	if len(after[0]) != 3 || after[0][0].Tier != model.TierFAM || after[0][2].Effective != r.Effective {
		t.Fatalf("Ada's family after the spouse joins: %d members, tier %s", len(after[0]), after[0][0].Tier)
	}
	if cyd := after[1][1]; cyd.Termination != r.Effective.AddDays(-1) || cyd.CoveredOn(r.Effective) {
		t.Fatalf("Cyd's coverage ends %s; want the day before the renewal", cyd.Termination)
	}
	if renewalFamilies()[1][1].Status != model.StatusActive {
		t.Fatal("the input families were changed")
	}
}

func TestPlanMovesPutEachFamilyOnItsRenewalPlan(t *testing.T) {
	moves := model.PlanMoves(renewalFamilies(), map[string]string{"GOLD": "GOLD", "BRONZE-OLD": "BRONZE"}, renewalDate)
	if len(moves) != 1 || moves[0].SubscriberID() != "cy" {
		t.Fatalf("moves %v, want Cy's family only (gold stays gold, Dee has left)", moves)
	}
	out, err := moves[0].Apply(renewalFamilies()[1], renewalContext(answerDay))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range out.Family {
		if m.PlanID != "BRONZE" || m.Effective != renewalDate {
			t.Fatalf("%s on %s from %s", m.FirstName, m.PlanID, m.Effective)
		}
	}
}

func TestRenewalStatusesMoveOnlyAsEachSideMay(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to model.RenewalStatus
		who      model.RenewalMover
		ok       bool
	}{
		{"the group submits an available renewal", model.RenewalAvailable, model.RenewalSubmitted, model.MoverGroup, true},
		{"the group answers the carrier's question", model.RenewalNeedsInfo, model.RenewalSubmitted, model.MoverGroup, true},
		{"the group cannot accept its own renewal", model.RenewalSubmitted, model.RenewalAccepted, model.MoverGroup, false},
		{"the carrier reviews a submission", model.RenewalSubmitted, model.RenewalInReview, model.MoverCarrier, true},
		{"the carrier asks for more during review", model.RenewalInReview, model.RenewalNeedsInfo, model.MoverCarrier, true},
		{"the carrier accepts after review", model.RenewalInReview, model.RenewalAccepted, model.MoverCarrier, true},
		{"the carrier cannot auto-renew by hand", model.RenewalAvailable, model.RenewalAutoRenewed, model.MoverCarrier, false},
		{"the job auto-renews a draft", model.RenewalDraft, model.RenewalAutoRenewed, model.MoverJob, true},
		{"the job cannot auto-renew a submission", model.RenewalSubmitted, model.RenewalAutoRenewed, model.MoverJob, false},
		{"the job makes an accepted renewal effective", model.RenewalAccepted, model.RenewalEffective, model.MoverJob, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := model.CheckRenewalMove(tc.from, tc.to, tc.who); (err == nil) != tc.ok {
				t.Fatalf("move %s → %s: %v, want ok %v", tc.from, tc.to, err, tc.ok)
			}
		})
	}
}

func TestAScenarioComparesAtMostFourPlans(t *testing.T) {
	r := newOffer(t)
	s := model.NewRenewalScenario(&r)
	if len(s.Compare) != 2 {
		t.Fatalf("a new scenario compares %v, want the two mapped plans", s.Compare)
	}
	for _, id := range []string{"SILVER", "X", "Y"} {
		if err := s.AddCompared(id); err != nil && id != "Y" {
			t.Fatal(err)
		}
	}
	if err := s.AddCompared("Z"); err == nil || len(s.Compare) != 4 {
		t.Fatalf("a fifth plan: %v, compared %v", err, s.Compare)
	}
	s.Name = "Silver for everyone"
	s.Plans["GOLD"] = "SILVER"
	if err := s.Validate(&r.Offer); err != nil {
		t.Fatal(err)
	}
}

func TestTheOfferAlertCountsTheDaysToTheCutoff(t *testing.T) {
	r := newOffer(t)
	as := model.RenewalOfferAlerts([]model.Renewal{r}, map[string]string{"g1": "Bayview"}, model.MustDate("2026-12-31"))
	if len(as) != 1 || as[0].Due != r.Cutoff || as[0].Severity != model.SeverityWarning {
		t.Fatalf("alerts %+v", as)
	}
	if !strings.Contains(as[0].Text, "10 days left") || !strings.Contains(as[0].Text, "up from") {
		t.Fatalf("alert text %q", as[0].Text)
	}
	r.Status = model.RenewalSubmitted
	if as := model.RenewalOfferAlerts([]model.Renewal{r}, nil, model.MustDate("2026-12-31")); len(as) != 0 {
		t.Fatalf("a submitted renewal still asks for an answer: %+v", as)
	}
}
