package model

// Compare lays up to four of the offer's plans side by side for the whole
// census at renewal rates, as the quote screen does: what each would cost
// under the contribution if everyone were on it, and its benefits.
func (rv *RenewalReview) Compare(ids []string, contrib Contribution) ([]CompareRow, []PlanQuote, error) {
	if len(ids) > MaxCompared {
		return nil, nil, Errorf(EINVALID, "At most %d plans are compared side by side.", MaxCompared)
	}
	quotes := make([]PlanQuote, 0, len(ids))
	for _, id := range ids {
		p, ok := rv.offer.Option(id)
		if !ok {
			return nil, nil, Errorf(EINVALID, "Plan %s is not offered at this renewal.", id)
		}
		if rv.Census == nil {
			quotes = append(quotes, PlanQuote{Plan: p})
			continue
		}
		q, _ := rv.quote(p) // a plan that cannot rate the census shows "not available"
		quotes = append(quotes, *q)
	}
	if rv.Census == nil {
		return nil, quotes, nil
	}
	return ComparePlans(rv.Census, quotes, contrib), quotes, nil
}

// Cost applies a contribution to the renewal as mapped: each family under
// the plan its current plan renews into.
func (rv *RenewalReview) Cost(contrib Contribution) PlanCost {
	var out PlanCost
	if rv.Census == nil {
		return out
	}
	out.Families = make([]FamilyCost, len(rv.Census.Families))
	byPlan := map[string]PlanCost{}
	for f := range rv.Census.Families {
		to := rv.Mapping[rv.Census.Subscriber(f).PlanID]
		cost, ok := byPlan[to]
		if !ok {
			cost = contrib.Cost(rv.Census, rv.Quotes[to])
			byPlan[to] = cost
		}
		fc := cost.Families[f]
		out.Families[f] = fc
		out.Premium += fc.Premium
		out.Employer += fc.Employer
		out.Employee += fc.Employee
	}
	return out
}

// PlanOf is the renewal plan a family of the census is on.
func (rv *RenewalReview) PlanOf(f int) *Plan {
	p, _ := rv.offer.Option(rv.Mapping[rv.Census.Subscriber(f).PlanID])
	return p
}
