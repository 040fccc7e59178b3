package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestTheRenewalWindowOpensSeventyFiveDaysBeforeTheRenewalDate(t *testing.T) {
	d := model.DefaultRenewalSetting.Dates(renewalDate)
	for _, tc := range []struct {
		name  string
		today model.Date
		due   bool
	}{
		{"76 days before the renewal date no offer is due", renewalDate.AddDays(-76), false},
		{"75 days before the renewal date the offer is due", renewalDate.AddDays(-75), true},
		{"the day before the renewal date it is still due", renewalDate.AddDays(-1), true},
		{"on the renewal date it is too late for an offer", renewalDate, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.Due(tc.today); got != tc.due {
				t.Fatalf("due on %s = %v, want %v (opens %s)", tc.today, got, tc.due, d.Opens)
			}
		})
	}
}

func TestRenewalSettingsAreData(t *testing.T) {
	rows := []model.RenewalSetting{
		{State: "CA", Segment: model.SegmentSmall, LeadDays: 75, NoticeDays: 60, CutoffDay: 10},
		{State: "CA", Segment: model.SegmentLarge, LeadDays: 135, NoticeDays: 120, CutoffDay: 1},
		{Segment: model.SegmentSmall, LeadDays: 90, NoticeDays: 30, CutoffDays: 30},
	}
	for _, tc := range []struct {
		name          string
		state         string
		seg           model.Segment
		opens, cutoff string
	}{
		{"a California small group opens 75 days ahead and answers by the 10th of the month before", "CA", model.SegmentSmall, "2026-11-18", "2027-01-10"},
		{"a California large group gets 120 days' notice, so its offer comes 135 days ahead", "CA", model.SegmentLarge, "2026-09-19", "2027-01-01"},
		{"an Oregon small group takes the segment's row", "OR", model.SegmentSmall, "2026-11-03", "2027-01-02"},
		{"a group no row matches takes the default", "OR", model.SegmentLarge, "2026-11-18", "2027-01-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := model.RenewalSettingFor(rows, tc.state, tc.seg).Dates(renewalDate)
			if d.Opens.String() != tc.opens || d.Cutoff.String() != tc.cutoff {
				t.Fatalf("opens %s, cutoff %s; want %s, %s", d.Opens, d.Cutoff, tc.opens, tc.cutoff)
			}
		})
	}
}

func TestARenewalSettingMustGiveTheNoticeItPromises(t *testing.T) {
	bad := model.RenewalSetting{LeadDays: 60, NoticeDays: 120, CutoffDay: 10}
	if err := bad.Validate(); err == nil {
		t.Fatal("an offer 60 days ahead cannot give 120 days' notice, but the row passed")
	}
	if err := model.DefaultRenewalSetting.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestTheOfferMapsADiscontinuedPlanToItsSuccessorAndListsBenefitChanges(t *testing.T) {
	r := newOffer(t)
	want := map[string]string{"GOLD": "GOLD", "BRONZE-OLD": "BRONZE"}
	if got := r.Offer.DefaultMapping(); len(got) != 2 || got["GOLD"] != want["GOLD"] || got["BRONZE-OLD"] != want["BRONZE-OLD"] {
		t.Fatalf("mapping %v, want %v", got, want)
	}
	for _, m := range r.Offer.Mappings {
		if m.Discontinued != (m.From == "BRONZE-OLD") {
			t.Errorf("%s: discontinued = %v", m.From, m.Discontinued)
		}
	}
	if r.Status != model.RenewalAvailable || r.Cutoff.String() != "2027-01-10" || r.NoticeBy.String() != "2026-12-03" {
		t.Fatalf("status %s, cutoff %s, notice by %s", r.Status, r.Cutoff, r.NoticeBy)
	}
	changed := map[string]bool{}
	for _, c := range r.Offer.Changes {
		changed[c.PlanID+"/"+c.Item] = true
	}
	for _, k := range []string{"BRONZE-OLD/Plan", "BRONZE-OLD/Deductible (single / family)"} {
		if !changed[k] {
			t.Errorf("benefit changes %v lack %s", r.Offer.Changes, k)
		}
	}
	if changed["GOLD/Deductible (single / family)"] {
		t.Error("gold's benefits do not change, but a change is listed")
	}
}

func TestTheOfferLetsTheGroupChooseOnlyPlansStillOfferedAndRatedLikeItsOwn(t *testing.T) {
	r := newOffer(t)
	var ids []string
	for _, p := range r.Offer.Options {
		ids = append(ids, p.ID)
	}
	want := []string{"BRONZE", "GOLD", "SILVER"}
	if len(ids) != len(want) {
		t.Fatalf("options %v, want %v (mapped first, no discontinued or composite plan)", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("options %v, want %v", ids, want)
		}
	}
	gold, _ := r.Offer.Option("GOLD")
	if gold.Rating.BaseRates[area] != 53250 {
		t.Fatalf("gold renews at %s, want $532.50 (6.5%% on $500.00)", gold.Rating.BaseRates[area])
	}
}

func TestThePaperDeliveryPreferenceIsRecorded(t *testing.T) {
	g := renewalGroup()
	g.Delivery = model.DeliveryPaper
	cat := renewalCatalog()
	r, err := model.NewRenewal(model.OfferInput{Group: g, Setting: model.DefaultRenewalSetting, Catalog: cat, Families: renewalFamilies(),
		Today: offerDay, At: offerDay.Time(), By: "Carrier"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Delivery != model.DeliveryPaper || r.History[0].Note == "" || r.History[0].To != model.RenewalAvailable {
		t.Fatalf("delivery %s, history %+v", r.Delivery, r.History)
	}
}

func TestSuccessorsThatRunInACircleAreRefused(t *testing.T) {
	a, b := renewalPlan("A", "A", model.MetalGold, 1), renewalPlan("B", "B", model.MetalGold, 1)
	a.Successor, b.Successor = "B", "A"
	if _, err := model.SuccessorOf(map[string]*model.Plan{"A": &a, "B": &b}, "A"); err == nil {
		t.Fatal("a circle of successors was followed without end")
	}
}
