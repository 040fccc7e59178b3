package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// drawScheduled draws every payment scheduled up to the day; one the
// carrier can no longer take (bank payments blocked since, coverage
// cancelled) is cancelled with the reason.
func (db *DB) drawScheduled(ctx context.Context, today model.Date, rep *BillingReport) error {
	due, err := paymentsWhere(ctx, db.read, `status = 'scheduled' AND pay_on <= ? ORDER BY pay_on, id`, today.String())
	if err != nil {
		return err
	}
	for i := range due {
		err := db.jobUpdate(ctx, func(tx *Tx) error { return tx.draw(&due[i], today, rep) })
		if err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) draw(p *model.Payment, today model.Date, rep *BillingReport) error {
	before := *p
	acct, err := billingAccountIn(tx.ctx, tx, p.GroupID)
	if err != nil {
		return err
	}
	if err := acct.CheckBankPayment(); err != nil {
		p.Status, p.Reason = model.PaymentCancelled, model.ErrorMessage(err)
		rep.Problems = append(rep.Problems, fmt.Sprintf("payment %s not drawn: %s", p.Confirmation, p.Reason))
		return tx.writePayment(p, &before, paymentSummary(p, "cancelled"))
	}
	p.Status, p.ProcessedOn = model.PaymentProcessed, today
	return tx.writePayment(p, &before, paymentSummary(p, "drawn"))
}

// AutopayWindow is how many days after an invoice's due date a job that
// did not run on it still drafts it.
const AutopayWindow = 7

// draftAutopay drafts, for a group with automatic payments, each unit's
// balance on the due date of its invoices, once per invoice.
func (db *DB) draftAutopay(ctx context.Context, g *model.Group, acct *model.BillingAccount, today model.Date, rep *BillingReport) error {
	if acct.Autopay == nil || acct.Cancelled != nil {
		return nil
	}
	due, err := invoicesWhere(ctx, db.read, `group_id = ? AND due_on <= ? AND due_on > ? AND due_on >= ? ORDER BY unit, period`,
		g.ID, today.String(), today.AddDays(-AutopayWindow).String(), acct.Autopay.Since.String())
	if err != nil {
		return err
	}
	for i := range due {
		err := db.jobUpdate(ctx, func(tx *Tx) error { return tx.draftInvoice(g, acct, &due[i], today, rep) })
		if err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) draftInvoice(g *model.Group, acct *model.BillingAccount, inv *model.Invoice, today model.Date, rep *BillingReport) error {
	id := model.AutopayID(inv.ID)
	if _, err := paymentIn(tx.ctx, tx, id); err == nil {
		return nil
	}
	invs, pays, err := streamOf(tx.ctx, tx, g.ID, inv.Unit)
	if err != nil {
		return err
	}
	amount := model.AutopayDraft(invs, pays, today)
	if amount == 0 {
		return nil
	}
	if err := acct.CheckBankPayment(); err != nil {
		rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s not drafted for invoice %s: %s", g.Name, amount, inv.Number, model.ErrorMessage(err)))
		return nil
	}
	p := model.Payment{ID: id, GroupID: g.ID, InvoiceID: inv.ID, Unit: inv.Unit, Amount: amount, On: today, Bank: acct.Autopay.Bank,
		Autopay: true, Status: model.PaymentProcessed, Confirmation: model.ConfirmationNumber(id, today), SubmittedBy: "Automatic payment",
		SubmittedAt: tx.now, ProcessedOn: today}
	rep.Autopay = append(rep.Autopay, fmt.Sprintf("%s: %s drafted for invoice %s", g.Name, amount, inv.Number))
	return tx.writePayment(&p, nil, paymentSummary(&p, "drafted automatically"))
}

// RecordPayment records a payment the carrier took by other means or
// schedules one on a group's behalf (the demo book's): it is drawn on its
// day by the billing job like any other.
func (db *DB) RecordPayment(ctx context.Context, p *model.Payment) error {
	return db.jobUpdate(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the account service records payments.")
		}
		if _, err := paymentIn(tx.ctx, tx, p.ID); err == nil {
			return nil
		}
		if err := p.Bank.Validate(); err != nil {
			return err
		}
		inv, err := invoiceIn(tx.ctx, tx, p.InvoiceID, false)
		if err != nil {
			return err
		}
		p.GroupID, p.Unit, p.Status = inv.GroupID, inv.Unit, model.PaymentScheduled
		p.Confirmation, p.SubmittedAt = model.ConfirmationNumber(p.ID, p.On), tx.now
		return tx.writePayment(p, nil, paymentSummary(p, "scheduled"))
	})
}

