package ui

import "github.com/groupdesk/groupdesk/model"

// Invoices on Home, in the book of business and on the calendar: due
// within a month, past due, in the grace period; each opens the invoice on
// the Billing screen.
func init() {
	registerAlerts(alertProvider{name: "invoices", kinds: []model.AlertKind{model.AlertInvoiceDue, model.AlertInvoicePastDue, model.AlertInvoiceInGrace},
		find: findInvoiceAlerts, open: openInvoiceAlert})
}

func findInvoiceAlerts(sc alertScope) ([]model.Alert, error) {
	st := sc.shell.billingStore()
	if st == nil {
		return nil, nil
	}
	since := model.PeriodOf(sc.today).Add(-model.RetroMonths)
	var out []model.Alert
	for _, g := range sc.groups {
		if !sc.shell.mayBill(g.ID) {
			continue
		}
		invs, err := st.Invoices(sc.ctx, g.ID, since)
		if err != nil {
			return out, err
		}
		acct, err := st.BillingAccount(sc.ctx, g.ID)
		if err != nil {
			return out, err
		}
		out = append(out, model.InvoiceAlerts(invs, g.Name, acct.Autopay != nil, sc.today)...)
	}
	return out, nil
}

func openInvoiceAlert(s *Shell, a model.Alert) {
	if s.ShowScreen("Billing") {
		if b, ok := s.front.(*billingScreen); ok {
			b.tabs.SelectIndex(0)
			b.show(a.SubjectID)
		}
	}
}
