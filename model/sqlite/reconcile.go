package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// ReconcileInvoice compares an invoice line by line with the invoice
// GroupDesk expects from the roster and the rates, and the retroactive
// lines with the history of changes (the audit log). The invoice's lines
// must be here (fetched from the account service, or made here).
func (db *DB) ReconcileInvoice(ctx context.Context, invoiceID string) (model.DiscrepancyReport, error) {
	inv, err := db.Invoice(ctx, invoiceID)
	if err != nil {
		return model.DiscrepancyReport{}, err
	}
	if !inv.HasLines() {
		return model.DiscrepancyReport{}, model.Errorf(model.ENOTFOUND,
			"The lines of invoice %s are not on this computer yet: open the invoice while signed in to fetch them.", inv.Number)
	}
	in, err := db.reconcileInput(ctx, &inv)
	if err != nil {
		return model.DiscrepancyReport{}, err
	}
	return model.ReconcileInvoice(in), nil
}

// reconcileInput reads the unit's roster, its earlier invoices, the plans,
// and the history of the members whose lines look back.
func (db *DB) reconcileInput(ctx context.Context, inv *model.Invoice) (model.ReconcileInput, error) {
	in := model.ReconcileInput{Invoice: inv, At: db.Now()}
	var err error
	if in.Group, err = db.Group(ctx, inv.GroupID); err != nil {
		return in, err
	}
	acct, err := billingAccountIn(ctx, db.read, inv.GroupID)
	if err != nil {
		return in, err
	}
	fams, err := groupFamilies(ctx, db.read, inv.GroupID)
	if err != nil {
		return in, err
	}
	for _, fam := range fams {
		if acct.UnitOf(&in.Group, fam[0].Employment.Department) == inv.Unit {
			in.Families = append(in.Families, fam)
		}
	}
	if in.Plans, err = planMap(ctx, db.read); err != nil {
		return in, err
	}
	if in.Earlier, err = invoicesWhere(ctx, db.read, `group_id = ? AND unit = ? AND period < ? ORDER BY period`,
		inv.GroupID, inv.Unit, inv.Period.String()); err != nil {
		return in, err
	}
	in.History, err = db.memberHistory(ctx, historyWanted(in.Families, inv))
	return in, err
}

// historyWanted lists the members whose history the check reads: the
// families of the retroactive lines, and those whose coverage starts
// after the invoice's month began (a plan change may be waiting).
func historyWanted(fams [][]model.Member, inv *model.Invoice) []string {
	subs := map[string]bool{}
	for _, l := range inv.Retro {
		subs[l.SubscriberID] = true
	}
	var out []string
	for _, fam := range fams {
		if !subs[fam[0].ID] && !startsAfter(fam, inv.Period) {
			continue
		}
		for i := range fam {
			out = append(out, fam[i].ID)
		}
		delete(subs, fam[0].ID)
	}
	for _, l := range inv.Retro {
		if subs[l.SubscriberID] {
			out = append(out, l.MemberID) // a family no longer on the roster
		}
	}
	return out
}

// memberHistory reads the audit log's changes to the given members,
// oldest first.
func (db *DB) memberHistory(ctx context.Context, ids []string) (map[string][]model.MemberChange, error) {
	out := map[string][]model.MemberChange{}
	for _, id := range ids {
		rows, err := db.read.QueryContext(ctx, `SELECT at, coalesce(before, ''), coalesce(after, '') FROM audit
			WHERE entity_id = ? AND entity = ? ORDER BY seq`, id, model.EntityMember)
		if err != nil {
			return nil, fmt.Errorf("reading the history of %s: %w", id, err)
		}
		for rows.Next() {
			var c model.MemberChange
			var before, after string
			if err := rows.Scan(timeCol{&c.At}, &before, &after); err != nil {
				rows.Close()
				return nil, err
			}
			c.Before, c.After = memberImage(before), memberImage(after)
			out[id] = append(out[id], c)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func memberImage(data string) *model.Member {
	if data == "" {
		return nil
	}
	var m model.Member
	if json.Unmarshal([]byte(data), &m) != nil {
		return nil
	}
	return &m
}
