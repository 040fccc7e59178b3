package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func reviewOf(t *testing.T, r *model.Renewal, fams [][]model.Member) *model.RenewalReview {
	t.Helper()
	rv, err := r.Offer.Review(fams, r.Effective, r.Offer.DefaultMapping())
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

func memberNamed(t *testing.T, rv *model.RenewalReview, name string) model.MemberRenewal {
	t.Helper()
	for _, m := range rv.Members {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("the review has no %s", name)
	return model.MemberRenewal{}
}

func TestAMemberWhoReachesANewAgeBandBeforeTheRenewalIsRatedWithTheNewFactor(t *testing.T) {
	r := newOffer(t)
	rv := reviewOf(t, &r, renewalFamilies())
	for _, tc := range []struct {
		name            string
		who             string
		ageNow, ageAt   int
		current, future string
	}{
		// $500.00 × 2.952 today; $532.50 × 3.000 at renewal.
		{"Ada turns 64 in January and pays the 64 factor from the renewal", "Ada Okafor", 63, 64, "1476.00", "1597.50"},
		// $500.00 × 0.970 today; $532.50 × 1.000 at renewal.
		{"Bea turns 21 in January and is rated as an adult from the renewal", "Bea Okafor", 20, 21, "485.00", "532.50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := memberNamed(t, rv, tc.who)
			if m.AgeNow != tc.ageNow || m.AgeAt != tc.ageAt {
				t.Fatalf("ages %d → %d, want %d → %d", m.AgeNow, m.AgeAt, tc.ageNow, tc.ageAt)
			}
			if m.Current != cents(t, tc.current) || m.Renewal != cents(t, tc.future) {
				t.Fatalf("premium %s → %s, want $%s → $%s", m.Current, m.Renewal, tc.current, tc.future)
			}
		})
	}
}

func TestTheRenewalTotalIsTheSumOfEveryMemberReRatedWithTheRenewalRates(t *testing.T) {
	r := newOffer(t)
	fams := renewalFamilies()
	rv := reviewOf(t, &r, fams)
	var perMember, perFamily model.Money
	for _, m := range rv.Members {
		perMember += m.Renewal
	}
	mapping := r.Offer.DefaultMapping()
	for _, fam := range fams {
		if !fam[0].CoveredOn(r.Effective) {
			continue
		}
		plan, _ := r.Offer.Option(mapping[fam[0].PlanID])
		var people []model.RatedPerson
		for _, m := range fam {
			people = append(people, model.RatedPerson{Relationship: m.Relationship, DateOfBirth: m.DateOfBirth, Tobacco: m.Tobacco, Area: area})
		}
		_, total := model.RateFamily(plan, r.Offer.Curve(plan), people, r.Effective)
		perFamily += total
	}
	if rv.Renewal != perMember || rv.Renewal != perFamily {
		t.Fatalf("renewal total %s; members add up to %s; RateFamily family by family gives %s", rv.Renewal, perMember, perFamily)
	}
	cur, ren := r.Offer.Totals()
	if cur != rv.Current || ren != rv.Renewal {
		t.Fatalf("the offer says %s → %s, the review %s → %s", cur, ren, rv.Current, rv.Renewal)
	}
}

func TestTheRenewalTotalsAgreeWithTheQuoteEngineRatingTheSameCensus(t *testing.T) {
	r := newOffer(t)
	rv := reviewOf(t, &r, renewalFamilies())
	cat := &model.Catalog{Areas: []model.RatingArea{{ID: area, State: "CA", ZIPs: []string{"946"}}}, Plans: r.Offer.Options}
	areas, err := model.NewAreaIndex(cat.Areas)
	if err != nil {
		t.Fatal(err)
	}
	people := model.RenewalPeople(renewalFamilies(), r.Effective)
	c, probs := model.PrepareCensus(people, model.CensusOptions{Effective: r.Effective, GroupZIP: "94612", Areas: areas})
	if len(probs) > 0 {
		t.Fatal(probs[0])
	}
	quotes, err := model.QuotePlans(c, cat, []string{"GOLD", "BRONZE"})
	if err != nil {
		t.Fatal(err)
	}
	byPlan := map[string]model.Money{}
	for f := range c.Families {
		to := r.Offer.DefaultMapping()[c.Subscriber(f).PlanID]
		for i := range quotes {
			if quotes[i].Plan.ID == to {
				byPlan[to] += quotes[i].FamilyPremium(c, f)
			}
		}
	}
	for _, p := range rv.Plans {
		if byPlan[p.To.ID] != p.Renewal {
			t.Errorf("%s → %s: the review says %s, the quote engine %s", p.From.ID, p.To.ID, p.Renewal, byPlan[p.To.ID])
		}
	}
}

func TestTheReviewLeavesOutWhoIsNoLongerCoveredOnTheRenewalDate(t *testing.T) {
	r := newOffer(t)
	rv := reviewOf(t, &r, renewalFamilies())
	if len(rv.Members) != 4 {
		t.Fatalf("%d members reviewed, want 4 (Dee's coverage ended in October)", len(rv.Members))
	}
	for _, p := range rv.Plans {
		if p.From.ID == "GOLD" && (p.Subscribers != 1 || p.Members != 2) {
			t.Fatalf("gold: %d subscribers, %d members; want 1 and 2", p.Subscribers, p.Members)
		}
	}
}

func TestAScenarioMappingAPlanElsewhereIsRatedUnderThatPlan(t *testing.T) {
	r := newOffer(t)
	mapping := r.Offer.DefaultMapping()
	mapping["GOLD"] = "SILVER"
	rv, err := r.Offer.Review(renewalFamilies(), r.Effective, mapping)
	if err != nil {
		t.Fatal(err)
	}
	// Silver keeps its $400.00: Ada 400 × 3.000, Bea 400 × 1.000.
	if m := memberNamed(t, rv, "Ada Okafor"); m.To != "SILVER" || m.Renewal != 120000 {
		t.Fatalf("Ada renews on %s at %s, want SILVER at $1,200.00", m.To, m.Renewal)
	}
	if _, err := r.Offer.Review(renewalFamilies(), r.Effective, map[string]string{"GOLD": "LG", "BRONZE-OLD": "BRONZE"}); err == nil {
		t.Fatal("a plan the offer does not list was accepted as a renewal plan")
	}
}

func TestChangesAreWrittenWithTheirSign(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after model.Money
		want          string
	}{
		{"a rise shows a plus", 100000, 106500, "+6.5%"},
		{"a fall shows a minus", 100000, 98000, "-2.0%"},
		{"no change shows no sign", 100000, 100000, "0.0%"},
		{"a half tenth rounds away from zero", 2000, 2001, "+0.1%"},
		{"from nothing it is new", 0, 500, "new"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.ChangePercent(tc.before, tc.after); got != tc.want {
				t.Fatalf("ChangePercent(%s, %s) = %q, want %q", tc.before, tc.after, got, tc.want)
			}
		})
	}
}
