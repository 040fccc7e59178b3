package demo

import (
	"fmt"
	"sort"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// CarrierName is the carrier of the demo book's contracts.
const CarrierName = "Pacific Crest Health Plan"

// Contracts is each group's contract history: the original agreement from
// its effective date, a renewal for every plan year since (rates trended
// back from today's catalog, the contribution and a term or two changing
// on the way), and, in the plan year in force, an amendment that adds a
// plan. The versions of a group are numbered in order; each ends the day
// before the next starts, the newest is open-ended.
func Contracts(o Options, b *model.Book) []model.Contract {
	o = o.withDefaults()
	plansByGroup := groupPlans(b)
	catalog := map[string]*model.Plan{}
	for i := range b.Plans {
		catalog[b.Plans[i].ID] = &b.Plans[i]
	}
	var out []model.Contract
	for _, g := range b.Groups {
		out = append(out, groupContracts(g, plansByGroup[g.ID], catalog, o.Today)...)
	}
	return out
}

// groupPlans lists the plans each group's members are on, by ID.
func groupPlans(b *model.Book) map[string][]string {
	seen := map[string]map[string]bool{}
	for _, m := range b.Members {
		if seen[m.GroupID] == nil {
			seen[m.GroupID] = map[string]bool{}
		}
		if m.PlanID != "" {
			seen[m.GroupID][m.PlanID] = true
		}
	}
	out := map[string][]string{}
	for g, ids := range seen {
		for id := range ids {
			out[g] = append(out[g], id)
		}
		sort.Strings(out[g])
	}
	return out
}

func groupContracts(g model.Group, planIDs []string, catalog map[string]*model.Plan, today model.Date) []model.Contract {
	current := g.RenewalDate.AddYears(-1) // the plan year in force started then
	var starts []model.Date
	for d := current; !d.Before(g.EffectiveDate); d = d.AddYears(-1) {
		starts = append([]model.Date{d}, starts...)
	}
	if len(starts) == 0 || starts[0] != g.EffectiveDate {
		starts = append([]model.Date{g.EffectiveDate}, starts...)
	}
	var out []model.Contract
	for i, s := range starts {
		back := len(starts) - 1 - i
		c := contractFor(g, i+1, s, planIDs, catalog, back)
		out = append(out, c)
	}
	if amend, ok := amendment(g, out[len(out)-1], catalog, today); ok {
		out = append(out, amend)
	}
	for i := 0; i+1 < len(out); i++ {
		out[i].Ends = out[i+1].Starts.AddDays(-1)
	}
	return out
}

// contractFor is the version of a plan year that started back years
// before the one in force.
func contractFor(g model.Group, number int, starts model.Date, planIDs []string, catalog map[string]*model.Plan, back int) model.Contract {
	kind := model.ContractRenewal
	if number == 1 {
		kind = model.ContractOriginal
	}
	c := model.Contract{ID: fmt.Sprintf("%s-contract-%d", g.ID, number), GroupID: g.ID, Number: number, Kind: kind,
		Carrier: CarrierName, Starts: starts, Contribution: contributionFor(g, number),
		Terms: termsFor(g, back), Signatories: signatories(g, starts, back)}
	for _, id := range planIDs {
		if p, ok := catalog[id]; ok {
			c.Plans = append(c.Plans, contractPlan(p, g.RatingArea, back))
		}
	}
	return c
}

// contractPlan is a catalog plan as a contract names it (by its code,
// without the plan year) with its rates trended back.
func contractPlan(p *model.Plan, area string, back int) model.ContractPlan {
	code := p.ID
	if i := strings.LastIndex(code, "-"); i > 0 && p.Year > 0 && code[i+1:] == fmt.Sprint(p.Year) {
		code = code[:i]
	}
	cp := model.ContractPlan{PlanID: code, Name: p.Name, Type: p.Type, Metal: p.Metal, Method: p.Rating.Method}
	trend := trendOf(code)
	if p.Rating.Method == model.RatingComposite {
		cp.TierRates = map[model.Tier]model.Money{}
		for t, m := range p.Rating.TierRates {
			cp.TierRates[t] = deflate(m, trend, back)
		}
		return cp
	}
	cp.Area, cp.BaseRate = area, deflate(p.Rating.BaseRates[area], trend, back)
	cp.TobaccoFactor, cp.Curve = p.Rating.TobaccoFactor, p.Rating.Curve
	return cp
}

// deflate takes a rate back years of trend.
func deflate(m model.Money, trend model.Factor, years int) model.Money {
	for range years {
		m = model.Money((int64(m)*int64(model.FactorOne) + int64(trend)/2) / int64(trend))
	}
	return m
}

// contributionFor: half the employee-only premium at first, five points
// more at each renewal up to 80%; large groups pay half toward dependents.
func contributionFor(g model.Group, number int) model.Contribution {
	c := model.DefaultContribution
	c.Percent = min(5000+500*model.Percent(number-1), 8000)
	if g.Segment == model.SegmentLarge {
		c.DependentPercent = 5000
	}
	return c
}

// amendment adds a plan the group does not offer yet, six months
// into the plan year in force (or three months in, when six are still to
// come).
func amendment(g model.Group, base model.Contract, catalog map[string]*model.Plan, today model.Date) (model.Contract, bool) {
	on := base.Starts.AddMonths(6)
	if on.After(today) {
		on = base.Starts.AddMonths(3)
	}
	add := addablePlan(base, catalog)
	if on.After(today) || add == nil {
		return model.Contract{}, false
	}
	c := base
	c.ID, c.Number, c.Kind, c.Starts = fmt.Sprintf("%s-contract-%d", g.ID, base.Number+1), base.Number+1, model.ContractAmendment, on
	c.Plans = append(append([]model.ContractPlan(nil), base.Plans...), contractPlan(add, g.RatingArea, 0))
	text := fmt.Sprintf("Adds the %s to the plans offered, from %s, at the rates shown.", add.Name, on.US())
	c.Amendments = []model.Amendment{{Number: 1, Effective: on, Text: text}}
	c.Signatories = signatories(g, on, 0)
	return c, true
}

// addablePlan is a plan of the group's kind of rating it does not offer.
func addablePlan(c model.Contract, catalog map[string]*model.Plan) *model.Plan {
	have := map[string]bool{}
	for _, p := range c.Plans {
		have[p.Name] = true
	}
	var best *model.Plan
	for _, p := range catalog {
		fits := len(c.Plans) > 0 && p.Rating.Method == c.Plans[0].Method &&
			(p.Rating.Method == model.RatingComposite || p.Rating.BaseRates[c.Plans[0].Area] > 0)
		if fits && !have[p.Name] && (best == nil || p.ID < best.ID) {
			best = p
		}
	}
	return best
}
