package sqlite

import (
	"encoding/json"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// applyBillingChange stores an invoice, a payment or a billing account
// from the account service's feed, unless a newer copy is here already.
// An invoice arrives without its lines; the lines already held stay.
func (tx *Tx) applyBillingChange(c *model.Change) error {
	switch c.Entity {
	case model.EntityInvoice:
		var inv model.Invoice
		if err := json.Unmarshal(c.Data, &inv); err != nil {
			return err
		}
		before, err := invoiceIn(tx.ctx, tx, inv.ID, false)
		if err == nil && newer(before.Version, inv.Version, before.UpdatedAt, inv.UpdatedAt) {
			return nil
		}
		return tx.storeInvoice(&inv, existing(&before, err), invoiceSummary(&inv))
	case model.EntityPayment:
		var p model.Payment
		if err := json.Unmarshal(c.Data, &p); err != nil {
			return err
		}
		before, err := paymentIn(tx.ctx, tx, p.ID)
		if err == nil && newer(before.Version, p.Version, before.UpdatedAt, p.UpdatedAt) && before.Confirmation == p.Confirmation {
			return nil
		}
		return tx.storePayment(&p, existing(&before, err), paymentSummary(&p, p.Status.Label()))
	case model.EntityBillingAccount:
		var a model.BillingAccount
		if err := json.Unmarshal(c.Data, &a); err != nil {
			return err
		}
		before, err := billingAccountIn(tx.ctx, tx, a.GroupID)
		if err == nil && newer(before.Version, a.Version, before.UpdatedAt, a.UpdatedAt) {
			return nil
		}
		return tx.storeBillingAccount(&a, existing(&before, err), "Billing account from the account service")
	}
	return nil
}

// existing is the copy read before a write, or nil when there was none.
func existing[T any](v *T, err error) *T {
	if err != nil {
		return nil
	}
	return v
}

// newer reports whether the copy here is newer than the service's, or the
// same: a copy made here and taken by the service has the service's
// version but not its time, and is replaced by the service's (which
// carries, say, a payment's confirmation number).
func newer(here, there int64, hereAt, thereAt time.Time) bool {
	return here > there || (here == there && hereAt.Equal(thereAt))
}
