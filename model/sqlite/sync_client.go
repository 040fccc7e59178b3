package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite/packed"
)

// Sync settings kept in the desktop's meta table.
const (
	MetaSyncServer = "sync_server" // the account service's URL
	MetaSyncCursor = "sync_cursor" // where the change feed was read up to
	MetaSyncMe     = "sync_me"     // the signed-in user and their groups, as GET /v1/me answered
	MetaLastSync   = "last_sync"   // when the last round completed (RFC 3339)
)

// PendingOps returns up to limit operations waiting to be pushed, in the
// order they were made. Operations on an entity that has one waiting for
// the user (a conflict or a refusal) are held back: they were made on top
// of it.
func (db *DB) PendingOps(ctx context.Context, limit int) ([]model.Operation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, id, group_id, entity, entity_id, action, base_version, `+opPayload+`,
		created_at, state, reason, attempts FROM outbox o
		WHERE state = 'pending' AND NOT EXISTS (
			SELECT 1 FROM outbox h WHERE h.entity_id = o.entity_id AND h.state != 'pending' AND h.seq < o.seq)
		ORDER BY seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("reading the outbox: %w", err)
	}
	return scanOps(rows)
}

// RecordResults stores the account service's answers to pushed operations
// in one transaction: applied operations leave the outbox and their entity
// takes the server's version; conflicts and refusals stay for the user.
func (db *DB) RecordResults(ctx context.Context, results []model.OpResult) error {
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		for _, r := range results {
			if err := tx.recordResult(r); err != nil {
				return fmt.Errorf("recording the answer to %s: %w", r.ID, err)
			}
		}
		return nil
	})
}

func (tx *Tx) recordResult(r model.OpResult) error {
	var entity, entityID string
	err := tx.queryRow(`SELECT entity, entity_id FROM outbox WHERE id = ?`, r.ID).Scan(&entity, &entityID)
	if err != nil {
		return nil // already recorded (a retried round)
	}
	switch r.Status {
	case model.ResultApplied:
		if _, err := tx.exec(`DELETE FROM outbox WHERE id = ?`, r.ID); err != nil {
			return err
		}
		return tx.takeServerVersion(entity, entityID, r.Version)
	case model.ResultConflict, model.ResultRefused:
		reason := r.Reason
		if r.Status == model.ResultRefused && r.Code != "" && !strings.Contains(reason, r.Code) {
			reason = fmt.Sprintf("%s (%s)", reason, r.Code)
		}
		var copy any
		if len(r.Current) > 0 {
			copy = string(r.Current)
		}
		_, err := tx.exec(`UPDATE outbox SET state = ?, reason = ?, server_copy = ?, attempts = attempts + 1 WHERE id = ?`,
			r.Status, reason, copy, r.ID)
		return err
	}
	return fmt.Errorf("unknown outcome %q", r.Status)
}

// entityTables maps the entities a desktop changes to their tables.
var entityTables = map[string]string{model.EntityMember: "members", model.EntityGroup: "groups", model.EntityApplication: "applications",
	model.EntityRenewal: "renewals", model.EntityPayment: "payments", model.EntityBillingAccount: "billing_accounts",
	model.EntityDocument: "documents", model.EntityLifeEvent: "life_events"}

// takeServerVersion gives an entity the version the server assigned, unless
// later local changes to it are still waiting (they carry their own base).
func (tx *Tx) takeServerVersion(entity, id string, version int64) error {
	table, ok := entityTables[entity]
	if !ok || version == 0 {
		return nil
	}
	_, err := tx.exec(`UPDATE `+table+` SET version = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM outbox WHERE entity_id = ?)`, version, id, id)
	return err
}

// newMembers returns the members of a page of changes that are neither
// stored here nor waiting in the outbox, asked in one query rather than
// two per change (which was most of the time an initial pull took).
func (tx *Tx) newMembers(changes []model.Change) (map[string]bool, error) {
	fresh := map[string]bool{}
	ids := packed.NewRows(1, len(changes)*48)
	for i := range changes {
		if c := &changes[i]; c.Entity == model.EntityMember && !c.Deleted && !fresh[c.ID] {
			fresh[c.ID] = true
			if err := ids.Append(c.ID); err != nil {
				return nil, err
			}
		}
	}
	if ids.Len() == 0 {
		return fresh, nil
	}
	rows, err := tx.QueryContext(tx.ctx, `WITH ids (id) AS (SELECT c0 FROM packed_rows(?))
		SELECT id FROM members WHERE id IN ids UNION SELECT entity_id FROM outbox WHERE entity_id IN ids`, ids.Blob())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		delete(fresh, id)
	}
	return fresh, rows.Err()
}

