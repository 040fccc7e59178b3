package sqlite

import (
	"github.com/groupdesk/groupdesk/model"
)

// applyPaymentOp takes a payment a desktop sent. The service decides: the
// caller needs billing.pay in the group; the operation's ID must be the
// payment's own, so a payment sent again under the same ID is answered
// from the stored result and taken once; the bank account, the amount
// against what is owed, and the carrier's block are checked again. A
// payment dated before today (sent late from an offline desktop) is
// drawn today.
func (tx *Tx) applyPaymentOp(op *model.Operation) (model.OpResult, error) {
	if err := tx.who.Check(op.GroupID, model.PermBillingPay); err != nil {
		return model.OpResult{}, err
	}
	if op.Action != model.ActionCreate {
		return model.OpResult{}, model.Errorf(model.EINVALID, "A payment is made once; ask the carrier to change or cancel it.")
	}
	var p model.Payment
	if err := decodeStrict(op.Payload, &p); err != nil {
		return model.OpResult{}, err
	}
	if p.ID != op.EntityID || p.ID != op.ID || p.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EINVALID, "A payment is sent under an operation with its own ID, for its own group.")
	}
	if current, err := paymentIn(tx.ctx, tx, p.ID); err == nil {
		current.Bank = current.Bank.Masked()
		if conflict, ok := versionConflict(op, true, current.Version, current); ok {
			return conflict, nil
		}
	}
	today := model.DateOf(tx.now)
	if p.On.Before(today) {
		p.On = today
	}
	if err := tx.checkPayment(&p, today); err != nil {
		return model.OpResult{}, model.Errorf(model.ErrorCode(err), "The account service cannot take the payment: %s", model.ErrorMessage(err))
	}
	p.Status, p.Autopay, p.Confirmation = model.PaymentScheduled, false, model.ConfirmationNumber(p.ID, today)
	p.SubmittedBy, p.SubmittedAt, p.ProcessedOn, p.ReturnedOn, p.Reason = tx.who.Name, tx.now, model.Date{}, model.Date{}, ""
	if err := tx.writePayment(&p, nil, paymentSummary(&p, "scheduled")); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, p.Version), nil
}

// applyBillingAccountOp takes a group's change to its billing account:
// only the bill's delivery and automatic payments are the group's; the
// carrier records the delivery choice on the group itself, so it stops or
// resumes mailing.
func (tx *Tx) applyBillingAccountOp(op *model.Operation) (model.OpResult, error) {
	if err := tx.who.Check(op.GroupID, model.PermBillingPay); err != nil {
		return model.OpResult{}, err
	}
	var sent model.BillingAccount
	if err := decodeStrict(op.Payload, &sent); err != nil {
		return model.OpResult{}, err
	}
	if sent.ID != op.EntityID || sent.ID != model.BillingAccountID(op.GroupID) || sent.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EINVALID, "The billing account in the operation does not match its group.")
	}
	current, err := billingAccountIn(tx.ctx, tx, op.GroupID)
	if err != nil {
		return model.OpResult{}, err
	}
	if conflict, ok := versionConflict(op, current.Version > 0, current.Version, current.Masked()); ok {
		return conflict, nil
	}
	next, summary, err := groupAccountChange(current, sent)
	if err != nil {
		return model.OpResult{}, err
	}
	var before *model.BillingAccount
	if current.Version > 0 {
		before = &current
	}
	if err := tx.writeBillingAccount(&next, before, summary); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, next.Version), tx.recordDelivery(&next)
}

// groupAccountChange is the account with the group's changes taken over.
func groupAccountChange(current, sent model.BillingAccount) (model.BillingAccount, string, error) {
	next := current
	summary := ""
	if sent.Delivery != current.Delivery {
		if sent.Delivery != model.DeliveryPaper && sent.Delivery != model.DeliveryOnline {
			return next, "", model.Errorf(model.EINVALID, "A bill is sent on paper or online, not %q.", sent.Delivery)
		}
		next.Delivery, summary = sent.Delivery, "Bill delivery: "+deliveryWords(sent.Delivery)
	}
	switch {
	case sent.Autopay == nil && current.Autopay != nil:
		next.Autopay, summary = nil, joinSummary(summary, "Automatic payments cancelled")
	case sent.Autopay != nil && (current.Autopay == nil || *sent.Autopay != *current.Autopay):
		if err := sent.Autopay.Bank.Validate(); err != nil {
			return next, "", err
		}
		if err := current.CheckBankPayment(); err != nil {
			return next, "", err
		}
		ap := *sent.Autopay
		next.Autopay, summary = &ap, joinSummary(summary, "Automatic payments from "+ap.Bank.Masked().Describe())
	}
	if summary == "" {
		return next, "", model.Errorf(model.EINVALID, "Nothing the group may change is different.")
	}
	return next, summary, nil
}

func joinSummary(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// recordDelivery keeps the group's own record of its bill delivery and
// autopay in step with its billing account.
func (tx *Tx) recordDelivery(a *model.BillingAccount) error {
	g, err := tx.groupForUpdate(a.GroupID)
	if err != nil {
		return err
	}
	if g.Delivery == a.Delivery && g.Autopay == (a.Autopay != nil) {
		return nil
	}
	before := g
	g.Delivery, g.Autopay = a.Delivery, a.Autopay != nil
	g.Version++
	if err := tx.writeGroup(&g, false); err != nil {
		return err
	}
	return tx.record(change{groupID: g.ID, entity: model.EntityGroup, entityID: g.ID, action: model.ActionUpdate,
		before: before, after: &g, baseVersion: before.Version, summary: "Bill delivery " + deliveryWords(g.Delivery) + autopayWords(g.Autopay)})
}

func autopayWords(on bool) string {
	if on {
		return ", automatic payments on"
	}
	return ", automatic payments off"
}
