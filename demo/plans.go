package demo

import (
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// Plan codes (the catalog's keys; the plan ID adds the year).
const (
	planP90HMO  = "CA-P90HMO"
	planG80HMO  = "CA-G80HMO"
	planG80PPO  = "CA-G80PPO"
	planS70HMO  = "CA-S70HMO"
	planS70PPO  = "CA-S70PPO"
	planS70HDHP = "CA-S70HDHP"
	planB60HMO  = "CA-B60HMO" // discontinued; maps to the Bronze 60 HDHP at renewal
	planB60HDHP = "CA-B60HDHP"
	planG80EPO  = "US-G80EPO"
	planS70EPO  = "US-S70EPO"
	planLGG80   = "LG-G80HMO"
	planLGP90   = "LG-P90PPO"
)

// planSpec describes one catalog plan; cost sharing in whole dollars.
type planSpec struct {
	code      string
	name      string
	typ       model.PlanType
	metal     model.Metal
	network   string
	states    string      // "CA": California areas; "US": the other states; "": composite
	base      model.Money // cents a month at age 21 in an area of factor 1.0
	ded, oop  int         // single deductible and out-of-pocket maximum; family is double
	copays    [4]int      // primary care, specialist, urgent care, emergency room
	coins     int
	rx        [3]int // generic, preferred, non-preferred
	rxSpec    int
	tiers     [4]model.Money // composite, in cents: EE, ES, EC, FAM
	successor string
}

// catalog is the carrier's plan catalog. Base rates are per area, scaled by
// the area's factor; HDHP copays of $0 mean coinsurance after the deductible.
var catalog = []planSpec{
	{code: planP90HMO, name: "Platinum 90 HMO", typ: model.PlanHMO, metal: model.MetalPlatinum, network: "Signature HMO", states: "CA",
		base: 61987, ded: 0, oop: 4500, copays: [4]int{15, 30, 15, 150}, coins: 10, rx: [3]int{5, 15, 25}, rxSpec: 10},
	{code: planG80HMO, name: "Gold 80 HMO", typ: model.PlanHMO, metal: model.MetalGold, network: "Signature HMO", states: "CA",
		base: 50462, ded: 0, oop: 8700, copays: [4]int{35, 65, 35, 350}, coins: 20, rx: [3]int{15, 55, 75}, rxSpec: 20},
	{code: planG80PPO, name: "Gold 80 PPO", typ: model.PlanPPO, metal: model.MetalGold, network: "PPO Choice", states: "CA",
		base: 57431, ded: 1000, oop: 7900, copays: [4]int{30, 60, 30, 325}, coins: 20, rx: [3]int{15, 50, 80}, rxSpec: 20},
	{code: planS70HMO, name: "Silver 70 HMO", typ: model.PlanHMO, metal: model.MetalSilver, network: "Signature HMO", states: "CA",
		base: 42418, ded: 2500, oop: 8750, copays: [4]int{50, 90, 50, 400}, coins: 30, rx: [3]int{16, 60, 90}, rxSpec: 20},
	{code: planS70PPO, name: "Silver 70 PPO", typ: model.PlanPPO, metal: model.MetalSilver, network: "PPO Choice", states: "CA",
		base: 46895, ded: 4000, oop: 8750, copays: [4]int{55, 95, 55, 450}, coins: 30, rx: [3]int{20, 65, 95}, rxSpec: 25},
	{code: planS70HDHP, name: "Silver 70 HDHP", typ: model.PlanHDHP, metal: model.MetalSilver, network: "Signature HMO (HSA-qualified)", states: "CA",
		base: 40472, ded: 3300, oop: 7000, coins: 20, rx: [3]int{10, 40, 70}, rxSpec: 20},
	{code: planB60HMO, name: "Bronze 60 HMO", typ: model.PlanHMO, metal: model.MetalBronze, network: "Signature HMO", states: "CA",
		base: 34456, ded: 6300, oop: 9100, copays: [4]int{65, 95, 65, 0}, coins: 40, rx: [3]int{18, 70, 100}, rxSpec: 40,
		successor: planB60HDHP},
	{code: planB60HDHP, name: "Bronze 60 HDHP", typ: model.PlanHDHP, metal: model.MetalBronze, network: "Signature HMO (HSA-qualified)", states: "CA",
		base: 32984, ded: 6300, oop: 7500, coins: 40, rx: [3]int{15, 50, 80}, rxSpec: 40},
	{code: planG80EPO, name: "Gold 80 EPO", typ: model.PlanEPO, metal: model.MetalGold, network: "Select EPO", states: "US",
		base: 51840, ded: 750, oop: 8000, copays: [4]int{30, 60, 30, 300}, coins: 20, rx: [3]int{15, 45, 75}, rxSpec: 20},
	{code: planS70EPO, name: "Silver 70 EPO", typ: model.PlanEPO, metal: model.MetalSilver, network: "Select EPO", states: "US",
		base: 43877, ded: 3000, oop: 8700, copays: [4]int{45, 85, 45, 400}, coins: 30, rx: [3]int{15, 55, 85}, rxSpec: 25},
	{code: planLGG80, name: "Gold 80 HMO Large Group", typ: model.PlanHMO, metal: model.MetalGold, network: "Signature HMO",
		ded: 0, oop: 4000, copays: [4]int{25, 40, 25, 200}, coins: 20, rx: [3]int{10, 30, 50}, rxSpec: 20,
		tiers: [4]model.Money{71200, 149800, 130500, 214000}},
	{code: planLGP90, name: "Platinum 90 PPO Large Group", typ: model.PlanPPO, metal: model.MetalPlatinum, network: "PPO Choice",
		ded: 250, oop: 3500, copays: [4]int{20, 35, 20, 150}, coins: 10, rx: [3]int{10, 25, 45}, rxSpec: 10,
		tiers: [4]model.Money{91842, 193167, 168225, 275981}},
}

// planID is the carrier's plan code for the plan year.
func planID(code string, year int) string { return fmt.Sprintf("%s-%d", code, year) }

// dollars converts a whole-dollar amount.
func dollars(d int) model.Money { return model.Money(d) * 100 }

// plans returns the plan catalog for the year: ten age-rated plans (eight
// for California, two for Oregon, Washington and Colorado) and two
// composite-rated large-group plans.
func plans(year int) []model.Plan {
	out := make([]model.Plan, 0, len(catalog))
	for i := range catalog {
		out = append(out, buildPlan(&catalog[i], year))
	}
	return out
}

func buildPlan(s *planSpec, year int) model.Plan {
	p := model.Plan{
		ID: planID(s.code, year), Name: s.name, Type: s.typ, Metal: s.metal, Year: year,
		Benefits: benefits(s), Version: 1,
	}
	if s.successor != "" {
		p.Successor = planID(s.successor, year)
	}
	if s.states == "" {
		p.Rating = model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{}}
		for i, t := range model.Tiers {
			p.Rating.TierRates[t] = s.tiers[i]
		}
		return p
	}
	p.Rating = model.Rating{Method: model.RatingAge, Curve: model.CurveFederal2018.Name,
		TobaccoFactor: model.FactorOne, BaseRates: map[string]model.Money{}}
	if s.states == "US" {
		// Colorado allows 1.15:1 in small group; Oregon and Washington more.
		p.Rating.TobaccoFactor = 11500
	}
	for _, a := range areas {
		if (a.state == "CA") == (s.states == "CA") {
			p.Rating.BaseRates[a.code] = s.base.MulRound(a.factor)
		}
	}
	return p
}

func benefits(s *planSpec) model.Benefits {
	return model.Benefits{
		Network:          s.network,
		DeductibleSingle: dollars(s.ded), DeductibleFamily: dollars(2 * s.ded),
		OOPMaxSingle: dollars(s.oop), OOPMaxFamily: dollars(2 * s.oop),
		PrimaryCareCopay: dollars(s.copays[0]), SpecialistCopay: dollars(s.copays[1]),
		UrgentCareCopay: dollars(s.copays[2]), EmergencyCopay: dollars(s.copays[3]),
		CoinsurancePercent: s.coins,
		RxGeneric:          dollars(s.rx[0]), RxPreferred: dollars(s.rx[1]), RxNonPreferred: dollars(s.rx[2]),
		RxSpecialtyPercent: s.rxSpec,
	}
}
