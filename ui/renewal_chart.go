package ui

import (
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/charts"
)

// The renewal change by plan on Home: each current plan's monthly premium
// beside what the offer charges for it, from the group's latest renewal
// until it takes effect.
func init() {
	registerChart(homeChart{title: "Renewal change by plan", draw: drawRenewalChange})
}

func drawRenewalChange(sc chartScope) ([]byte, error) {
	st := sc.shell.renewalsStore()
	if st == nil || !sc.shell.mayRenew(sc.group.ID) {
		return nil, nil
	}
	rs, err := st.Renewals(sc.ctx, sc.group.ID)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	r := &rs[0]
	if r.Status == model.RenewalEffective {
		return nil, nil
	}
	roster, _, err := st.RenewalRoster(sc.ctx, r, nil)
	if err != nil {
		return nil, err
	}
	rv, err := r.Offer.Review(roster, r.Effective, r.Offer.DefaultMapping())
	if err != nil {
		return nil, err
	}
	plans := charts.RenewalPlans(rv)
	if len(plans) == 0 {
		return nil, nil
	}
	return charts.RenewalChange(plans, sc.opts)
}
