package model_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// benchCatalog has 50 age-rated plans over five areas of three-digit
// prefixes (910–914).
func benchCatalog() *model.Catalog {
	cat := &model.Catalog{}
	for a := 0; a < 5; a++ {
		cat.Areas = append(cat.Areas, model.RatingArea{ID: fmt.Sprintf("CA-%02d", a), State: "CA", ZIPs: []string{fmt.Sprint(910 + a)}})
	}
	for p := 0; p < 50; p++ {
		rates := map[string]model.Money{}
		for a := range cat.Areas {
			rates[cat.Areas[a].ID] = model.Money(30000 + 731*p + 1117*a)
		}
		cat.Plans = append(cat.Plans, model.Plan{ID: fmt.Sprintf("P%02d", p), Name: "Plan", Type: model.PlanHMO, Metal: model.MetalGold,
			Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018", TobaccoFactor: 11500, BaseRates: rates}})
	}
	return cat
}

// benchCensus is a census of n employees: about half with a spouse, a
// third with one to five children, an eighth smoking.
func benchCensus(n int) []model.QuotePerson {
	r := rand.New(rand.NewPCG(5, 55))
	var out []model.QuotePerson
	born := func(lo, hi int) model.Date {
		return model.NewDate(2026-lo-r.IntN(hi-lo), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	for e := 0; e < n; e++ {
		id := fmt.Sprint(e + 1)
		out = append(out, model.QuotePerson{EmployeeID: id, Relationship: model.RelEmployee, FirstName: "E", LastName: id,
			DateOfBirth: born(22, 66), ZIP: fmt.Sprintf("%d%02d", 910+r.IntN(5), r.IntN(100)), Tobacco: r.IntN(8) == 0})
		if r.IntN(2) == 0 {
			out = append(out, model.QuotePerson{EmployeeID: id, Relationship: model.RelSpouse, DateOfBirth: born(22, 66)})
		}
		if r.IntN(3) == 0 {
			for k := 0; k <= r.IntN(5); k++ {
				out = append(out, model.QuotePerson{EmployeeID: id, Relationship: model.RelChild, DateOfBirth: born(0, 25)})
			}
		}
	}
	return out
}

var benchEffective = model.MustDate("2027-01-01")

// benchmarkQuoteRated prepares the census (ages, areas, families, the
// three-child rule), rates it under 50 plans and applies a contribution.
func benchmarkQuoteRated(b *testing.B, employees int) {
	cat, people := benchCatalog(), benchCensus(employees)
	areas, _ := model.NewAreaIndex(cat.Areas)
	contrib := model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 7500, DependentPercent: 5000, PayPeriods: 26}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, probs := model.PrepareCensus(people, model.CensusOptions{Effective: benchEffective, Areas: areas})
		if len(probs) > 0 {
			b.Fatal(probs[0])
		}
		quotes, err := model.QuotePlans(c, cat, nil)
		if err != nil {
			b.Fatal(err)
		}
		for q := range quotes {
			contrib.Cost(c, &quotes[q])
		}
	}
	b.ReportMetric(float64(len(people)*50), "member-ratings/op")
}

// benchmarkQuoteFlat is the baseline: the same census walked once per
// plan with a trivial premium (the plan's first base rate for everyone),
// no ages, areas, families or three-child rule.
func benchmarkQuoteFlat(b *testing.B, employees int) {
	cat, people := benchCatalog(), benchCensus(employees)
	b.ReportAllocs()
	b.ResetTimer()
	var sink model.Money
	for i := 0; i < b.N; i++ {
		for p := range cat.Plans {
			base := cat.Plans[p].Rating.BaseRates["CA-00"]
			premiums := make([]model.Money, len(people))
			var total model.Money
			for j := range people {
				premiums[j] = base
				total += base
			}
			sink += total
		}
	}
	_ = sink
	b.ReportMetric(float64(len(people)*50), "member-ratings/op")
}

func BenchmarkQuote100x50Rated(b *testing.B)   { benchmarkQuoteRated(b, 100) }
func BenchmarkQuote100x50Flat(b *testing.B)    { benchmarkQuoteFlat(b, 100) }
func BenchmarkQuote10000x50Rated(b *testing.B) { benchmarkQuoteRated(b, 10000) }
func BenchmarkQuote10000x50Flat(b *testing.B)  { benchmarkQuoteFlat(b, 10000) }
