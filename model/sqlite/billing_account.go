package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// BillingAccount returns a group's billing account: the carrier's copy
// once synced, or a new one (electronic bill, no autopay) before that.
func (db *DB) BillingAccount(ctx context.Context, groupID string) (model.BillingAccount, error) {
	if err := checkPerm(ctx, groupID, model.PermBillingView); err != nil {
		return model.BillingAccount{}, err
	}
	return billingAccountIn(ctx, db.read, groupID)
}

func billingAccountIn(ctx context.Context, q querier, groupID string) (model.BillingAccount, error) {
	var a model.BillingAccount
	var data string
	var version int64
	err := q.QueryRowContext(ctx, `SELECT data, version FROM billing_accounts WHERE group_id = ?`, groupID).Scan(&data, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return newBillingAccount(ctx, q, groupID)
	}
	if err != nil {
		return a, fmt.Errorf("reading the billing account: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &a); err != nil {
		return a, fmt.Errorf("reading the billing account: %w", err)
	}
	a.Version = version
	return a, nil
}

// newBillingAccount is the account of a group that has none yet, from the
// group's own delivery choice (version 0: not stored).
func newBillingAccount(ctx context.Context, q querier, groupID string) (model.BillingAccount, error) {
	var delivery string
	err := q.QueryRowContext(ctx, `SELECT delivery FROM groups WHERE id = ?`, groupID).Scan(&delivery)
	if errors.Is(err, sql.ErrNoRows) {
		return model.BillingAccount{}, model.Errorf(model.ENOTFOUND, "There is no group %s.", groupID)
	}
	return model.BillingAccount{ID: model.BillingAccountID(groupID), GroupID: groupID, Delivery: model.BillingDelivery(delivery)}, err
}

// storeBillingAccount writes the account as given and records the change
// with the autopay account number masked.
func (tx *Tx) storeBillingAccount(a *model.BillingAccount, before *model.BillingAccount, summary string) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO billing_accounts (id, group_id, data, version, updated_at) VALUES (?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET data=excluded.data, version=excluded.version, updated_at=excluded.updated_at`,
		a.ID, a.GroupID, string(data), a.Version, timeText(a.UpdatedAt)); err != nil {
		return fmt.Errorf("saving the billing account: %w", err)
	}
	return tx.record(accountChange(a, before, summary))
}

func accountChange(a *model.BillingAccount, before *model.BillingAccount, summary string) change {
	after := a.Masked()
	c := change{groupID: a.GroupID, entity: model.EntityBillingAccount, entityID: a.ID, action: model.ActionCreate, after: &after, summary: summary}
	if before != nil && before.Version > 0 {
		b := before.Masked()
		c.action, c.before, c.baseVersion = model.ActionUpdate, &b, before.Version
	}
	return c
}

// writeBillingAccount stores an account changed here, its version one up.
func (tx *Tx) writeBillingAccount(a *model.BillingAccount, before *model.BillingAccount, summary string) error {
	a.Version, a.UpdatedAt = 1, tx.now
	if before != nil {
		a.Version = before.Version + 1
	}
	return tx.storeBillingAccount(a, before, summary)
}

// SetAutopay sets up, changes (a) or cancels (nil) automatic payments.
// The bank account is checked before anything is queued; the full
// account number travels only in the operation that sends it.
func (db *DB) SetAutopay(ctx context.Context, groupID string, ap *model.Autopay) error {
	if ap != nil {
		if err := ap.Bank.Validate(); err != nil {
			return err
		}
	}
	return db.changeAccount(ctx, groupID, func(a *model.BillingAccount, today model.Date, by string) (string, error) {
		if ap == nil {
			if a.Autopay == nil {
				return "", model.Errorf(model.EINVALID, "Automatic payments are not set up.")
			}
			a.Autopay = nil
			return "Automatic payments cancelled", nil
		}
		if err := a.CheckBankPayment(); err != nil {
			return "", err
		}
		verb := "set up"
		if a.Autopay != nil {
			verb = "changed"
		}
		a.Autopay = &model.Autopay{Bank: ap.Bank, Since: today, By: by}
		return fmt.Sprintf("Automatic payments %s: %s, each invoice's balance on its due date", verb, ap.Bank.Masked().Describe()), nil
	})
}

// SetDelivery chooses a paper bill or an electronic one. The carrier's
// side records it and stops or resumes mailing.
func (db *DB) SetDelivery(ctx context.Context, groupID string, d model.BillingDelivery) error {
	if d != model.DeliveryPaper && d != model.DeliveryOnline {
		return model.Errorf(model.EINVALID, "A bill is sent on paper or online, not %q.", d)
	}
	return db.changeAccount(ctx, groupID, func(a *model.BillingAccount, _ model.Date, _ string) (string, error) {
		if a.Delivery == d {
			return "", model.Errorf(model.EINVALID, "The bill is already %s.", deliveryWords(d))
		}
		a.Delivery = d
		return "Bill delivery: " + deliveryWords(d), nil
	})
}

func deliveryWords(d model.BillingDelivery) string {
	if d == model.DeliveryPaper {
		return "mailed on paper (and online)"
	}
	return "online only"
}

// changeAccount runs a change of the group's to its billing account and
// queues it; the bank account goes in the operation, masked everywhere
// else.
func (db *DB) changeAccount(ctx context.Context, groupID string, fn func(a *model.BillingAccount, today model.Date, by string) (string, error)) error {
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(groupID, model.PermBillingPay); err != nil {
			return err
		}
		before, err := billingAccountIn(tx.ctx, tx, groupID)
		if err != nil {
			return err
		}
		a := before
		summary, err := fn(&a, model.DateOf(tx.now), tx.who.Name)
		if err != nil {
			return err
		}
		a.Version, a.UpdatedAt = before.Version+1, tx.now
		local := a.Masked()
		if _, err := tx.exec(`INSERT INTO billing_accounts (id, group_id, data, version, updated_at) VALUES (?,?,?,?,?)
			ON CONFLICT (id) DO UPDATE SET data=excluded.data, version=excluded.version, updated_at=excluded.updated_at`,
			a.ID, a.GroupID, mustJSON(local), a.Version, timeText(tx.now)); err != nil {
			return err
		}
		return tx.recordSecret(accountChange(&a, &before, summary), newID(), &a)
	})
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// recordSecret records a change whose entity carries a bank account: the
// audit log keeps the masked image (it is never rewritten), the outbox
// operation (under the given ID) the full one, until it is sent.
func (tx *Tx) recordSecret(c change, opID string, full any) error {
	if tx.db.server || tx.remote {
		return tx.record(c)
	}
	before, err := marshalOrNil(c.before)
	if err != nil {
		return err
	}
	after, err := marshalOrNil(c.after)
	if err != nil {
		return err
	}
	seq, err := tx.audit(c, before, after)
	if err != nil {
		return fmt.Errorf("writing the audit entry: %w", err)
	}
	_, err = tx.exec(`INSERT INTO outbox (id, group_id, entity, entity_id, action, base_version, payload, audit_seq, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, opID, c.groupID, c.entity, c.entityID, string(c.action), c.baseVersion, mustJSON(full), seq, tx.stamp())
	if err != nil {
		return fmt.Errorf("queuing the change for sync: %w", err)
	}
	return nil
}
