package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// issueInvoice makes a billing unit's invoice for a month, once: a second
// run finds it made. fams is the unit's roster as the carrier knows it.
func (tx *Tx) issueInvoice(g *model.Group, unit string, p model.Period, rule model.BillingRule, fams [][]model.Member) (*model.Invoice, error) {
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM invoices WHERE group_id = ? AND unit = ? AND period = ?`,
		g.ID, unit, p.String()).Scan(&n); err != nil || n > 0 {
		return nil, err
	}
	in, fps, err := tx.invoiceInput(g, unit, p, rule, fams)
	if err != nil {
		return nil, err
	}
	d := model.BuildInvoice(in)
	if err := tx.writeInvoice(&d.Invoice, nil, invoiceSummary(&d.Invoice)); err != nil {
		return nil, err
	}
	return &d.Invoice, tx.saveSnapshots(g.ID, unit, &d, fps)
}

// invoiceInput reads what a month's invoice is made from: the plans, the
// unit's last invoice and the payments since, the months retroactive
// lines may reach, and the snapshots of the families that changed since
// they were billed (by their roster's digest) or may be waiting for a plan
// change. It returns each family's digest too.
func (tx *Tx) invoiceInput(g *model.Group, unit string, p model.Period, rule model.BillingRule, fams [][]model.Member) (model.InvoiceInput, map[string]uint64, error) {
	in := model.InvoiceInput{ID: newID(), Number: model.InvoiceNumber(g, unit, p), Group: *g, Unit: unit, Period: p, Rule: rule,
		Families: fams, Changed: map[string]bool{}, Known: map[string]*model.BillingSnapshot{}, At: tx.now}
	var err error
	if in.Plans, err = planMap(tx.ctx, tx); err != nil {
		return in, nil, err
	}
	if err := tx.statementInput(&in); err != nil {
		return in, nil, err
	}
	stored, err := tx.fingerprints(g.ID, unit)
	if err != nil {
		return in, nil, err
	}
	fps := make(map[string]uint64, len(fams))
	var need []string
	for _, fam := range fams {
		sub := fam[0].ID
		fps[sub] = model.Fingerprint(fam)
		old, billed := stored[sub]
		in.Changed[sub] = !billed || old != fps[sub]
		if billed && (in.Changed[sub] || startsAfter(fam, p)) {
			need = append(need, sub)
		}
		delete(stored, sub)
	}
	for sub := range stored {
		need = append(need, sub) // billed before, gone from the roster
	}
	known, err := tx.snapshots(need)
	if err != nil {
		return in, nil, err
	}
	for sub, s := range known {
		if _, gone := stored[sub]; gone {
			in.Gone = append(in.Gone, s)
			continue
		}
		in.Known[sub] = s
	}
	return in, fps, nil
}

// startsAfter reports whether a member's coverage starts after the first
// of the month: a plan change may be waiting, and the snapshot holds the
// plan until then.
func startsAfter(fam []model.Member, p model.Period) bool {
	for i := range fam {
		if fam[i].Effective.After(p.First()) && fam[i].Status != model.StatusTerminated {
			return true
		}
	}
	return false
}

// statementInput reads the unit's last invoice, the payments drawn and
// returned since it was issued, and the months billed that retroactive
// lines may correct.
func (tx *Tx) statementInput(in *model.InvoiceInput) error {
	invs, pays, err := streamOf(tx.ctx, tx, in.Group.ID, in.Unit)
	if err != nil {
		return err
	}
	issued := in.Rule.IssueDate(in.Period)
	var since model.Date
	for i := range invs {
		if !invs[i].Period.Before(in.Period) {
			continue
		}
		in.Previous, since = &invs[i], invs[i].IssuedOn
		if in.Period.Add(-model.RetroMonths).Compare(invs[i].Period) <= 0 {
			in.Window = append(in.Window, invs[i].Period)
		}
	}
	for _, pay := range pays {
		if d := pay.ProcessedOn; !d.IsZero() && d.After(since) && !d.After(issued) {
			in.Received += pay.Amount
		}
		if d := pay.ReturnedOn; !d.IsZero() && d.After(since) && !d.After(issued) {
			in.Returned += pay.Amount
		}
	}
	return nil
}

// fingerprints reads the digest of each family of a unit as last billed.
func (tx *Tx) fingerprints(groupID, unit string) (map[string]uint64, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT subscriber_id, fingerprint FROM billing_snapshots WHERE group_id = ? AND unit = ?`, groupID, unit)
	if err != nil {
		return nil, fmt.Errorf("reading what was billed: %w", err)
	}
	defer rows.Close()
	out := map[string]uint64{}
	for rows.Next() {
		var sub string
		var fp int64
		if err := rows.Scan(&sub, &fp); err != nil {
			return nil, err
		}
		out[sub] = uint64(fp)
	}
	return out, rows.Err()
}

// snapshots reads the snapshots of the given families.
func (tx *Tx) snapshots(subs []string) (map[string]*model.BillingSnapshot, error) {
	out := make(map[string]*model.BillingSnapshot, len(subs))
	for len(subs) > 0 {
		n := min(len(subs), 500)
		args := make([]any, n)
		for i := range args {
			args[i] = subs[i]
		}
		rows, err := tx.QueryContext(tx.ctx, `SELECT data FROM billing_snapshots WHERE subscriber_id IN (?`+strings.Repeat(",?", n-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		if err := scanSnapshots(rows, out); err != nil {
			return nil, err
		}
		subs = subs[n:]
	}
	return out, nil
}

func scanSnapshots(rows *sql.Rows, out map[string]*model.BillingSnapshot) error {
	defer rows.Close()
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return err
		}
		s := &model.BillingSnapshot{}
		if err := json.Unmarshal([]byte(data), s); err != nil {
			return fmt.Errorf("reading what was billed: %w", err)
		}
		out[s.SubscriberID] = s
	}
	return rows.Err()
}

// saveSnapshots keeps the families the invoice billed afresh, with their
// digests, and forgets those gone from the roster.
func (tx *Tx) saveSnapshots(groupID, unit string, d *model.InvoiceDraft, fps map[string]uint64) error {
	for i := range d.Snapshots {
		s := &d.Snapshots[i]
		if _, err := tx.exec(`INSERT INTO billing_snapshots (subscriber_id, group_id, unit, fingerprint, data) VALUES (?,?,?,?,?)
			ON CONFLICT (subscriber_id) DO UPDATE SET group_id=excluded.group_id, unit=excluded.unit, fingerprint=excluded.fingerprint,
			data=excluded.data`, s.SubscriberID, groupID, unit, int64(fps[s.SubscriberID]), mustJSON(s)); err != nil {
			return fmt.Errorf("keeping what was billed: %w", err)
		}
	}
	for _, sub := range d.Dropped {
		if _, err := tx.exec(`DELETE FROM billing_snapshots WHERE subscriber_id = ?`, sub); err != nil {
			return err
		}
	}
	return nil
}
