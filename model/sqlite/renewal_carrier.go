package sqlite

import (
	"context"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// applyRenewalOp applies a desktop's answer to a renewal. The service
// decides: the caller needs renewals.submit in the group, only the status
// and the submission are taken from the operation (the offer is the
// service's own), the move must be one the group may make, and a
// submission must pass every check against the service's roster today.
func (tx *Tx) applyRenewalOp(op *model.Operation) (model.OpResult, error) {
	if err := tx.who.Check(op.GroupID, model.PermRenewalsSubmit); err != nil {
		return model.OpResult{}, err
	}
	if op.Action != model.ActionUpdate {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "The carrier makes renewal offers; a desktop only answers them.")
	}
	var sent model.Renewal
	if err := decodeStrict(op.Payload, &sent); err != nil {
		return model.OpResult{}, err
	}
	if sent.ID != op.EntityID || sent.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EINVALID, "The renewal in the operation does not match its entity or group.")
	}
	var current model.Renewal
	err := renewalIn(tx.ctx, tx, sent.ID, &current)
	if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
		return model.OpResult{}, err
	}
	if err == nil && current.GroupID != op.GroupID {
		// Before the version check: a conflict would send the other group's copy.
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "That renewal belongs to another group.")
	}
	if conflict, ok := versionConflict(op, err == nil, current.Version, current); ok {
		return conflict, nil
	}
	if err := tx.groupAnswer(&current, &sent); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, current.Version), nil
}

func (tx *Tx) groupAnswer(current, sent *model.Renewal) error {
	switch {
	case sent.Status == current.Status:
		return model.Errorf(model.EINVALID, "The renewal is already %s.", strings.ToLower(current.Status.Label()))
	case sent.Status == model.RenewalDraft:
		return tx.startRenewal(current)
	case sent.Status == model.RenewalSubmitted && sent.Submission != nil:
		err := tx.submitRenewal(current, *sent.Submission)
		if err != nil && model.ErrorCode(err) != model.EINTERNAL {
			return model.Errorf(model.ErrorCode(err), "The account service cannot accept the renewal: %s", model.ErrorMessage(err))
		}
		return err
	}
	return model.Errorf(model.EINVALID, "A group starts or submits its renewal; it cannot move it to %s.", sent.Status.Label())
}

// MoveRenewal is the carrier's decision on a submitted renewal: in review,
// needs information (with a note saying what), accepted.
func (db *DB) MoveRenewal(ctx context.Context, id string, to model.RenewalStatus, note string) (model.Renewal, error) {
	var r model.Renewal
	err := db.update(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier decides on renewals.")
		}
		if err := renewalIn(tx.ctx, tx, id, &r); err != nil {
			return err
		}
		if to == model.RenewalNeedsInfo && strings.TrimSpace(note) == "" {
			return model.Errorf(model.EINVALID, "Say what information is needed (--note).")
		}
		before := r
		if err := r.Move(tx.now, tx.who.Name, to, model.MoverCarrier, strings.TrimSpace(note)); err != nil {
			return err
		}
		return tx.writeRenewal(&r, &before, summaryOf(&r))
	})
	return r, err
}
