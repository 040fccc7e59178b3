package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// publishAccessCode puts an invitation's access code in the change feed,
// for those who manage the group's access: who it is for, with what role,
// until when and whether it was used. The code itself is never published
// (only its hash is kept, and not in the feed either).
func (tx *Tx) publishAccessCode(c *model.AccessCode) error {
	if !tx.db.server || c.Purpose != model.CodeInvite {
		return nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return tx.publish(change{groupID: c.GroupID, entity: model.EntityAccessCode, entityID: c.ID, action: model.ActionUpdate}, b)
}

// accessCodeCols are the columns scanAccessCode reads: everything but the
// code's hash.
const accessCodeCols = `id, purpose, group_id, role, email, name, firm, created_by, created_at, expires_at, used_at, used_by`

func scanAccessCode(s scanner, c *model.AccessCode) error {
	return s.Scan(&c.ID, &c.Purpose, &c.GroupID, &c.Role, &c.Email, &c.Name, &c.Firm, &c.CreatedBy,
		instantCol{&c.CreatedAt}, instantCol{&c.ExpiresAt}, instantCol{&c.UsedAt}, &c.UsedBy)
}

// applyAccessCodeChange keeps on a desktop the invitation an account
// service published. The desktop holds no code to redeem: the row's hash
// is a placeholder no code can match.
func (tx *Tx) applyAccessCodeChange(c *model.Change) error {
	var a model.AccessCode
	if err := json.Unmarshal(c.Data, &a); err != nil {
		return err
	}
	var n int
	if err := tx.queryRow(`SELECT count(*) FROM groups WHERE id = ?`, a.GroupID).Scan(&n); err != nil || n == 0 {
		return err
	}
	_, err := tx.exec(`INSERT INTO access_codes (id, hash, purpose, group_id, role, email, name, firm, created_by, created_at, expires_at, used_at, used_by)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at, used_at = excluded.used_at, used_by = excluded.used_by`,
		a.ID, "published:"+a.ID, string(a.Purpose), a.GroupID, string(a.Role), a.Email, a.Name, a.Firm, a.CreatedBy,
		instant(a.CreatedAt), instant(a.ExpiresAt), instant(a.UsedAt), a.UsedBy)
	if err != nil {
		return fmt.Errorf("keeping the invitation of %s: %w", a.Email, err)
	}
	return nil
}

// PendingInvitations returns the invitations of the groups the caller
// manages access to that were not used yet, soonest to expire first.
func (db *DB) PendingInvitations(ctx context.Context, groupIDs []string) ([]model.AccessCode, error) {
	var ids []any
	for _, g := range groupIDs {
		if checkPerm(ctx, g, model.PermAccessManage) == nil {
			ids = append(ids, g)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	out, err := queryAll(ctx, db.read, scanAccessCode, `SELECT `+accessCodeCols+` FROM access_codes WHERE purpose = 'invite' AND used_at = '' AND group_id IN (?`+strings.Repeat(",?", len(ids)-1)+`)
		ORDER BY expires_at`, ids...)
	if err != nil {
		return nil, fmt.Errorf("reading the invitations: %w", err)
	}
	return out, nil
}
