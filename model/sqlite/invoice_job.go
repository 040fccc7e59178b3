package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// BillingReport says what a run of the billing job did.
type BillingReport struct {
	Issued   []string
	Autopay  []string
	Moved    []string // status changes: past due, grace notices, cancellations
	Problems []string
	// Drawn are the payments drawn on the day, with their full bank
	// accounts: the day's debits, for the NACHA file.
	Drawn []model.Payment
}

// BillingOptions adjust a run of the billing job.
type BillingOptions struct {
	// View, when set, is a family as the carrier knew it on a day (the
	// demo book, whose changes reach the carrier late); nil for a family
	// unknown then.
	View func(fam []model.Member, on model.Date) []model.Member
	// rosters keeps each group's roster across the days of a catch-up.
	rosters map[string][][]model.Member
}

// RunBilling is the account service's billing job for a day (the clock is
// the caller's): it draws the payments scheduled for the day and the
// automatic payments of the invoices due, issues each billing unit's
// invoices whose issue day has come, and moves every invoice on (paid,
// past due, into the grace period with its notice, cancelled for
// non-payment). Each step is its own transaction, and a second run on the
// same day finds nothing left to do.
func (db *DB) RunBilling(ctx context.Context, today model.Date, opts *BillingOptions) (BillingReport, error) {
	var rep BillingReport
	if who := model.PrincipalFrom(ctx); who == nil || !who.System {
		return rep, model.Errorf(model.EFORBIDDEN, "Only the account service runs the billing job.")
	}
	if opts == nil {
		opts = &BillingOptions{}
	}
	rules, err := readBillingRules(ctx, db.read)
	if err != nil {
		return rep, err
	}
	if err := db.drawScheduled(ctx, today, &rep); err != nil {
		return rep, err
	}
	groups, err := db.groupIDs(ctx)
	if err != nil {
		return rep, err
	}
	for _, id := range groups {
		if err := db.billGroup(ctx, id, today, rules, opts, &rep); err != nil {
			return rep, fmt.Errorf("billing group %s: %w", id, err)
		}
	}
	rep.Drawn, err = paymentsWhere(ctx, db.read, `processed_on = ? ORDER BY group_id, id`, today.String())
	return rep, err
}

// billGroup runs the job for one group.
func (db *DB) billGroup(ctx context.Context, groupID string, today model.Date, rules []model.BillingRule, opts *BillingOptions, rep *BillingReport) error {
	var g model.Group
	var acct model.BillingAccount
	err := db.jobUpdate(ctx, func(tx *Tx) error {
		var err error
		if g, err = tx.groupForUpdate(groupID); err != nil {
			return err
		}
		acct, err = tx.ensureAccount(&g, model.BillingRuleFor(rules, "", g.Address.State).PeriodIssuedOn(today))
		return err
	})
	if err != nil {
		return err
	}
	rule := model.BillingRuleFor(rules, "", g.Address.State)
	if err := db.draftAutopay(ctx, &g, &acct, today, rep); err != nil {
		return err
	}
	if acct.Cancelled == nil {
		if err := db.issueDue(ctx, &g, &acct, rule, today, opts, rep); err != nil {
			return err
		}
	}
	return db.jobUpdate(ctx, func(tx *Tx) error { return tx.settleGroup(&g, rule, today, rep) })
}

// ensureAccount returns the group's billing account, opening one (billed
// from the month given) the first time.
func (tx *Tx) ensureAccount(g *model.Group, since model.Period) (model.BillingAccount, error) {
	a, err := billingAccountIn(tx.ctx, tx, g.ID)
	if err != nil || a.Version > 0 {
		return a, err
	}
	a.Since = since
	return a, tx.writeBillingAccount(&a, nil, fmt.Sprintf("Billing account opened: invoices from %s, bill %s", since.Label(), deliveryWords(a.Delivery)))
}

// issueDue issues every invoice of the group whose issue day has come
// since the last one, each unit in turn, each invoice its own transaction.
func (db *DB) issueDue(ctx context.Context, g *model.Group, acct *model.BillingAccount, rule model.BillingRule, today model.Date, opts *BillingOptions, rep *BillingReport) error {
	last := rule.PeriodIssuedOn(today)
	var byUnit map[string][][]model.Member
	for _, unit := range model.BillingUnits(g) {
		next, err := db.nextToIssue(ctx, g.ID, unit, acct.Since)
		if err != nil {
			return err
		}
		for ; !next.After(last); next = next.Add(1) {
			if byUnit == nil {
				if byUnit, err = db.rosterByUnit(ctx, g, acct, today, opts); err != nil {
					return err
				}
			}
			if err := db.issueOne(ctx, g, unit, next, rule, byUnit[unit], rep); err != nil {
				return err
			}
		}
	}
	return nil
}

func (db *DB) issueOne(ctx context.Context, g *model.Group, unit string, p model.Period, rule model.BillingRule, fams [][]model.Member, rep *BillingReport) error {
	return db.jobUpdate(ctx, func(tx *Tx) error {
		inv, err := tx.issueInvoice(g, unit, p, rule, fams)
		if err != nil || inv == nil {
			return err
		}
		rep.Issued = append(rep.Issued, issuedLine(g, inv))
		for _, prob := range inv.Problems {
			rep.Problems = append(rep.Problems, g.Name+": "+prob)
		}
		return nil
	})
}

func issuedLine(g *model.Group, inv *model.Invoice) string {
	s := fmt.Sprintf("%s: invoice %s for %s, %s due %s", g.Name, inv.Number, inv.Period.Label(), inv.AmountDue, inv.DueOn.US())
	if inv.RetroCount > 0 {
		s += fmt.Sprintf(" (%d retroactive lines, %s)", inv.RetroCount, model.SignedMoney(inv.RetroTotal))
	}
	return s
}

// nextToIssue is the month after a unit's last invoice, or the account's
// first billed month.
func (db *DB) nextToIssue(ctx context.Context, groupID, unit string, since model.Period) (model.Period, error) {
	var last string
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(period), '') FROM invoices WHERE group_id = ? AND unit = ?`,
		groupID, unit).Scan(&last); err != nil {
		return since, err
	}
	if last == "" {
		return since, nil
	}
	p, err := model.ParsePeriod(last)
	return p.Add(1), err
}

// rosterByUnit is the group's roster as the carrier knows it on the day,
// by billing unit.
func (db *DB) rosterByUnit(ctx context.Context, g *model.Group, acct *model.BillingAccount, today model.Date, opts *BillingOptions) (map[string][][]model.Member, error) {
	fams, ok := opts.rosters[g.ID]
	if !ok {
		var err error
		if fams, err = groupFamilies(ctx, db.read, g.ID); err != nil {
			return nil, err
		}
		if opts.rosters != nil {
			opts.rosters[g.ID] = fams
		}
	}
	out := map[string][][]model.Member{}
	for _, fam := range fams {
		if opts.View != nil {
			if fam = opts.View(fam, today); len(fam) == 0 {
				continue
			}
		}
		unit := acct.UnitOf(g, fam[0].Employment.Department)
		out[unit] = append(out[unit], fam)
	}
	return out, nil
}
