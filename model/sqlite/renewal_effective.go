package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// advance moves one renewal on, if its day has come: auto-renewal once the
// cutoff has passed with nothing submitted, the new plan year on the
// renewal date.
func (db *DB) advance(ctx context.Context, id string, today model.Date, rep *RenewalReport) error {
	return db.jobUpdate(ctx, func(tx *Tx) error {
		var r model.Renewal
		if err := renewalIn(tx.ctx, tx, id, &r); err != nil {
			return err
		}
		g, err := tx.groupForUpdate(r.GroupID)
		if err != nil {
			return err
		}
		before := r
		changed := false
		if (r.Status == model.RenewalAvailable || r.Status == model.RenewalDraft) && today.After(r.Cutoff) {
			if err := r.Move(tx.now, tx.who.Name, model.RenewalAutoRenewed, model.MoverJob, autoRenewNote(&r)); err != nil {
				return err
			}
			rep.AutoRenewed = append(rep.AutoRenewed, renewalLine(g.Name, &r))
			changed = true
		}
		switch {
		case today.Before(r.Effective):
		case r.Status == model.RenewalAccepted || r.Status == model.RenewalAutoRenewed:
			if err := tx.makeEffective(&r, g, today); err != nil {
				return err
			}
			rep.MadeEffective = append(rep.MadeEffective, renewalLine(g.Name, &r))
			changed = true
		case r.Status != model.RenewalEffective:
			rep.Waiting = append(rep.Waiting, renewalLine(g.Name, &r))
		}
		if !changed {
			return nil
		}
		return tx.writeRenewal(&r, &before, summaryOf(&r))
	})
}

// autoRenewNote says why the renewal renewed by itself, and where each
// discontinued plan went.
func autoRenewNote(r *model.Renewal) string {
	note := fmt.Sprintf("Nothing was submitted by the cutoff of %s: the plans renew as offered", r.Cutoff.US())
	for _, m := range r.Offer.Mappings {
		if m.Discontinued {
			from, _ := r.Offer.CurrentPlan(m.From)
			to, _ := r.Offer.Option(m.To)
			note += fmt.Sprintf("; %s is discontinued and its members move to %s", from.Name, to.Name)
		}
	}
	return note
}

// makeEffective starts the new plan year: the submitted enrollments and
// terminations, then every family on the plan its plan renews into, then
// the group's next renewal date. A change the roster no longer allows
// (someone already left, say) is listed in the renewal and skipped.
func (tx *Tx) makeEffective(r *model.Renewal, g model.Group, today model.Date) error {
	asked := r.Cutoff
	var changes []model.RenewalChange
	if r.Submission != nil {
		asked, changes = r.Submission.SubmittedOn, r.Submission.Changes
	}
	var notes []string
	for k := range changes {
		ch, err := changes[k].FamilyChange(r.Effective)
		if err == nil {
			err = tx.applyAtRenewal(g.ID, ch, asked, today)
		}
		notes = append(notes, appliedNote(changes[k].Describe(r.Effective), err))
	}
	fams, err := groupFamilies(tx.ctx, tx, g.ID)
	if err != nil {
		return err
	}
	moved := 0
	for _, ch := range model.PlanMoves(fams, r.Mapping(), r.Effective) {
		if err := tx.applyAtRenewal(g.ID, ch, asked, today); err != nil {
			notes = append(notes, appliedNote("Moving family "+ch.SubscriberID(), err))
			continue
		}
		moved++
	}
	notes = append(notes, fmt.Sprintf("%d families moved to their renewal plans", moved))
	r.Applied = notes
	if err := tx.nextRenewalDate(g, r.Effective.AddYears(1)); err != nil {
		return err
	}
	return r.Move(tx.now, tx.who.Name, model.RenewalEffective, model.MoverJob, "The new plan year began: "+strings.Join(notes, "; "))
}

func appliedNote(what string, err error) string {
	if err != nil {
		return "Not applied: " + what + ": " + model.ErrorMessage(err)
	}
	return what
}

// applyAtRenewal runs a member change as of the day it was asked for (the
// rules judge a request by when the carrier had it) and saves it: coverage
// that starts on the renewal date is active from that day.
func (tx *Tx) applyAtRenewal(groupID string, ch model.FamilyChange, asked, today model.Date) error {
	out, _, before, err := runChangeIn(tx.ctx, tx.Tx, groupID, ch, asked)
	if err != nil {
		return err
	}
	for i := range out.Family {
		if m := &out.Family[i]; m.Status == model.StatusPending && !m.Effective.After(today) {
			m.Status = model.StatusActive
		}
	}
	return tx.saveOutcome(before, &out)
}

// nextRenewalDate gives the group the renewal date of its next plan year.
func (tx *Tx) nextRenewalDate(g model.Group, next model.Date) error {
	current := g
	g.RenewalDate = next
	return tx.updateGroup(&g, current)
}
