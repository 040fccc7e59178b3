package sqlite

import (
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// settleGroup moves each invoice of the group on for the day: what the
// payments paid, its status, the grace notice; a grace period that ended
// unpaid cancels the group's coverage back to its last paid month, which
// its billing account records.
func (tx *Tx) settleGroup(g *model.Group, rule model.BillingRule, today model.Date, rep *BillingReport) error {
	acct, err := billingAccountIn(tx.ctx, tx, g.ID)
	if err != nil {
		return err
	}
	cancelled := acct.Cancelled
	for _, unit := range model.BillingUnits(g) {
		if cancelled, err = tx.settleUnit(g, unit, rule, today, cancelled, rep); err != nil {
			return err
		}
	}
	if cancelled == nil || acct.Cancelled != nil {
		return nil
	}
	before := acct
	acct.Cancelled = cancelled
	rep.Moved = append(rep.Moved, fmt.Sprintf("%s: coverage cancelled for non-payment, ending %s", g.Name, cancelled.CoverageEnds.US()))
	return tx.writeBillingAccount(&acct, &before, fmt.Sprintf("Coverage cancelled for non-payment: the grace period ended unpaid; coverage ends %s",
		cancelled.CoverageEnds.US()))
}

// settleUnit works out one unit's invoices and writes those that changed.
func (tx *Tx) settleUnit(g *model.Group, unit string, rule model.BillingRule, today model.Date, cancelled *model.Cancellation,
	rep *BillingReport) (*model.Cancellation, error) {
	invs, pays, err := streamOf(tx.ctx, tx, g.ID, unit)
	if err != nil || len(invs) == 0 {
		return cancelled, err
	}
	st := model.StreamStanding(invs, pays, today, rule, cancelled)
	for i := range invs {
		if !st.Changed[i] {
			continue
		}
		inv := &st.Invoices[i]
		if inv.Status != invs[i].Status && inv.Status != model.InvoicePaid {
			rep.Moved = append(rep.Moved, fmt.Sprintf("%s: invoice %s is %s", g.Name, inv.Number, inv.Status.Label()))
		}
		if err := tx.writeInvoice(inv, &invs[i], invoiceSummary(inv)); err != nil {
			return cancelled, err
		}
	}
	return st.Cancelled, nil
}
