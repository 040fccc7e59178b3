package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.BillingService = (*DB)(nil)

// invoiceLines is how an invoice's lines are stored, beside its header.
type invoiceLines struct {
	Lines []model.InvoiceLine `json:"lines"`
	Retro []model.InvoiceLine `json:"retro"`
}

// Invoices lists a group's invoices from a month on, the newest first,
// units in order, without their lines.
func (db *DB) Invoices(ctx context.Context, groupID string, since model.Period) ([]model.Invoice, error) {
	if err := checkPerm(ctx, groupID, model.PermBillingView); err != nil {
		return nil, err
	}
	return invoicesWhere(ctx, db.read, `group_id = ? AND period >= ? ORDER BY period DESC, unit`, groupID, since.String())
}

// Invoice returns one invoice with the lines this database holds.
func (db *DB) Invoice(ctx context.Context, id string) (model.Invoice, error) {
	inv, err := invoiceIn(ctx, db.read, id, true)
	if err != nil {
		return inv, err
	}
	return inv, checkPerm(ctx, inv.GroupID, model.PermBillingView)
}

// invoicesWhere reads invoice headers by a condition on the table.
func invoicesWhere(ctx context.Context, q querier, where string, args ...any) ([]model.Invoice, error) {
	out, err := queryAll(ctx, q, scanInvoice, `SELECT data, version, status FROM invoices WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("reading invoices: %w", err)
	}
	return out, nil
}

// scanInvoice reads a header; its version is the column's (the service's,
// once pulled).
func scanInvoice(s scanner, inv *model.Invoice) error {
	var data string
	if err := s.Scan(&data, &inv.Version, &inv.Status); err != nil {
		return err
	}
	version, status := inv.Version, inv.Status
	if err := json.Unmarshal([]byte(data), inv); err != nil {
		return fmt.Errorf("reading an invoice: %w", err)
	}
	inv.Version, inv.Status = version, status
	return nil
}

// invoiceIn reads an invoice, with its lines when asked and held.
func invoiceIn(ctx context.Context, q querier, id string, withLines bool) (model.Invoice, error) {
	var inv model.Invoice
	var lines sql.NullString
	var data string
	err := q.QueryRowContext(ctx, `SELECT data, version, status, lines FROM invoices WHERE id = ?`, id).Scan(&data, &inv.Version, &inv.Status, &lines)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, model.Errorf(model.ENOTFOUND, "There is no invoice %s.", id)
	}
	if err != nil {
		return inv, err
	}
	version, status := inv.Version, inv.Status
	if err := json.Unmarshal([]byte(data), &inv); err != nil {
		return inv, fmt.Errorf("reading invoice %s: %w", id, err)
	}
	inv.Version, inv.Status = version, status
	if withLines && lines.Valid {
		var l invoiceLines
		if err := json.Unmarshal([]byte(lines.String), &l); err != nil {
			return inv, fmt.Errorf("reading the lines of invoice %s: %w", id, err)
		}
		inv.Lines, inv.Retro = l.Lines, l.Retro
	}
	return inv, nil
}

// storeInvoice writes an invoice (its lines too when it has them, else the
// lines held stay) and records the change: the header goes to the audit
// log and the change feed, the lines stay here.
func (tx *Tx) storeInvoice(inv *model.Invoice, before *model.Invoice, summary string) error {
	head := inv.Header()
	data, err := json.Marshal(head)
	if err != nil {
		return err
	}
	var lines any
	if inv.Lines != nil || inv.Retro != nil || inv.LineCount+inv.RetroCount == 0 {
		b, err := json.Marshal(invoiceLines{Lines: inv.Lines, Retro: inv.Retro})
		if err != nil {
			return err
		}
		lines = string(b)
	}
	_, err = tx.exec(`INSERT INTO invoices (id, group_id, unit, period, status, issued_on, due_on, data, lines, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET status=excluded.status, data=excluded.data,
		lines=coalesce(excluded.lines, invoices.lines), version=excluded.version, updated_at=excluded.updated_at`,
		inv.ID, inv.GroupID, inv.Unit, inv.Period.String(), string(inv.Status), inv.IssuedOn.String(), inv.DueOn.String(),
		string(data), lines, inv.Version, timeText(inv.UpdatedAt))
	if err != nil {
		return fmt.Errorf("saving invoice %s: %w", inv.Number, err)
	}
	c := change{groupID: inv.GroupID, entity: model.EntityInvoice, entityID: inv.ID, action: model.ActionCreate, after: head, summary: summary}
	if before != nil {
		b := before.Header()
		c.action, c.before, c.baseVersion = model.ActionUpdate, &b, before.Version
	}
	return tx.record(c)
}

// writeInvoice stores an invoice made or moved here, its version one up.
func (tx *Tx) writeInvoice(inv *model.Invoice, before *model.Invoice, summary string) error {
	inv.Version, inv.UpdatedAt = 1, tx.now
	if before != nil {
		inv.Version = before.Version + 1
	}
	return tx.storeInvoice(inv, before, summary)
}

// SaveInvoiceLines keeps the lines of an invoice fetched from the account
// service, so it can be read, exported and reconciled offline.
func (db *DB) SaveInvoiceLines(ctx context.Context, inv *model.Invoice) error {
	if err := checkPerm(ctx, inv.GroupID, model.PermBillingView); err != nil {
		return err
	}
	if !inv.HasLines() {
		return model.Errorf(model.EINVALID, "The invoice came without all its lines (%d of %d).", len(inv.Lines), inv.LineCount)
	}
	b, err := json.Marshal(invoiceLines{Lines: inv.Lines, Retro: inv.Retro})
	if err != nil {
		return err
	}
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		_, err := tx.exec(`UPDATE invoices SET lines = ? WHERE id = ? AND group_id = ?`, string(b), inv.ID, inv.GroupID)
		return err
	})
}

// invoiceSummary is the audit line of an invoice's latest state.
func invoiceSummary(inv *model.Invoice) string {
	s := fmt.Sprintf("Invoice %s for %s: %s due %s, %s", inv.Number, inv.Period.Label(), inv.AmountDue, inv.DueOn.US(), inv.Status.Label())
	if n := len(inv.History); n > 0 && inv.History[n-1].Note != "" {
		s += " — " + inv.History[n-1].Note
	}
	return s
}
