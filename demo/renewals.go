package demo

import (
	"hash/fnv"

	"github.com/groupdesk/groupdesk/model"
)

// RenewalRates is the carrier's renewal rate table for the demo catalog:
// every plan's rates raised by a trend of its own (4% to 11.5% in quarter
// points, from a hash of its code, so the same book always renews alike),
// for renewals from next month on; the Gold 80 HMO's specialist copay
// rises $5 with them, so that a renewal shows a benefit change.
func RenewalRates(o Options) []model.RenewalRate {
	o = o.withDefaults()
	from := o.Today.FirstOfNextMonth()
	plans := plans(o.Today.Year)
	out := make([]model.RenewalRate, 0, len(plans))
	for i := range plans {
		r := model.TrendRates(&plans[i], from, trendOf(plans[i].ID))
		if plans[i].ID == planID(planG80HMO, o.Today.Year) {
			b := plans[i].Benefits
			b.SpecialistCopay += dollars(5)
			r.Benefits = &b
		}
		out = append(out, r)
	}
	return out
}

// trendOf is a plan's renewal trend, 1.0400 to 1.1150.
func trendOf(id string) model.Factor {
	h := fnv.New32a()
	h.Write([]byte(id))
	return model.FactorOne + 400 + model.Factor(h.Sum32()%31)*25
}
