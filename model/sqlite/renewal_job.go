package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// RenewalReport says what a run of the renewal job did, one line a renewal.
type RenewalReport struct {
	Offered       []string
	AutoRenewed   []string
	MadeEffective []string
	// Waiting lists renewals past their date whose submission the carrier
	// has not decided on: they change nothing until it does.
	Waiting []string
	// Problems lists groups no offer could be made for, and why.
	Problems []string
}

// RunRenewals is the account service's renewal job for the day today (the
// clock is the caller's): it makes the offer of every group whose window
// has opened, auto-renews each renewal nothing was submitted for by its
// cutoff, and makes accepted and auto-renewed renewals effective on their
// date. Each renewal is one transaction, and a second run on the same day
// finds nothing left to do.
func (db *DB) RunRenewals(ctx context.Context, today model.Date) (RenewalReport, error) {
	var rep RenewalReport
	if who := model.PrincipalFrom(ctx); who == nil || !who.System {
		return rep, model.Errorf(model.EFORBIDDEN, "Only the account service runs the renewal job.")
	}
	groups, err := db.groupIDs(ctx)
	if err != nil {
		return rep, err
	}
	for _, id := range groups {
		if err := db.offerIfDue(ctx, id, today, &rep); err != nil {
			return rep, err
		}
	}
	open, err := db.renewalsIn(ctx, model.RenewalAvailable, model.RenewalDraft, model.RenewalAccepted, model.RenewalAutoRenewed,
		model.RenewalSubmitted, model.RenewalInReview, model.RenewalNeedsInfo)
	if err != nil {
		return rep, err
	}
	for _, id := range open {
		if err := db.advance(ctx, id, today, &rep); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// jobUpdate runs one step of the job: on the service its changes go to the
// change feed; on a desktop (the demo book) they are audited and not
// queued, as data from the service would be.
func (db *DB) jobUpdate(ctx context.Context, fn func(tx *Tx) error) error {
	return db.updateWith(ctx, !db.server, "", fn)
}

func (db *DB) groupIDs(ctx context.Context) ([]string, error) {
	return db.column(ctx, `SELECT id FROM groups ORDER BY sort_key, id`)
}

func (db *DB) renewalsIn(ctx context.Context, statuses ...model.RenewalStatus) ([]string, error) {
	args := make([]any, len(statuses))
	for i, s := range statuses {
		args[i] = string(s)
	}
	return db.column(ctx, `SELECT id FROM renewals WHERE status IN (?`+strings.Repeat(",?", len(args)-1)+`) ORDER BY effective_date, id`, args...)
}

func (db *DB) column(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the renewals: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// offerIfDue makes a group's offer when its window is open and it has none
// for its renewal date yet.
func (db *DB) offerIfDue(ctx context.Context, groupID string, today model.Date, rep *RenewalReport) error {
	var problem error
	err := db.jobUpdate(ctx, func(tx *Tx) error {
		g, err := tx.groupForUpdate(groupID)
		if err != nil || g.RenewalDate.IsZero() {
			return err
		}
		settings, err := readRenewalSettings(tx.ctx, tx)
		if err != nil {
			return err
		}
		setting := model.RenewalSettingFor(settings, g.Address.State, g.Segment)
		if !setting.Dates(g.RenewalDate).Due(today) || tx.hasRenewal(g.ID, g.RenewalDate) {
			return nil
		}
		r, err := tx.newOffer(g, setting, today)
		if model.ErrorCode(err) == model.EINVALID {
			problem = fmt.Errorf("%s: %s", g.Name, model.ErrorMessage(err))
			return nil
		}
		if err != nil {
			return err
		}
		rep.Offered = append(rep.Offered, renewalLine(g.Name, &r))
		return tx.writeRenewal(&r, nil, summaryOf(&r))
	})
	if problem != nil {
		rep.Problems = append(rep.Problems, problem.Error())
	}
	return err
}

func (tx *Tx) hasRenewal(groupID string, on model.Date) bool {
	var n int
	_ = tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM renewals WHERE group_id = ? AND effective_date = ?`, groupID, on.String()).Scan(&n)
	return n > 0
}

// newOffer makes the offer from the roster, the catalog and the rate table.
func (tx *Tx) newOffer(g model.Group, setting model.RenewalSetting, today model.Date) (model.Renewal, error) {
	fams, err := groupFamilies(tx.ctx, tx, g.ID)
	if err != nil {
		return model.Renewal{}, err
	}
	cat, err := tx.db.Catalog(tx.ctx)
	if err != nil {
		return model.Renewal{}, err
	}
	rates, err := readRenewalRates(tx.ctx, tx)
	if err != nil {
		return model.Renewal{}, err
	}
	r, err := model.NewRenewal(model.OfferInput{Group: g, Setting: setting, Catalog: cat, Rates: rates, Families: fams,
		Today: today, At: tx.now, By: tx.who.Name})
	r.ID = newID()
	return r, err
}

func renewalLine(group string, r *model.Renewal) string {
	cur, ren := r.Offer.Totals()
	return fmt.Sprintf("%s, renewal %s: %s (%s → %s a month, %s)", group, r.Effective, r.Status.Label(), cur, ren, model.ChangePercent(cur, ren))
}

// CatchUpRenewals runs the renewal job for every day from from to to, in
// order, as if it had run daily (a service back from a pause, or a demo
// book that should look lived-in), and returns what all the runs did.
func (db *DB) CatchUpRenewals(ctx context.Context, from, to model.Date) (RenewalReport, error) {
	var all RenewalReport
	for day := from; !day.After(to); day = day.AddDays(1) {
		rep, err := db.RunRenewals(ctx, day)
		if err != nil {
			return all, fmt.Errorf("the renewal job of %s: %w", day, err)
		}
		all.Offered = append(all.Offered, rep.Offered...)
		all.AutoRenewed = append(all.AutoRenewed, rep.AutoRenewed...)
		all.MadeEffective = append(all.MadeEffective, rep.MadeEffective...)
		all.Problems = append(all.Problems, rep.Problems...)
		all.Waiting = rep.Waiting // still waiting on the last day
	}
	return all, nil
}

// LongestLead is the longest lead time of the renewal settings: how far
// back a catch-up must start for every open window to have its offer.
func (db *DB) LongestLead(ctx context.Context) (int, error) {
	rows, err := readRenewalSettings(ctx, db.read)
	lead := model.DefaultRenewalSetting.LeadDays
	for _, r := range rows {
		lead = max(lead, r.LeadDays)
	}
	return lead, err
}
