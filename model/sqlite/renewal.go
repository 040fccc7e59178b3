package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RenewalService = (*DB)(nil)

// Renewals lists a group's renewals, the newest renewal date first.
func (db *DB) Renewals(ctx context.Context, groupID string) ([]model.Renewal, error) {
	if err := checkPerm(ctx, groupID, model.PermRenewalsView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, db.read, scanRenewal, `SELECT data, version FROM renewals WHERE group_id = ? ORDER BY effective_date DESC`, groupID)
	if err != nil {
		return nil, fmt.Errorf("listing renewals: %w", err)
	}
	return out, nil
}

// Renewal returns one renewal.
func (db *DB) Renewal(ctx context.Context, id string) (model.Renewal, error) {
	var r model.Renewal
	if err := renewalIn(ctx, db.read, id, &r); err != nil {
		return r, err
	}
	return r, checkPerm(ctx, r.GroupID, model.PermRenewalsView)
}

// scanRenewal reads a renewal; its version is the column's, which takes
// the account service's version as soon as a push is applied.
func scanRenewal(s scanner, r *model.Renewal) error {
	var data string
	var version int64
	if err := s.Scan(&data, &version); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(data), r); err != nil {
		return fmt.Errorf("reading a renewal: %w", err)
	}
	r.Version = version
	return nil
}

func renewalIn(ctx context.Context, q querier, id string, r *model.Renewal) error {
	err := scanRenewal(q.QueryRowContext(ctx, `SELECT data, version FROM renewals WHERE id = ?`, id), r)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "There is no renewal %s.", id)
	}
	return err
}

// writeRenewal stores a renewal changed here (by the group on a desktop,
// by the carrier or the renewal job on the service), its version one up.
func (tx *Tx) writeRenewal(r *model.Renewal, before *model.Renewal, summary string) error {
	r.Version, r.UpdatedAt = 1, tx.now
	if before != nil {
		r.Version = before.Version + 1
	}
	return tx.storeRenewal(r, before, summary)
}

// storeRenewal writes a renewal as it is and records the change in the
// group's scope: the audit log, and the outbox or the change feed.
func (tx *Tx) storeRenewal(r *model.Renewal, before *model.Renewal, summary string) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO renewals (id, group_id, effective_date, status, data, version, updated_at) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET status=excluded.status, data=excluded.data, version=excluded.version, updated_at=excluded.updated_at`,
		r.ID, r.GroupID, r.Effective.String(), string(r.Status), string(data), r.Version, timeText(r.UpdatedAt)); err != nil {
		return fmt.Errorf("saving the renewal: %w", err)
	}
	c := change{groupID: r.GroupID, entity: model.EntityRenewal, entityID: r.ID, action: model.ActionCreate, after: r, summary: summary}
	if before != nil {
		c.action, c.before, c.baseVersion = model.ActionUpdate, before, before.Version
	}
	return tx.record(c)
}

// summaryOf is the audit line of a renewal's latest step.
func summaryOf(r *model.Renewal) string {
	s := fmt.Sprintf("Renewal %s: %s", r.Effective, r.Status.Label())
	if n := len(r.History); n > 0 && r.History[n-1].Note != "" {
		s += " — " + r.History[n-1].Note
	}
	return s
}

// upsertRemoteRenewal stores a renewal pulled from the account service.
func (tx *Tx) upsertRemoteRenewal(r *model.Renewal) error {
	var before model.Renewal
	err := renewalIn(tx.ctx, tx, r.ID, &before)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		return tx.storeRenewal(r, nil, summaryOf(r))
	case err != nil:
		return err
	case before.Version > r.Version:
		return nil // a newer copy is here already
	}
	return tx.storeRenewal(r, &before, summaryOf(r))
}

// groupFamilies reads every family of a group, subscriber first (ended
// coverage included: the renewal decides who is covered on its date).
func groupFamilies(ctx context.Context, q querier, groupID string) ([][]model.Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+memberCols+` FROM members m WHERE m.group_id = ?
		ORDER BY coalesce(m.subscriber_id, m.id), m.subscriber_id IS NOT NULL, m.date_of_birth, m.rowid`, groupID)
	if err != nil {
		return nil, fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	var out [][]model.Member
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
			return nil, err
		}
		if m.SubscriberID == "" || len(out) == 0 {
			out = append(out, []model.Member{m})
			continue
		}
		out[len(out)-1] = append(out[len(out)-1], m)
	}
	return out, rows.Err()
}

// applyRenewalChange stores a renewal from the account service's feed.
func (tx *Tx) applyRenewalChange(c *model.Change) error {
	var r model.Renewal
	if err := json.Unmarshal(c.Data, &r); err != nil {
		return err
	}
	return tx.upsertRemoteRenewal(&r)
}
