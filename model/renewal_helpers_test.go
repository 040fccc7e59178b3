package model_test

import (
	"fmt"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// The renewal fixture: a small California group renewing on 2027-02-01,
// on a gold plan whose rates trend 6.5% and on a discontinued bronze plan
// that maps to its successor (whose deductible rises).
var (
	renewalDate = model.MustDate("2027-02-01")
	offerDay    = model.MustDate("2026-11-18") // 75 days before
)

const area = "CA-01"

func renewalPlan(id, name string, metal model.Metal, base model.Money) model.Plan {
	return model.Plan{ID: id, Name: name, Type: model.PlanHMO, Metal: metal, Year: 2026,
		Benefits: model.Benefits{Network: "Signature HMO", DeductibleSingle: 150000, DeductibleFamily: 300000, PrimaryCareCopay: 3500},
		Rating:   model.Rating{Method: model.RatingAge, Curve: "federal-2018", BaseRates: map[string]model.Money{area: base}}}
}

func renewalCatalog() *model.Catalog {
	old := renewalPlan("BRONZE-OLD", "Bronze 60 HMO", model.MetalBronze, 30000)
	old.Successor = "BRONZE"
	large := model.Plan{ID: "LG", Name: "Large Group Gold", Type: model.PlanHMO, Metal: model.MetalGold,
		Rating: model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{"EE": 70000, "ES": 140000, "EC": 120000, "FAM": 200000}}}
	return &model.Catalog{Areas: []model.RatingArea{{ID: area, State: "CA", ZIPs: []string{"946"}}},
		Plans: []model.Plan{renewalPlan("GOLD", "Gold 80 HMO", model.MetalGold, 50000), old,
			renewalPlan("BRONZE", "Bronze 60 HDHP", model.MetalBronze, 28000), renewalPlan("SILVER", "Silver 70 HMO", model.MetalSilver, 40000), large}}
}

// renewalRates trends gold 6.5% and bronze 4%, and raises the bronze
// successor's deductible.
func renewalRates(cat *model.Catalog) []model.RenewalRate {
	from := model.MustDate("2027-01-01")
	gold, _ := cat.Plan("GOLD")
	bronze, _ := cat.Plan("BRONZE")
	b := model.TrendRates(bronze, from, 10400)
	ben := bronze.Benefits
	ben.DeductibleSingle = 200000
	b.Benefits = &ben
	return []model.RenewalRate{model.TrendRates(gold, from, 10650), b}
}

func renewalGroup() model.Group {
	return model.Group{ID: "g1", Number: "GRP-1", Name: "Bayview Dental Group, Inc.", Segment: model.SegmentSmall,
		Address: model.Address{State: "CA", ZIP: "94612"}, RatingArea: area, EffectiveDate: model.MustDate("2020-02-01"),
		RenewalDate: renewalDate, Delivery: model.DeliveryOnline}
}

// member is a covered member of family sub (empty for a subscriber).
func renewalMember(id, sub, first string, rel model.Relationship, born, plan string) model.Member {
	return model.Member{ID: id, GroupID: "g1", SubscriberID: sub, EmployeeID: "E-" + first, Relationship: rel, FirstName: first,
		LastName: "Okafor", DateOfBirth: model.MustDate(born), Gender: model.GenderFemale, PlanID: plan, Tier: model.TierEE,
		Status: model.StatusActive, Effective: model.MustDate("2020-02-01")}
}

// renewalFamilies: Ada (63 at the plan year's start, 64 on 2027-01-15)
// with Bea (20, 21 on 2027-01-20) on gold; Cy with a spouse on the
// discontinued bronze; Dee on gold but terminated before the renewal.
func renewalFamilies() [][]model.Member {
	ada := renewalMember("ada", "", "Ada", model.RelEmployee, "1963-01-15", "GOLD")
	bea := renewalMember("bea", "ada", "Bea", model.RelChild, "2006-01-20", "GOLD")
	cy := renewalMember("cy", "", "Cy", model.RelEmployee, "1990-06-01", "BRONZE-OLD")
	cyd := renewalMember("cyd", "cy", "Cyd", model.RelSpouse, "1991-03-03", "BRONZE-OLD")
	dee := renewalMember("dee", "", "Dee", model.RelEmployee, "1980-05-05", "GOLD")
	dee.Status, dee.Termination, dee.TermReason = model.StatusTerminated, model.MustDate("2026-10-31"), "Voluntary resignation"
	return [][]model.Member{{ada, bea}, {cy, cyd}, {dee}}
}

// newOffer makes the fixture's renewal offer.
func newOffer(t *testing.T) model.Renewal {
	t.Helper()
	cat := renewalCatalog()
	r, err := model.NewRenewal(model.OfferInput{Group: renewalGroup(), Setting: model.DefaultRenewalSetting, Catalog: cat,
		Rates: renewalRates(cat), Families: renewalFamilies(), Today: offerDay, At: offerDay.Time(), By: "Carrier"})
	if err != nil {
		t.Fatal(err)
	}
	r.ID = "r1"
	return r
}

// changeContext is the maintenance context of the fixture on a day.
func renewalContext(today model.Date) model.ChangeContext {
	plans := map[string]*model.Plan{}
	cat := renewalCatalog()
	for i := range cat.Plans {
		plans[cat.Plans[i].ID] = &cat.Plans[i]
	}
	n := 0
	return model.ChangeContext{Today: today, Group: renewalGroup(), Rules: &model.Rules{}, Plans: plans,
		NewID: func() string { n++; return fmt.Sprintf("new-%d", n) }}
}

func cents(t *testing.T, s string) model.Money {
	t.Helper()
	m, err := model.ParseMoney(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