func (tx *Tx) applyChange(c *model.Change) error {
	var waiting int
	if err := tx.queryRow(`SELECT count(*) FROM outbox WHERE entity_id = ?`, c.ID).Scan(&waiting); err != nil {
		return err
	}
	if waiting > 0 {
		if c.Deleted {
			return nil
		}
		if _, err := tx.exec(`UPDATE outbox SET server_copy = ? WHERE entity_id = ? AND state != 'pending'`, string(c.Data), c.ID); err != nil {
			return err
		}
		return tx.restoreLocal(c)
	}
	if c.Deleted {
		return tx.deleteRemote(c)
	}
	switch c.Entity {
	case model.EntityMember:
		var m model.Member
		if err := json.Unmarshal(c.Data, &m); err != nil {
			return err
		}
		return tx.upsertRemoteMember(&m)
	case model.EntityGroup:
		var g model.Group
		if err := json.Unmarshal(c.Data, &g); err != nil {
			return err
		}
		return tx.upsertRemoteGroup(&g)
	case model.EntityPlan:
		var p model.Plan
		if err := json.Unmarshal(c.Data, &p); err != nil {
			return err
		}
		return tx.savePlan(&p)
	case model.EntityGrant:
		var g model.Grant
		if err := json.Unmarshal(c.Data, &g); err != nil {
			return err
		}
		return tx.upsertRemoteGrant(&g)
	case model.EntityArea, model.EntityCurve, model.EntityApplication:
		return tx.applyQuoteChange(c)
	case model.EntityRenewal:
		return tx.applyRenewalChange(c)
	case model.EntityInvoice, model.EntityPayment, model.EntityBillingAccount:
		return tx.applyBillingChange(c)
	case model.EntityContract:
		return tx.applyContractChange(c)
	case model.EntityDocument:
		return tx.applyDocumentChange(c)
	case model.EntityLifeEvent:
		return tx.applyLifeEventChange(c)
	case model.EntityAccessCode:
		return tx.applyAccessCodeChange(c)
	}
	return nil // an entity this version of GroupDesk does not know yet
}

// restoreLocal puts back the local copy of a member with changes waiting
// to be pushed or decided, when its row is gone: the group was sent again
// (the user's role in it changed), which first removes the group with its
// members. The copy is the one the latest waiting change left, as before
// the group was removed; without it the roster lost the member until the
// decision, and the member's dependents could not be stored at all.
func (tx *Tx) restoreLocal(c *model.Change) error {
	if c.Entity != model.EntityMember {
		return nil
	}
	var n int
	if err := tx.queryRow(`SELECT count(*) FROM members WHERE id = ?`, c.ID).Scan(&n); err != nil || n > 0 {
		return err
	}
	var payload string
	var action model.Action
	err := tx.queryRow(`SELECT `+opPayload+`, action FROM outbox WHERE entity_id = ? ORDER BY seq DESC LIMIT 1`, c.ID).Scan(&payload, &action)
	if err != nil {
		return err
	}
	var m model.Member
	if action == model.ActionDelete || json.Unmarshal([]byte(payload), &m) != nil || m.ID != c.ID {
		m = model.Member{}
		if err := json.Unmarshal(c.Data, &m); err != nil {
			return err
		}
	}
	return tx.createMember(&m)
}

func (tx *Tx) deleteRemote(c *model.Change) error {
	table := map[string]string{model.EntityMember: "members", model.EntityGroup: "groups", model.EntityGrant: "grants", model.EntityPlan: "plans",
		model.EntityDocument: "documents"}[c.Entity]
	if table == "" {
		return nil
	}
	res, err := tx.exec(`DELETE FROM `+table+` WHERE id = ?`, c.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	summary := "Removed by the account service"
	if c.Reason != "" {
		summary += ": " + c.Reason
	}
	return tx.record(change{groupID: c.GroupID, entity: c.Entity, entityID: c.ID, action: model.ActionDelete,
		before: map[string]any{"id": c.ID}, summary: summary})
}

func (tx *Tx) upsertRemoteMember(m *model.Member) error {
	current, err := tx.memberForUpdate(m.ID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return tx.createMember(m)
	}
	if err != nil {
		return err
	}
	if current.Version >= m.Version && (current.UpdatedAt.Equal(m.UpdatedAt) || sameMemberData(current, *m)) {
		return nil // already here: the server's copy, or the change this desktop pushed
	}
	return tx.updateMember(m, current)
}

// sameMemberData reports whether two copies of a member hold the same data,
// whenever each was written.
func sameMemberData(a, b model.Member) bool {
	a.UpdatedAt, b.UpdatedAt = time.Time{}, time.Time{}
	return a == b
}

func (tx *Tx) upsertRemoteGroup(g *model.Group) error {
	current, err := tx.groupForUpdate(g.ID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return tx.createGroup(g)
	}
	if err != nil {
		return err
	}
	return tx.updateGroup(g, current)
}

func (tx *Tx) upsertRemoteGrant(g *model.Grant) error {
	if g.UserEmail != "" {
		u := model.User{ID: g.UserID, Email: g.UserEmail, Name: g.UserName, Kind: g.UserKind}
		if u.Kind == "" {
			u.Kind = model.UserEmployer
		}
		if err := tx.saveUser(&u); err != nil {
			return err
		}
	}
	return tx.saveGrant(g)
}

func (tx *Tx) setMeta(key, value string) error {
	_, err := tx.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Held returns the operations waiting for the user: conflicts (with the
// server's copy) and refusals (with the reason).
func (db *DB) Held(ctx context.Context) ([]model.HeldOp, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, id, group_id, entity, entity_id, action, base_version, `+opPayload+`,
		created_at, state, reason, attempts, coalesce(server_copy, '') FROM outbox WHERE state != 'pending' ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("reading the outbox: %w", err)
	}
	defer rows.Close()
	var out []model.HeldOp
	for rows.Next() {
		var h model.HeldOp
		var payload, copy string
		if err := rows.Scan(&h.Seq, &h.ID, &h.GroupID, &h.Entity, &h.EntityID, &h.Action, &h.BaseVersion, &payload,
			timeCol{&h.CreatedAt}, &h.State, &h.Reason, &h.Attempts, &copy); err != nil {
			return nil, err
		}
		h.Payload = json.RawMessage(payload)
		if copy != "" {
			h.ServerCopy = json.RawMessage(copy)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
