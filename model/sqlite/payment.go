package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// Payments lists a group's payments, the latest date first.
func (db *DB) Payments(ctx context.Context, groupID string) ([]model.Payment, error) {
	if err := checkPerm(ctx, groupID, model.PermBillingView); err != nil {
		return nil, err
	}
	pays, err := paymentsWhere(ctx, db.read, `group_id = ? ORDER BY pay_on DESC, id DESC`, groupID)
	for i := range pays {
		pays[i].Bank = pays[i].Bank.Masked()
	}
	return pays, err
}

func paymentsWhere(ctx context.Context, q querier, where string, args ...any) ([]model.Payment, error) {
	out, err := queryAll(ctx, q, scanPayment, `SELECT data, version, status FROM payments WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("reading payments: %w", err)
	}
	return out, nil
}

func scanPayment(s scanner, p *model.Payment) error {
	var data string
	var version int64
	var status model.PaymentStatus
	if err := s.Scan(&data, &version, &status); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(data), p); err != nil {
		return fmt.Errorf("reading a payment: %w", err)
	}
	p.Version, p.Status = version, status
	return nil
}

func paymentIn(ctx context.Context, q querier, id string) (model.Payment, error) {
	var p model.Payment
	err := scanPayment(q.QueryRowContext(ctx, `SELECT data, version, status FROM payments WHERE id = ?`, id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.Errorf(model.ENOTFOUND, "There is no payment %s.", id)
	}
	return p, err
}

// SchedulePayment checks a payment of an invoice and queues it for the
// account service, under an operation whose ID is the payment's own (made
// when the person opened the payment form): the same payment submitted
// again is taken once, here and on the service. A routing number that
// fails its checksum, an amount over what is owed, or bank payments the
// carrier has blocked are refused before anything is queued.
func (db *DB) SchedulePayment(ctx context.Context, p *model.Payment) error {
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(p.GroupID, model.PermBillingPay); err != nil {
			return err
		}
		if p.ID == "" {
			p.ID = newID()
		}
		if prev, err := paymentIn(tx.ctx, tx, p.ID); err == nil {
			*p = prev // submitted before: taken once
			return nil
		}
		if err := tx.checkPayment(p, model.DateOf(tx.now)); err != nil {
			return err
		}
		p.Status, p.SubmittedBy, p.SubmittedAt, p.Version, p.UpdatedAt = model.PaymentScheduled, tx.who.Name, tx.now, 1, tx.now
		if err := tx.writePaymentRow(p, p.Bank.Masked()); err != nil {
			return err
		}
		masked := *p
		masked.Bank = p.Bank.Masked()
		c := change{groupID: p.GroupID, entity: model.EntityPayment, entityID: p.ID, action: model.ActionCreate, after: &masked,
			summary: paymentSummary(&masked, "submitted")}
		return tx.recordSecret(c, p.ID, p)
	})
}

// checkPayment runs the checks of a payment before it is queued (on a
// desktop) or taken (on the service).
func (tx *Tx) checkPayment(p *model.Payment, today model.Date) error {
	if err := p.Check(today); err != nil {
		return err
	}
	inv, err := invoiceIn(tx.ctx, tx, p.InvoiceID, false)
	if err != nil {
		return err
	}
	if inv.GroupID != p.GroupID {
		return model.Errorf(model.EFORBIDDEN, "That invoice belongs to another group.")
	}
	p.Unit = inv.Unit
	acct, err := billingAccountIn(tx.ctx, tx, p.GroupID)
	if err != nil {
		return err
	}
	if err := acct.CheckBankPayment(); err != nil {
		return err
	}
	owed, err := tx.openBalance(p.GroupID, p.Unit, p.On)
	if err != nil {
		return err
	}
	if p.Amount > owed {
		return model.FieldError("amount", "%s is more than the %s still owed after the payments already scheduled", p.Amount, max(owed, 0))
	}
	return nil
}

// openBalance is what a billing unit owes, less the payments scheduled.
func (tx *Tx) openBalance(groupID, unit string, on model.Date) (model.Money, error) {
	invs, pays, err := streamOf(tx.ctx, tx, groupID, unit)
	if err != nil {
		return 0, err
	}
	return model.OpenBalance(invs, pays, on), nil
}

// streamOf reads a billing unit's invoices (oldest month first) and
// payments.
func streamOf(ctx context.Context, q querier, groupID, unit string) ([]model.Invoice, []model.Payment, error) {
	invs, err := invoicesWhere(ctx, q, `group_id = ? AND unit = ? ORDER BY period`, groupID, unit)
	if err != nil {
		return nil, nil, err
	}
	pays, err := paymentsWhere(ctx, q, `group_id = ? AND unit = ? ORDER BY pay_on, id`, groupID, unit)
	return invs, pays, err
}

// writePaymentRow writes a payment's row; data is what is kept of it
// (masked on a desktop).
func (tx *Tx) writePaymentRow(p *model.Payment, bank model.BankAccount) error {
	kept := *p
	kept.Bank = bank
	data, err := json.Marshal(&kept)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO payments (id, group_id, invoice_id, unit, status, pay_on, processed_on, data, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET status=excluded.status, pay_on=excluded.pay_on,
		processed_on=excluded.processed_on, data=excluded.data, version=excluded.version, updated_at=excluded.updated_at`,
		p.ID, p.GroupID, p.InvoiceID, p.Unit, string(p.Status), p.On.String(), p.ProcessedOn.String(), string(data), p.Version, timeText(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("saving the payment: %w", err)
	}
	return nil
}

// storePayment writes a payment as it is (the service keeps the full
// account number) and records it masked in the audit log and the feed.
func (tx *Tx) storePayment(p *model.Payment, before *model.Payment, summary string) error {
	bank := p.Bank
	if !tx.db.server {
		bank = bank.Masked()
	}
	if err := tx.writePaymentRow(p, bank); err != nil {
		return err
	}
	masked := *p
	masked.Bank = p.Bank.Masked()
	c := change{groupID: p.GroupID, entity: model.EntityPayment, entityID: p.ID, action: model.ActionCreate, after: &masked, summary: summary}
	if before != nil {
		b := *before
		b.Bank = before.Bank.Masked()
		c.action, c.before, c.baseVersion = model.ActionUpdate, &b, before.Version
	}
	return tx.record(c)
}

// writePayment stores a payment changed here, its version one up.
func (tx *Tx) writePayment(p *model.Payment, before *model.Payment, summary string) error {
	p.Version, p.UpdatedAt = 1, tx.now
	if before != nil {
		p.Version = before.Version + 1
	}
	return tx.storePayment(p, before, summary)
}

// paymentSummary is the audit line of a payment.
func paymentSummary(p *model.Payment, what string) string {
	s := fmt.Sprintf("Payment of %s from %s on %s %s", p.Amount, p.Bank.Masked().Describe(), p.On.US(), what)
	if p.Confirmation != "" {
		s += ", confirmation " + p.Confirmation
	}
	if p.Reason != "" {
		s += ": " + p.Reason
	}
	return s
}
