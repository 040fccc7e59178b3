package sqlite

import (
	"context"
	"fmt"
	"slices"

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
	// PaymentsOnly draws payments and moves invoices on without issuing
	// new ones.
	PaymentsOnly bool
	// rosters keeps each group's roster across the days of a catch-up.
	rosters map[string]*rosterCache
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
	if err := scanGroup(db.read.QueryRowContext(ctx, `SELECT `+groupCols+` FROM groups g WHERE g.id = ?`, groupID), &g); err != nil {
		return err
	}
	rule := model.BillingRuleFor(rules, "", g.Address.State)
	acct, err := billingAccountIn(ctx, db.read, groupID)
	if err == nil && acct.Version == 0 {
		err = db.jobUpdate(ctx, func(tx *Tx) error {
			var err error
			acct, err = tx.ensureAccount(&g, rule.PeriodIssuedOn(today))
			return err
		})
	}
	if err != nil {
		return err
	}
	if err := db.draftAutopay(ctx, &g, &acct, today, rep); err != nil {
		return err
	}
	if acct.Cancelled == nil && !opts.PaymentsOnly {
		if err := db.issueDue(ctx, &g, &acct, rule, today, opts, rep); err != nil {
			return err
		}
	}
	if settled, err := db.settled(ctx, &g, &acct, rule, today); err != nil || settled {
		return err
	}
	return db.jobUpdate(ctx, func(tx *Tx) error { return tx.settleGroup(&g, rule, today, rep) })
}

// settled reports whether the group's invoices stand as they should on
// the day, read without a write transaction (most days nothing moves).
func (db *DB) settled(ctx context.Context, g *model.Group, acct *model.BillingAccount, rule model.BillingRule, today model.Date) (bool, error) {
	for _, unit := range model.BillingUnits(g) {
		invs, pays, err := streamOf(ctx, db.read, g.ID, unit)
		if err != nil {
			return false, err
		}
		st := model.StreamStanding(invs, pays, today, rule, acct.Cancelled)
		if st.Cancelled != acct.Cancelled || slices.Contains(st.Changed, true) {
			return false, nil
		}
	}
	return true, nil
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
				if byUnit, err = db.rosterByUnit(ctx, g, acct, opts); err != nil {
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

// rosterByUnit is the group's roster by billing unit.
func (db *DB) rosterByUnit(ctx context.Context, g *model.Group, acct *model.BillingAccount, opts *BillingOptions) (map[string][][]model.Member, error) {
	var fams [][]model.Member
	if c := opts.rosters[g.ID]; c != nil {
		fams = c.fams
	} else {
		var err error
		if fams, err = groupFamilies(ctx, db.read, g.ID); err != nil {
			return nil, err
		}
		if opts.rosters != nil {
			opts.rosters[g.ID] = newRosterCache(fams)
		}
	}
	out := map[string][][]model.Member{}
	for _, fam := range fams {
		unit := acct.UnitOf(g, fam[0].Employment.Department)
		out[unit] = append(out[unit], fam)
	}
	return out, nil
}

// rosterCache is a group's roster kept across the days of a catch-up, and
// changed as the catch-up changes members.
type rosterCache struct {
	fams [][]model.Member
	at   map[string]int // subscriber ID → family
}

func newRosterCache(fams [][]model.Member) *rosterCache {
	c := &rosterCache{fams: fams, at: make(map[string]int, len(fams))}
	for i, fam := range fams {
		c.at[fam[0].ID] = i
	}
	return c
}

// put adds or replaces a member.
func (c *rosterCache) put(m model.Member) {
	sub := m.SubscriberID
	if sub == "" {
		sub = m.ID
	}
	i, ok := c.at[sub]
	if !ok {
		c.at[sub] = len(c.fams)
		c.fams = append(c.fams, []model.Member{m})
		return
	}
	fam := append([]model.Member(nil), c.fams[i]...) // families handed out stay as they were
	for k := range fam {
		if fam[k].ID == m.ID {
			fam[k] = m
			c.fams[i] = fam
			return
		}
	}
	c.fams[i] = append(fam, m)
}
