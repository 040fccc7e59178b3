package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// BillingScript is what a demo book's groups did about their bills (the
// demo package writes one): their billing set-up, when each paid each
// invoice, which payment came back, and the changes to the roster that
// reached the carrier late, by the day they did.
type BillingScript interface {
	Today() model.Date
	First(rule model.BillingRule) model.Period
	Account(g model.Group) model.BillingAccount
	Payment(g model.Group, inv model.Invoice) (model.Payment, bool)
	Return(p model.Payment) (model.Date, bool)
	Reports() map[model.Date][]model.Member
}

// SeedBilling plays a script out on a freshly loaded book: it opens the
// groups' billing accounts and, on every day something happens (invoices
// issued, due and past due, the script's payments, returns and late
// changes to the roster) from the first month billed up to the script's
// today, makes the day's changes and runs the billing job, with the
// clock at that day, as the account service would have: the book has two
// years of invoices and payments, and a history that explains them.
func (db *DB) SeedBilling(ctx context.Context, sc BillingScript) (BillingReport, error) {
	return db.SeedBillingProgress(ctx, sc, nil)
}

// SeedBillingProgress is SeedBilling telling progress, when not nil, of
// the days played so far and the days in all.
func (db *DB) SeedBillingProgress(ctx context.Context, sc BillingScript, progress func(done, total int)) (BillingReport, error) {
	var all BillingReport
	clock := db.Now
	defer func() { db.Now = clock }()
	rules, err := readBillingRules(ctx, db.read)
	if err != nil {
		return all, err
	}
	from, err := db.openAccounts(ctx, sc, rules)
	if err != nil {
		return all, err
	}
	opts := &BillingOptions{rosters: map[string]*rosterCache{}}
	ev := &seedEvents{days: map[model.Date]bool{}, returns: map[model.Date][]string{}}
	reports := sc.Reports()
	days := from.DaysUntil(sc.Today()) + 1
	for day := from; !day.After(sc.Today()); day = day.AddDays(1) {
		if progress != nil {
			progress(from.DaysUntil(day), days)
		}
		at := day.Time().Add(6 * time.Hour)
		db.Now = func() time.Time { return at }
		if err := db.report(ctx, reports[day], opts); err != nil {
			return all, err
		}
		if !billingDay(day, rules) && !ev.days[day] && day != sc.Today() {
			continue
		}
		rep, err := db.RunBilling(ctx, day, opts)
		if err != nil {
			return all, fmt.Errorf("the billing job of %s: %w", day, err)
		}
		all.Issued, all.Problems = append(all.Issued, rep.Issued...), append(all.Problems, rep.Problems...)
		if err := db.playDay(ctx, sc, day, ev); err != nil {
			return all, err
		}
	}
	return all, nil
}

// openAccounts opens each group's account as scripted, billed from the
// script's first month; it returns the first issue day.
func (db *DB) openAccounts(ctx context.Context, sc BillingScript, rules []model.BillingRule) (model.Date, error) {
	ids, err := db.groupIDs(ctx)
	if err != nil {
		return model.Date{}, err
	}
	from := sc.Today()
	for _, id := range ids {
		err := db.jobUpdate(ctx, func(tx *Tx) error {
			g, err := tx.groupForUpdate(id)
			if err != nil {
				return err
			}
			rule := model.BillingRuleFor(rules, "", g.Address.State)
			a := sc.Account(g)
			a.Since = sc.First(rule)
			if d := rule.IssueDate(a.Since); d.Before(from) {
				from = d
			}
			if a.Autopay != nil {
				a.Autopay.Since = rule.IssueDate(a.Since)
			}
			before, err := billingAccountIn(tx.ctx, tx, id)
			if err != nil || before.Version > 0 {
				return err
			}
			return tx.writeBillingAccount(&a, nil, fmt.Sprintf("Billing account opened: invoices from %s", a.Since.Label()))
		})
		if err != nil {
			return from, err
		}
	}
	return from, nil
}

// billingDay reports whether invoices are issued, due or past due on a day
// under some rule.
func billingDay(day model.Date, rules []model.BillingRule) bool {
	for _, r := range append(rules, model.DefaultBillingRule) {
		if day.Day == r.IssueDay || day.Day == r.DueDay || day.Day == r.DueDay+1 {
			return true
		}
	}
	return false
}

// seedEvents are the days the script needs the job to run on (payments
// to draw) and the payments to return, by day.
type seedEvents struct {
	days    map[model.Date]bool
	returns map[model.Date][]string
}

// playDay has the groups pay the invoices issued on the day (each payment
// drawn by the job on its date) and returns the payments scripted to come
// back that day.
func (db *DB) playDay(ctx context.Context, sc BillingScript, day model.Date, ev *seedEvents) error {
	issued, err := invoicesWhere(ctx, db.read, `issued_on = ? ORDER BY group_id, unit`, day.String())
	if err != nil {
		return err
	}
	for i := range issued {
		if err := db.scriptPayment(ctx, sc, &issued[i], ev); err != nil {
			return err
		}
	}
	for _, id := range ev.returns[day] {
		if _, err := db.ReturnPayment(ctx, id, day, ""); err != nil {
			return fmt.Errorf("returning payment %s: %w", id, err)
		}
	}
	return nil
}

// scriptPayment records the group's payment of an invoice, scheduled for
// its day (those dated after today stay scheduled).
func (db *DB) scriptPayment(ctx context.Context, sc BillingScript, inv *model.Invoice, ev *seedEvents) error {
	g, err := db.Group(ctx, inv.GroupID)
	if err != nil {
		return err
	}
	p, ok := sc.Payment(g, *inv)
	if !ok {
		return nil
	}
	if err := db.RecordPayment(ctx, &p); err != nil {
		return fmt.Errorf("the demo payment of %s: %w", inv.Number, err)
	}
	ev.days[p.On] = true
	p.ProcessedOn = p.On
	if back, ok := sc.Return(p); ok && !back.After(sc.Today()) {
		ev.days[back] = true
		ev.returns[back] = append(ev.returns[back], p.ID)
	}
	return nil
}

// report writes the late news of a day: members enrolled (created) or
// whose coverage ended (updated), audited on that day, and in the rosters
// the catch-up keeps.
func (db *DB) report(ctx context.Context, ms []model.Member, opts *BillingOptions) error {
	if len(ms) == 0 {
		return nil
	}
	return db.jobUpdate(ctx, func(tx *Tx) error {
		for i := range ms {
			m := ms[i]
			if err := tx.reportMember(&m); err != nil {
				return fmt.Errorf("reporting %s: %w", m.FullName(), err)
			}
			if c := opts.rosters[m.GroupID]; c != nil {
				c.put(m)
			}
		}
		return nil
	})
}

func (tx *Tx) reportMember(m *model.Member) error {
	m.UpdatedAt = tx.now
	current, err := tx.memberForUpdate(m.ID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		m.Version = 1
		if err := tx.writeMember(m, true); err != nil {
			return err
		}
		return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate, after: m,
			summary: fmt.Sprintf("%s enrolled (%s), covered from %s", m.FullName(), m.Relationship.Label(), m.Effective.US())})
	}
	if err != nil {
		return err
	}
	m.Version = current.Version + 1
	if err := tx.writeMember(m, false); err != nil {
		return err
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionUpdate, before: &current,
		after: m, baseVersion: current.Version, summary: fmt.Sprintf("%s's coverage ends on %s (%s)", m.FullName(), m.Termination, m.TermReason)})
}
