package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// KeepMine resolves a conflict in favour of the desktop's version: the
// operation is made again on top of the server's version and pushed on the
// next round.
func (db *DB) KeepMine(ctx context.Context, opID string) error {
	return db.update(ctx, func(tx *Tx) error {
		h, err := tx.heldOp(opID)
		if err != nil {
			return err
		}
		var v struct {
			Version int64 `json:"version"`
		}
		if len(h.ServerCopy) == 0 || json.Unmarshal(h.ServerCopy, &v) != nil {
			return model.Errorf(model.EINVALID, "The server's copy is not here yet; sync first.")
		}
		// A new operation ID: the server keeps its answer to the old one.
		_, err = tx.exec(`UPDATE outbox SET id = ?, state = 'pending', reason = '', base_version = ?, server_copy = NULL WHERE id = ?`,
			newID(), v.Version, opID)
		return err
	})
}

// KeepServer resolves a conflict or a refusal in favour of the server: the
// server's copy replaces the local one and the held operation, with any
// made after it on the same entity, is dropped.
func (db *DB) KeepServer(ctx context.Context, opID string) error {
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		h, err := tx.heldOp(opID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM outbox WHERE entity_id = ? AND seq >= ?`, h.EntityID, h.Seq); err != nil {
			return err
		}
		if len(h.ServerCopy) == 0 {
			if h.Action == model.ActionCreate {
				return tx.deleteRemote(&model.Change{Entity: h.Entity, ID: h.EntityID, GroupID: h.GroupID, Reason: "not accepted by the account service"})
			}
			return nil
		}
		return tx.applyChange(&model.Change{Entity: h.Entity, ID: h.EntityID, GroupID: h.GroupID, Data: h.ServerCopy})
	})
}

// Merge resolves a conflict with a version the user put together from both:
// the server's copy is taken, then the merged version is saved on top of it
// as a local change to push.
func (db *DB) Merge(ctx context.Context, opID string, merged *model.Member) error {
	if err := db.KeepServer(ctx, opID); err != nil {
		return err
	}
	current, err := db.Member(ctx, merged.ID)
	if err != nil {
		return err
	}
	merged.Version = current.Version
	return db.UpdateMember(ctx, merged)
}

func (tx *Tx) heldOp(id string) (model.HeldOp, error) {
	var h model.HeldOp
	var payload, copy string
	err := tx.QueryRowContext(tx.ctx, `SELECT seq, id, group_id, entity, entity_id, action, base_version, `+opPayload+`, state, reason,
		coalesce(server_copy, '') FROM outbox WHERE id = ? AND state != 'pending'`, id).
		Scan(&h.Seq, &h.ID, &h.GroupID, &h.Entity, &h.EntityID, &h.Action, &h.BaseVersion, &payload, &h.State, &h.Reason, &copy)
	if errors.Is(err, sql.ErrNoRows) {
		return h, model.Errorf(model.ENOTFOUND, "That change is no longer waiting for a decision.")
	}
	if err != nil {
		return h, fmt.Errorf("reading the outbox: %w", err)
	}
	h.Payload = json.RawMessage(payload)
	if copy != "" {
		h.ServerCopy = json.RawMessage(copy)
	}
	return h, nil
}
