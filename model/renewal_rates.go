package model

import "fmt"

// RenewalRate is one row of the carrier's renewal rate table: a plan's
// rates (and, when they change, its benefits) for renewals effective on or
// after From. The table is data the carrier files each year; a plan with
// no row renews at its current rates.
type RenewalRate struct {
	PlanID    string           `json:"plan_id"`
	From      Date             `json:"from"`
	BaseRates map[string]Money `json:"base_rates,omitempty"` // age rating: area → monthly premium at age 21
	TierRates map[Tier]Money   `json:"tier_rates,omitempty"` // composite: tier → monthly premium
	Benefits  *Benefits        `json:"benefits,omitempty"`   // nil: the benefits do not change
	Note      string           `json:"note,omitempty"`       // e.g. "trend 6.5%"
}

// Validate checks a row of the table.
func (r *RenewalRate) Validate() error {
	var p Problems
	if r.PlanID == "" {
		p.Add("plan_id", "a renewal rate names its plan")
	}
	if r.From.IsZero() {
		p.Add("from", "renewal rates for plan %s need the first renewal date they apply to", r.PlanID)
	}
	if len(r.BaseRates) == 0 && len(r.TierRates) == 0 {
		p.Add("rates", "renewal rates for plan %s list no rate", r.PlanID)
	}
	for area, m := range r.BaseRates {
		if m <= 0 {
			p.Add("base_rates", "plan %s: the renewal rate for area %s must be more than zero", r.PlanID, area)
		}
	}
	return p.Err()
}

// RateFor returns the row of the table that applies to a plan renewing on
// a date: the one with the latest From on or before it.
func RateFor(table []RenewalRate, planID string, on Date) (RenewalRate, bool) {
	var best RenewalRate
	found := false
	for _, r := range table {
		if r.PlanID != planID || r.From.After(on) || (found && !r.From.After(best.From)) {
			continue
		}
		best, found = r, true
	}
	return best, found
}

// AtRenewal returns the plan as it renews on a date: its rates (and
// benefits) from the table, the rest unchanged. A plan the table does not
// list keeps its rates.
func AtRenewal(p Plan, table []RenewalRate, on Date) Plan {
	r, ok := RateFor(table, p.ID, on)
	if !ok {
		return p
	}
	p.Rating.BaseRates, p.Rating.TierRates = cloneRates(p.Rating.BaseRates, r.BaseRates), cloneRates(p.Rating.TierRates, r.TierRates)
	if r.Benefits != nil {
		p.Benefits = *r.Benefits
	}
	return p
}

// cloneRates is the new rates, or a copy of the old when the row has none
// of that kind.
func cloneRates[K comparable](old, new map[K]Money) map[K]Money {
	src := new
	if len(src) == 0 {
		src = old
	}
	if src == nil {
		return nil
	}
	out := make(map[K]Money, len(src))
	for k, v := range src {
		out[k] = v
	}
	return out
}

// Discontinued reports whether the carrier no longer offers the plan at
// renewal: it names the plan its groups move to.
func (p *Plan) Discontinued() bool { return p.Successor != "" }

// SuccessorOf follows a discontinued plan to the plan its groups renew
// into (through a chain of successors). A plan that is not discontinued
// renews into itself.
func SuccessorOf(plans map[string]*Plan, id string) (string, error) {
	seen := map[string]bool{}
	for {
		p, ok := plans[id]
		switch {
		case !ok:
			return "", Errorf(EINVALID, "plan %s is not in the catalog, so its renewal plan is unknown", id)
		case !p.Discontinued():
			return id, nil
		case seen[id]:
			return "", Errorf(EINVALID, "plan %s: the catalog's successors run in a circle", id)
		}
		seen[id] = true
		id = p.Successor
	}
}

// TrendRates is a rate table row that raises a plan's rates by a factor
// (1.065 for 6.5%), rounded half-up to the cent: how a demo or a test
// makes next year's rates.
func TrendRates(p *Plan, from Date, trend Factor) RenewalRate {
	r := RenewalRate{PlanID: p.ID, From: from, Note: fmt.Sprintf("trend %s", trendPercent(trend))}
	if len(p.Rating.BaseRates) > 0 {
		r.BaseRates = map[string]Money{}
		for a, m := range p.Rating.BaseRates {
			r.BaseRates[a] = m.MulRound(trend)
		}
	}
	if len(p.Rating.TierRates) > 0 {
		r.TierRates = map[Tier]Money{}
		for t, m := range p.Rating.TierRates {
			r.TierRates[t] = m.MulRound(trend)
		}
	}
	return r
}

// trendPercent writes the factor 1.065 as "6.5%".
func trendPercent(f Factor) string { return Percent(f - FactorOne).String() }