// ReturnPayment marks a drawn payment returned by the bank (the carrier's
// admin command): the balance it paid reopens at once, and a second
// return in twelve months blocks the group's bank payments until the
// carrier lifts the block.
func (db *DB) ReturnPayment(ctx context.Context, id string, on model.Date, reason string) (model.Payment, error) {
	var p model.Payment
	err := db.jobUpdate(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier marks payments returned.")
		}
		var err error
		if p, err = paymentIn(tx.ctx, tx, id); err != nil {
			return err
		}
		if p.Status != model.PaymentProcessed {
			return model.Errorf(model.EINVALID, "Payment %s is %s; only a drawn payment can come back returned.", p.Confirmation, p.Status.Label())
		}
		if on.Before(p.ProcessedOn) {
			return model.Errorf(model.EINVALID, "A payment drawn on %s cannot come back on %s.", p.ProcessedOn.US(), on.US())
		}
		before := p
		p.Status, p.ReturnedOn, p.Reason = model.PaymentReturned, on, orDefault(reason, "Returned by the bank (R01 insufficient funds)")
		if err := tx.writePayment(&p, &before, paymentSummary(&p, "returned")); err != nil {
			return err
		}
		return tx.afterReturn(&p, on)
	})
	return p, err
}

// afterReturn blocks bank payments after the second return in twelve
// months and moves the group's invoices on at once.
func (tx *Tx) afterReturn(p *model.Payment, on model.Date) error {
	pays, err := paymentsWhere(tx.ctx, tx, `group_id = ?`, p.GroupID)
	if err != nil {
		return err
	}
	acct, err := billingAccountIn(tx.ctx, tx, p.GroupID)
	if err != nil {
		return err
	}
	if n := model.ReturnsWithin(pays, on); n >= model.MaxReturns && !acct.BankBlocked {
		before := acct
		acct.BankBlocked, acct.BlockedOn = true, on
		acct.BlockReason = fmt.Sprintf("%d payments came back returned in twelve months.", n)
		if err := tx.writeBillingAccount(&acct, &before, "Bank payments blocked: "+acct.BlockReason); err != nil {
			return err
		}
	}
	g, err := tx.groupForUpdate(p.GroupID)
	if err != nil {
		return err
	}
	rules, err := readBillingRules(tx.ctx, tx)
	if err != nil {
		return err
	}
	return tx.settleGroup(&g, model.BillingRuleFor(rules, "", g.Address.State), on, &BillingReport{})
}

// LiftBankBlock lets a group pay from a bank account again (the carrier's
// decision).
func (db *DB) LiftBankBlock(ctx context.Context, groupID string) (model.BillingAccount, error) {
	var acct model.BillingAccount
	err := db.jobUpdate(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier lifts a block on bank payments.")
		}
		var err error
		if acct, err = billingAccountIn(tx.ctx, tx, groupID); err != nil {
			return err
		}
		if !acct.BankBlocked {
			return model.Errorf(model.EINVALID, "Bank payments are not blocked for this group.")
		}
		before := acct
		acct.BankBlocked, acct.BlockedOn, acct.BlockReason = false, model.Date{}, ""
		return tx.writeBillingAccount(&acct, &before, "Bank payments allowed again: the carrier lifted the block")
	})
	return acct, err
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
