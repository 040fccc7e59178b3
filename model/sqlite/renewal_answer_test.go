package sqlite

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// silverScenario moves gold to silver, keeps the bronze successor, pays
// 75%, enrolls Eve, adds a spouse to Ada's family and ends Cyd's coverage.
func silverScenario(r *model.Renewal) model.RenewalSubmission {
	eve := model.Member{EmployeeID: "E-Eve", FirstName: "Eve", LastName: "Łukasiewicz", DateOfBirth: model.MustDate("1988-08-08"),
		Gender: model.GenderFemale, PlanID: "GOLD", Address: model.Address{ZIP: "94612"}}
	sol := model.Member{Relationship: model.RelSpouse, FirstName: "Sol", LastName: "Nguyễn", DateOfBirth: model.MustDate("1962-02-02"), Gender: model.GenderMale}
	s := model.NewRenewalScenario(r)
	s.Name, s.Plans["GOLD"] = "Silver for the gold plan", "SILVER"
	s.Contribution.Percent = 7500
	s.Changes = []model.RenewalChange{
		{Kind: model.ChangeEnroll, Subscriber: &eve, Who: "Eve Łukasiewicz"},
		{Kind: model.ChangeAddDependent, Family: "ada", Dependents: []model.Member{sol}, Who: "Ada Nguyễn"},
		{Kind: model.ChangeTerminate, Family: "cy", Member: "cyd", Reason: "Divorce or legal separation", Who: "Cyd Nguyễn"},
	}
	return model.FromScenario(&s, 3, 0)
}

func TestASubmittedScenarioBecomesTheGroupsPlansOnTheRenewalDateAndNotBefore(t *testing.T) {
	db := openRenewalService(t)
	runJob(t, db, "2026-11-18")
	r := theRenewal(t, db)
	must(t, db.SubmitRenewal(pgaCtx(), &r, silverScenario(&r)))
	for _, to := range []model.RenewalStatus{model.RenewalInReview, model.RenewalAccepted} {
		if _, err := db.MoveRenewal(carrierCtx, r.ID, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	members := count(t, db, "members")
	runJob(t, db, "2027-01-31")
	if count(t, db, "members") != members || memberOn(t, db, "ada").PlanID != "GOLD" || memberOn(t, db, "cyd").Status != model.StatusActive {
		t.Fatal("the accepted scenario changed the roster before the renewal date")
	}
	if rep := runJob(t, db, "2027-02-01"); len(rep.MadeEffective) != 1 {
		t.Fatalf("on the renewal date: %+v", rep)
	}
	for id, plan := range map[string]string{"ada": "SILVER", "bea": "SILVER", "cy": "BRONZE"} {
		if m := memberOn(t, db, id); m.PlanID != plan || m.Effective != renewsOn {
			t.Errorf("%s: on %s from %s; want %s from the renewal date", m.FirstName, m.PlanID, m.Effective, plan)
		}
	}
	if cyd := memberOn(t, db, "cyd"); cyd.Status != model.StatusTerminated || cyd.Termination != renewsOn.AddDays(-1) {
		t.Errorf("Cyd: %s, coverage ends %s; want terminated the day before the renewal", cyd.Status, cyd.Termination)
	}
	joined := map[string]model.Member{}
	for _, m := range membersOf(t, db) {
		joined[m.FirstName] = m
	}
	if eve := joined["Eve"]; eve.PlanID != "SILVER" || eve.Status != model.StatusActive || eve.Effective != renewsOn {
		t.Errorf("Eve: %+v; want active on silver from the renewal date", eve)
	}
	if sol := joined["Sol"]; sol.SubscriberID != "ada" || sol.PlanID != "SILVER" || sol.Tier != model.TierFAM {
		t.Errorf("Sol: %+v; want Ada's spouse on silver, the family tier", sol)
	}
	r = theRenewal(t, db)
	if r.Status != model.RenewalEffective || len(r.Applied) != 4 || strings.Contains(strings.Join(r.Applied, " "), "Not applied") {
		t.Fatalf("renewal %s, applied %q", r.Status, r.Applied)
	}
}

func membersOf(t *testing.T, db *DB) []model.Member {
	t.Helper()
	var out []model.Member
	fams, err := groupFamilies(carrierCtx, db.read, renewalGroup)
	must(t, err)
	for _, f := range fams {
		out = append(out, f...)
	}
	return out
}

func TestAnAnswerThatFailsACheckIsNotSent(t *testing.T) {
	db := openRenewalService(t)
	runJob(t, db, "2026-11-18")
	r := theRenewal(t, db)
	sub := model.KeepPlans(&r, model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 1000, PayPeriods: 12}, 2, nil)
	err := db.SubmitRenewal(pgaCtx(), &r, sub)
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "less than 50%") {
		t.Fatalf("a 10%% contribution: %v", err)
	}
	if theRenewal(t, db).Status != model.RenewalAvailable {
		t.Fatal("the refused answer changed the renewal")
	}
}

