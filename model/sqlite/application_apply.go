package sqlite

import (
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// applyApplicationOp stores an application a desktop pushed. The service
// decides: the application must be the caller's own, travel in the
// caller's scope, make a move the applicant may make, and (when it is
// submitted) pass every check against the service's own catalog.
func (tx *Tx) applyApplicationOp(op *model.Operation) (model.OpResult, error) {
	if !model.MayApply(tx.who) {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "You do not have the quotes permission needed to apply for a new group.")
	}
	if op.GroupID != model.ApplicantScope(tx.who.UserID) || op.Action == model.ActionDelete {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "An application is sent by its own applicant, and is not deleted.")
	}
	var a model.Application
	if err := decodeStrict(op.Payload, &a); err != nil {
		return model.OpResult{}, err
	}
	if a.ID != op.EntityID {
		return model.OpResult{}, model.Errorf(model.EINVALID, "The application in the operation does not match its entity.")
	}
	var current model.Application
	err := applicationIn(tx.ctx, tx, a.ID, &current)
	exists := err == nil
	if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
		return model.OpResult{}, err
	}
	if conflict, ok := versionConflict(op, exists, current.Version, current); ok {
		return conflict, nil
	}
	if a.Status == model.AppSubmitted {
		if err := tx.checkSubmission(&a); err != nil {
			return model.OpResult{}, err
		}
	}
	a.Version = current.Version
	if !exists {
		a.Version = 0
	}
	if err := tx.applicantSave(&a, a.Status); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, a.Version), nil
}

func (tx *Tx) checkSubmission(a *model.Application) error {
	cat, err := tx.db.Catalog(tx.ctx)
	if err != nil {
		return err
	}
	in := model.CheckInput{Settings: model.DefaultCarrierSettings, Catalog: cat, Today: model.DateOf(tx.now)}
	if err := model.ChecksError(a.Checks(in)); err != nil {
		return model.Errorf(model.EINVALID, "The account service cannot accept the application: %s", model.ErrorMessage(err))
	}
	return nil
}

// applyQuoteChange applies an area, a curve or an application from the
// account service's change feed.
func (tx *Tx) applyQuoteChange(c *model.Change) error {
	switch c.Entity {
	case model.EntityArea:
		var a model.RatingArea
		if err := json.Unmarshal(c.Data, &a); err != nil {
			return err
		}
		return tx.saveArea(&a)
	case model.EntityCurve:
		var rec curveRecord
		if err := json.Unmarshal(c.Data, &rec); err != nil {
			return err
		}
		return tx.saveCurve(&model.AgeCurve{Name: rec.Name, Factors: rec.Factors}, rec.Version)
	case model.EntityApplication:
		var a model.Application
		if err := json.Unmarshal(c.Data, &a); err != nil {
			return err
		}
		var before model.Application
		prev := &before
		if err := applicationIn(tx.ctx, tx, a.ID, &before); err != nil {
			prev = nil
		}
		return tx.writeApplication(&a, prev)
	}
	return fmt.Errorf("not a quote entity: %s", c.Entity)
}
