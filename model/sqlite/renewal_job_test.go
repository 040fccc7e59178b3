package sqlite

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestTheOfferComesOutSeventyFiveDaysBeforeTheRenewalAndOnlyOnce(t *testing.T) {
	db := openRenewalService(t)
	if rep := runJob(t, db, "2026-11-17"); len(rep.Offered) != 0 || count(t, db, "renewals") != 0 {
		t.Fatalf("76 days before the renewal the job offered %v", rep.Offered)
	}
	rep := runJob(t, db, "2026-11-18")
	if len(rep.Offered) != 1 || !strings.Contains(rep.Offered[0], "Bayview") {
		t.Fatalf("75 days before the renewal the job offered %v (problems %v)", rep.Offered, rep.Problems)
	}
	r := theRenewal(t, db)
	if r.Status != model.RenewalAvailable || r.Effective != renewsOn || r.OpensOn != windowOpens || r.Cutoff != renewCutoff {
		t.Fatalf("renewal %s on %s, opens %s, cutoff %s", r.Status, r.Effective, r.OpensOn, r.Cutoff)
	}
	if again := runJob(t, db, "2026-11-18"); len(again.Offered)+len(again.AutoRenewed)+len(again.MadeEffective) != 0 {
		t.Fatalf("a second run on the same day did something: %+v", again)
	}
	if count(t, db, "changes WHERE entity = 'renewal'") != 1 {
		t.Fatal("the offer is not in the change feed")
	}
}

func TestTheLeadTimeIsTheCarriersSetting(t *testing.T) {
	db := openRenewalService(t)
	must(t, db.SaveRenewalSetting(carrierCtx, model.RenewalSetting{State: "CA", Segment: model.SegmentSmall, LeadDays: 90,
		NoticeDays: 60, CutoffDay: 10, Source: "a longer window"}))
	if rep := runJob(t, db, "2026-11-03"); len(rep.Offered) != 1 {
		t.Fatalf("with a 90-day lead time the offer did not come out 90 days ahead: %+v", rep)
	}
}

func TestNothingSubmittedByTheCutoffAutoRenewsWithTheDiscontinuedPlanMapped(t *testing.T) {
	db := openRenewalService(t)
	runJob(t, db, "2026-11-18")
	if rep := runJob(t, db, "2027-01-10"); len(rep.AutoRenewed) != 0 {
		t.Fatalf("the job auto-renewed on the cutoff day itself: %v", rep.AutoRenewed)
	}
	rep := runJob(t, db, "2027-01-11")
	r := theRenewal(t, db)
	if len(rep.AutoRenewed) != 1 || r.Status != model.RenewalAutoRenewed {
		t.Fatalf("the day after the cutoff: %s, report %+v", r.Status, rep)
	}
	if note := r.LastNote(); !strings.Contains(note, "Bronze 60 HMO is discontinued and its members move to Bronze 60 HDHP") {
		t.Fatalf("the auto-renewal says %q", note)
	}
	runJob(t, db, "2027-01-31")
	if memberOn(t, db, "cy").PlanID != "BRONZE-OLD" {
		t.Fatal("the discontinued plan was replaced before the renewal date")
	}
	if rep := runJob(t, db, "2027-02-01"); len(rep.MadeEffective) != 1 {
		t.Fatalf("on the renewal date: %+v", rep)
	}
	for _, id := range []string{"cy", "cyd"} {
		if m := memberOn(t, db, id); m.PlanID != "BRONZE" || m.Effective != renewsOn {
			t.Fatalf("%s is on %s from %s; want the successor from the renewal date", m.FirstName, m.PlanID, m.Effective)
		}
	}
	if memberOn(t, db, "ada").PlanID != "GOLD" {
		t.Fatal("gold renews as gold, but Ada moved")
	}
	if g, _ := db.Group(carrierCtx, renewalGroup); g.RenewalDate.String() != "2028-02-01" || theRenewal(t, db).Status != model.RenewalEffective {
		t.Fatalf("after the renewal the group renews on %s", g.RenewalDate)
	}
}

func TestARenewalNobodyDecidedOnWaitsPastItsDate(t *testing.T) {
	db := openRenewalService(t)
	runJob(t, db, "2026-11-18")
	r := theRenewal(t, db)
	must(t, db.SubmitRenewal(pgaCtx(), &r, model.KeepPlans(&r, model.DefaultContribution, 2, nil)))
	rep := runJob(t, db, "2027-02-01")
	if len(rep.Waiting) != 1 || len(rep.MadeEffective) != 0 || theRenewal(t, db).Status != model.RenewalSubmitted {
		t.Fatalf("a submission the carrier never decided on: %+v", rep)
	}
}
