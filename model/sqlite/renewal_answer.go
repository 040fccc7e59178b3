package sqlite

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// StartRenewal moves an available renewal to draft: someone who may answer
// it is preparing changes. The move is queued for sync, so everyone with
// access sees it.
func (db *DB) StartRenewal(ctx context.Context, r *model.Renewal) error {
	return db.answer(ctx, r, func(tx *Tx, current *model.Renewal) error { return tx.startRenewal(current) })
}

// SubmitRenewal checks the group's answer against the roster, the rules
// and the offer and, if every check passes, submits it for sync.
func (db *DB) SubmitRenewal(ctx context.Context, r *model.Renewal, sub model.RenewalSubmission) error {
	return db.answer(ctx, r, func(tx *Tx, current *model.Renewal) error { return tx.submitRenewal(current, sub) })
}

// answer runs a change of the group's to the renewal read at r's version;
// r becomes the renewal as saved.
func (db *DB) answer(ctx context.Context, r *model.Renewal, fn func(tx *Tx, current *model.Renewal) error) error {
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(r.GroupID, model.PermRenewalsSubmit); err != nil {
			return err
		}
		var current model.Renewal
		if err := renewalIn(tx.ctx, tx, r.ID, &current); err != nil {
			return err
		}
		if current.Version != r.Version {
			return model.Errorf(model.ECONFLICT, "The renewal changed since you opened it (it is now %s). Look at it again before answering.",
				current.Status.Label())
		}
		if err := fn(tx, &current); err != nil {
			return err
		}
		*r = current
		return nil
	})
}

func (tx *Tx) startRenewal(r *model.Renewal) error {
	before := *r
	if err := r.Move(tx.now, tx.who.Name, model.RenewalDraft, model.MoverGroup, ""); err != nil {
		return err
	}
	return tx.writeRenewal(r, &before, summaryOf(r))
}

// submitRenewal runs every check as of today and, when all pass, records
// the answer.
func (tx *Tx) submitRenewal(r *model.Renewal, sub model.RenewalSubmission) error {
	today := model.DateOf(tx.now)
	in, err := checkInput(tx.ctx, tx, r, today)
	if err != nil {
		return err
	}
	if err := model.ChecksError(model.RenewalChecks(in, &sub)); err != nil {
		return err
	}
	before := *r
	sub.SubmittedOn, sub.SubmittedBy = today, tx.who.Name
	r.Submission = &sub
	if err := r.Move(tx.now, tx.who.Name, model.RenewalSubmitted, model.MoverGroup, sub.Describe()); err != nil {
		return err
	}
	return tx.writeRenewal(r, &before, summaryOf(r))
}

// CheckRenewal runs the checks of an answer without sending it, for the
// Submit step.
func (db *DB) CheckRenewal(ctx context.Context, r *model.Renewal, sub model.RenewalSubmission) ([]model.Check, error) {
	if err := checkPerm(ctx, r.GroupID, model.PermRenewalsView); err != nil {
		return nil, err
	}
	in, err := checkInput(ctx, db.read, r, model.DateOf(db.Now()))
	if err != nil {
		return nil, err
	}
	return model.RenewalChecks(in, &sub), nil
}

// RenewalRoster returns the group's families as they will be at renewal
// after the member changes, and what each change that cannot be made
// says, by its position: what a scenario is rated on.
func (db *DB) RenewalRoster(ctx context.Context, r *model.Renewal, changes []model.RenewalChange) ([][]model.Member, map[int]error, error) {
	if err := checkPerm(ctx, r.GroupID, model.PermRenewalsView); err != nil {
		return nil, nil, err
	}
	in, err := checkInput(ctx, db.read, r, model.DateOf(db.Now()))
	if err != nil {
		return nil, nil, err
	}
	fams, errs := model.ApplyRenewalChanges(in.Families, changes, r.Effective, in.Change)
	return fams, errs, nil
}

// checkInput reads what the checks judge an answer by: the roster and the
// maintenance context of the group on the day of the answer.
func checkInput(ctx context.Context, q querier, r *model.Renewal, today model.Date) (model.RenewalCheckInput, error) {
	cc, err := changeContext(ctx, q, r.GroupID, today)
	if err != nil {
		return model.RenewalCheckInput{}, err
	}
	fams, err := groupFamilies(ctx, q, r.GroupID)
	return model.RenewalCheckInput{Renewal: r, Families: fams, Change: cc, Settings: model.DefaultCarrierSettings}, err
}
