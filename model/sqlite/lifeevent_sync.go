package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/groupdesk/groupdesk/model"
)

// lifeEventForUpdate reads a life event inside the transaction.
func (tx *Tx) lifeEventForUpdate(id string) (model.LifeEventRecord, error) {
	var e model.LifeEventRecord
	err := scanLifeEvent(tx.QueryRowContext(tx.ctx, `SELECT `+lifeEventCols+` FROM life_events WHERE id = ?`, id), &e)
	if errors.Is(err, sql.ErrNoRows) {
		return e, model.Errorf(model.ENOTFOUND, "There is no life event %s.", id)
	}
	return e, err
}

// applyLifeEventOp applies a life event reported or used on a desktop: the
// report that opens a family's special enrollment window, and its use when
// the dependent it brought is enrolled.
func (tx *Tx) applyLifeEventOp(op *model.Operation) (model.OpResult, error) {
	if err := tx.who.Check(op.GroupID, model.PermMembersEdit); err != nil {
		return model.OpResult{}, err
	}
	if op.Action == model.ActionDelete {
		return model.OpResult{}, model.Errorf(model.EINVALID, "Life events are kept, not deleted.")
	}
	var e model.LifeEventRecord
	if err := decodeStrict(op.Payload, &e); err != nil {
		return model.OpResult{}, err
	}
	if e.ID != op.EntityID || e.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EINVALID, "The life event in the operation does not match its entity or group.")
	}
	if !slices.Contains(model.LifeEvents, e.Event) {
		return model.OpResult{}, model.Errorf(model.EINVALID, "%q is not a qualifying life event.", e.Event)
	}
	if e.Status != model.LifeEventOpen && e.Status != model.LifeEventEnrolled {
		return model.OpResult{}, model.Errorf(model.EINVALID, "%q is not a life event status.", e.Status)
	}
	sub, err := tx.memberForUpdate(e.SubscriberID)
	if err != nil {
		return model.OpResult{}, err
	}
	if sub.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "That subscriber belongs to another group.")
	}
	current, err := tx.lifeEventForUpdate(op.EntityID)
	exists := err == nil
	if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
		return model.OpResult{}, err
	}
	if exists && current.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "That life event belongs to another group.")
	}
	if conflict, ok := versionConflict(op, exists, current.Version, current); ok {
		return conflict, nil
	}
	if exists {
		e.Version = current.Version + 1
		if err := tx.writeLifeEvent(&e, false); err != nil {
			return model.OpResult{}, err
		}
		return applied(op, e.Version), tx.record(change{groupID: e.GroupID, entity: model.EntityLifeEvent, entityID: e.ID,
			action: model.ActionUpdate, before: current, after: e, baseVersion: current.Version, summary: lifeEventSummary(&e)})
	}
	e.Version = 1
	if err := tx.writeLifeEvent(&e, true); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, e.Version), tx.record(change{groupID: e.GroupID, entity: model.EntityLifeEvent, entityID: e.ID,
		action: model.ActionCreate, after: e, summary: lifeEventSummary(&e)})
}

// applyLifeEventChange stores a life event pulled from the account service.
// One whose family is not held here (not visible to this user) is left out.
func (tx *Tx) applyLifeEventChange(c *model.Change) error {
	var e model.LifeEventRecord
	if err := json.Unmarshal(c.Data, &e); err != nil {
		return err
	}
	var n int
	if err := tx.queryRow(`SELECT count(*) FROM members WHERE id = ? AND group_id = ?`, e.SubscriberID, e.GroupID).Scan(&n); err != nil || n == 0 {
		return err
	}
	current, err := tx.lifeEventForUpdate(e.ID)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		if err := tx.writeLifeEvent(&e, true); err != nil {
			return err
		}
		return tx.record(change{groupID: e.GroupID, entity: model.EntityLifeEvent, entityID: e.ID, action: model.ActionCreate,
			after: e, summary: lifeEventSummary(&e)})
	case err != nil:
		return err
	case current.Version >= e.Version:
		return nil // this copy or a newer one is here already
	}
	if err := tx.writeLifeEvent(&e, false); err != nil {
		return err
	}
	return tx.record(change{groupID: e.GroupID, entity: model.EntityLifeEvent, entityID: e.ID, action: model.ActionUpdate,
		before: current, after: e, baseVersion: current.Version, summary: lifeEventSummary(&e)})
}

func (tx *Tx) writeLifeEvent(e *model.LifeEventRecord, insert bool) error {
	var err error
	if insert {
		_, err = tx.exec(`INSERT INTO life_events (`+lifeEventCols+`, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			e.ID, e.GroupID, e.SubscriberID, e.MemberID, string(e.Event), e.EventDate.String(), e.ReportedOn.String(),
			e.WindowCloses.String(), string(e.Status), e.Note, e.Version, tx.stamp())
	} else {
		_, err = tx.exec(`UPDATE life_events SET member_id = ?, event = ?, event_date = ?, reported_on = ?, window_closes = ?,
			status = ?, note = ?, version = ?, updated_at = ? WHERE id = ?`,
			e.MemberID, string(e.Event), e.EventDate.String(), e.ReportedOn.String(), e.WindowCloses.String(),
			string(e.Status), e.Note, e.Version, tx.stamp(), e.ID)
	}
	if err != nil {
		return fmt.Errorf("storing the life event: %w", err)
	}
	return nil
}

func lifeEventSummary(e *model.LifeEventRecord) string {
	if e.Status == model.LifeEventEnrolled {
		return e.Event.Label() + " used: dependent enrolled"
	}
	return fmt.Sprintf("%s on %s reported (window closes %s)", e.Event.Label(), e.EventDate, e.WindowCloses)
}