func TestOnlyWhoMaySubmitAnswersAndTheOfferIsTheServicesOwn(t *testing.T) {
	db := openRenewalService(t)
	runJob(t, db, "2026-11-18")
	r := theRenewal(t, db)
	sent := r
	sent.Status, sent.Offer.Mappings = model.RenewalSubmitted, nil
	sub := model.KeepPlans(&r, model.DefaultContribution, 2, nil)
	sent.Submission = &sub
	payload, _ := json.Marshal(sent)
	op := model.Operation{ID: "op-renewal-1", GroupID: renewalGroup, Entity: model.EntityRenewal, EntityID: r.ID,
		Action: model.ActionUpdate, BaseVersion: r.Version, Payload: payload}
	readOnly := model.WithPrincipal(carrierCtx, &model.Principal{UserID: "ro", Name: "Rae Only", Grants: map[string]model.Role{renewalGroup: model.RoleReadOnly}})
	res, err := db.ApplyOps(readOnly, []model.Operation{op})
	must(t, err)
	if res[0].Status != model.ResultRefused || res[0].Code != model.EFORBIDDEN || !strings.Contains(res[0].Reason, "renewals.submit") {
		t.Fatalf("a read-only user's submission: %+v", res[0])
	}
	op.ID = "op-renewal-2"
	res, err = db.ApplyOps(pgaCtx(), []model.Operation{op})
	must(t, err)
	got := theRenewal(t, db)
	if res[0].Status != model.ResultApplied || got.Status != model.RenewalSubmitted || got.Version != res[0].Version {
		t.Fatalf("the PGA's submission: %+v, renewal %s v%d", res[0], got.Status, got.Version)
	}
	if len(got.Offer.Mappings) != 2 || got.History[len(got.History)-1].By != "Priya Grant" {
		t.Fatalf("the service took the desktop's offer (%d mappings) or its history: %+v", len(got.Offer.Mappings), got.History)
	}
}

func TestADesktopPullsTheOfferAndQueuesItsAnswer(t *testing.T) {
	svc := openRenewalService(t)
	runJob(t, svc, "2026-11-18")
	desk := openTestDB(t)
	desk.Now = svc.Now
	must(t, desk.Load(ownerCtx(), renewalBook(), nil))
	changes, _, _, err := svc.TailChanges(carrierCtx, []FeedScope{{GroupID: renewalGroup, Entities: map[string]bool{model.EntityRenewal: true}}}, 0, 100)
	must(t, err)
	must(t, desk.ApplyChanges(carrierCtx, changes, "c1"))
	r := theRenewal(t, desk)
	must(t, desk.StartRenewal(pgaCtx(), &r))
	ops, err := desk.PendingOps(ownerCtx(), 10)
	must(t, err)
	if len(ops) != 1 || ops[0].Entity != model.EntityRenewal || ops[0].BaseVersion != 1 {
		t.Fatalf("outbox %+v; want one renewal update made on version 1", ops)
	}
	res, err := svc.ApplyOps(pgaCtx(), ops)
	must(t, err)
	must(t, desk.RecordResults(ownerCtx(), res))
	if got := theRenewal(t, desk); got.Version != 2 || theRenewal(t, svc).Status != model.RenewalDraft {
		t.Fatalf("after the push: desktop v%d, service %s", got.Version, theRenewal(t, svc).Status)
	}
}

func TestAnotherGroupsRenewalIsNeitherChangedNorShown(t *testing.T) {
	db := openRenewalService(t)
	runJob(t, db, "2026-11-18")
	r := theRenewal(t, db)
	r.GroupID = "elsewhere" // the operation claims the renewal is its group's
	payload, _ := json.Marshal(r)
	op := model.Operation{ID: "op-other-group", GroupID: "elsewhere", Entity: model.EntityRenewal, EntityID: r.ID,
		Action: model.ActionUpdate, BaseVersion: 99, Payload: payload}
	other := model.WithPrincipal(carrierCtx, &model.Principal{UserID: "x", Name: "Xi", Grants: map[string]model.Role{"elsewhere": model.RolePGA}})
	res, err := db.ApplyOps(other, []model.Operation{op})
	must(t, err)
	if res[0].Status != model.ResultRefused || len(res[0].Current) != 0 {
		t.Fatalf("a PGA of another group got %s (%s) with %d bytes of the renewal", res[0].Status, res[0].Reason, len(res[0].Current))
	}
}
