package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// benchRenewal is a small group of n subscribers renewing on 2027-02-01:
// about half with a spouse, a third with one to five children, an eighth
// smoking, on two current plans of a catalog of six, and the four plans a
// scenario compares.
func benchRenewal(b *testing.B, n int) (*model.Renewal, [][]model.Member, []string) {
	b.Helper()
	cat := &model.Catalog{Areas: []model.RatingArea{{ID: area, State: "CA", ZIPs: []string{"946"}}}}
	for p := 0; p < 6; p++ {
		pl := renewalPlan(fmt.Sprintf("P%d", p), fmt.Sprintf("Plan %d", p), model.MetalGold, model.Money(35000+4000*p))
		pl.Rating.TobaccoFactor = 11500
		cat.Plans = append(cat.Plans, pl)
	}
	r := rand.New(rand.NewPCG(6, 66))
	born := func(lo, hi int) string {
		return model.NewDate(2026-lo-r.IntN(hi-lo), time.Month(1+r.IntN(12)), 1+r.IntN(28)).String()
	}
	var fams [][]model.Member
	for e := 0; e < n; e++ {
		id := fmt.Sprint("s", e)
		sub := renewalMember(id, "", "E"+id, model.RelEmployee, born(22, 66), fmt.Sprint("P", e%2))
		sub.Tobacco = r.IntN(8) == 0
		fam := []model.Member{sub}
		if r.IntN(2) == 0 {
			fam = append(fam, renewalMember(id+"sp", id, "S"+id, model.RelSpouse, born(22, 66), sub.PlanID))
		}
		if r.IntN(3) == 0 {
			for k := 0; k <= r.IntN(5); k++ {
				fam = append(fam, renewalMember(fmt.Sprint(id, "c", k), id, "C"+id, model.RelChild, born(0, 25), sub.PlanID))
			}
		}
		fams = append(fams, fam)
	}
	var rates []model.RenewalRate
	for i := range cat.Plans {
		rates = append(rates, model.TrendRates(&cat.Plans[i], renewalDate, model.FactorOne+model.Factor(400+150*i)))
	}
	off, err := model.NewRenewal(model.OfferInput{Group: renewalGroup(), Setting: model.DefaultRenewalSetting, Catalog: cat,
		Rates: rates, Families: fams, Today: offerDay, At: offerDay.Time(), By: "Carrier"})
	if err != nil {
		b.Fatal(err)
	}
	return &off, fams, []string{"P0", "P1", "P3", "P5"}
}

// BenchmarkRenewalCompare1000x4Engine recomputes what the Explore tab shows
// after a change: every member re-rated today and at renewal as the
// scenario maps the plans, four plans side by side under the contribution,
// and the scenario's cost.
func BenchmarkRenewalCompare1000x4Engine(b *testing.B) {
	r, fams, compare := benchRenewal(b, 1000)
	mapping := map[string]string{"P0": "P3", "P1": "P1"}
	contrib := model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 7500, DependentPercent: 5000, PayPeriods: 26}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rv, err := r.Offer.Review(fams, r.Effective, mapping)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := rv.Compare(compare, contrib); err != nil {
			b.Fatal(err)
		}
		rv.Cost(contrib)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/recompute")
}

// BenchmarkRenewalCompare1000x4PerFamily is the baseline: the same families
// rated one by one with RateFamily under the same four plans at renewal,
// totals only — no census prepared once, no plan left unrated, no
// contribution, no member lines.
func BenchmarkRenewalCompare1000x4PerFamily(b *testing.B) {
	r, fams, compare := benchRenewal(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	var sink model.Money
	for i := 0; i < b.N; i++ {
		for _, id := range compare {
			p, _ := r.Offer.Option(id)
			curve := r.Offer.Curve(p)
			for _, fam := range fams {
				people := make([]model.RatedPerson, len(fam))
				for k := range fam {
					people[k] = model.RatedPerson{Relationship: fam[k].Relationship, DateOfBirth: fam[k].DateOfBirth, Tobacco: fam[k].Tobacco, Area: area}
				}
				_, total := model.RateFamily(p, curve, people, r.Effective)
				sink += total
			}
		}
	}
	_ = sink
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/recompute")
}
