package model

// benefitChanges lists, for each current plan, what differs in the plan it
// renews into: the plan itself when it is discontinued, its type, metal
// tier and network, and each benefit people compare plans by.
func benefitChanges(o *RenewalOffer) []BenefitChange {
	var out []BenefitChange
	for _, m := range o.Mappings {
		cur, _ := o.CurrentPlan(m.From)
		ren, ok := o.Option(m.To)
		if cur == nil || !ok {
			continue
		}
		out = append(out, PlanDifferences(cur, ren)...)
	}
	return out
}

// PlanDifferences lists what differs between a plan today and the plan it
// renews into (or any other plan the group might choose).
func PlanDifferences(cur, ren *Plan) []BenefitChange {
	var out []BenefitChange
	add := func(item, before, after string) {
		if before != after {
			out = append(out, BenefitChange{PlanID: cur.ID, Item: item, Before: before, After: after})
		}
	}
	if cur.ID != ren.ID {
		add("Plan", cur.Label(), ren.Label())
	}
	add("Type", string(cur.Type), string(ren.Type))
	add("Metal tier", string(cur.Metal), string(ren.Metal))
	add("Network", cur.Benefits.Network, ren.Benefits.Network)
	for _, b := range benefitRows {
		add(b.label, b.value(&cur.Benefits), b.value(&ren.Benefits))
	}
	return out
}
