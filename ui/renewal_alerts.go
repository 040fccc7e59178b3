package ui

import "github.com/groupdesk/groupdesk/model"

// The renewal offer on Home, in the book of business and on the calendar:
// the offer in a line with the days left to answer, opening the Renewals
// screen.
func init() {
	registerAlerts(alertProvider{name: "renewal offers", kinds: []model.AlertKind{model.AlertRenewalOffer},
		find: findRenewalOffers, open: func(s *Shell, _ model.Alert) { s.ShowScreen("Renewals") }})
}

func findRenewalOffers(sc alertScope) ([]model.Alert, error) {
	st := sc.shell.renewalsStore()
	if st == nil {
		return nil, nil
	}
	var out []model.Alert
	for _, g := range sc.groups {
		if !sc.shell.mayRenew(g.ID) {
			continue
		}
		rs, err := st.Renewals(sc.ctx, g.ID)
		if err != nil {
			return out, err
		}
		out = append(out, model.RenewalOfferAlerts(rs, sc.names(), sc.today)...)
	}
	return out, nil
}
