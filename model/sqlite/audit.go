package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.AuditService = (*DB)(nil)

const auditCols = `seq, at, actor, actor_id, group_id, entity, entity_id, action, summary, coalesce(before, ''), coalesce(after, ''), batch, prev_hash, hash`

func scanAudit(s scanner, e *model.AuditEntry) error {
	var before, after string
	if err := s.Scan(&e.Seq, timeCol{&e.At}, &e.Actor, &e.ActorID, &e.GroupID, &e.Entity, &e.EntityID, &e.Action,
		&e.Summary, &before, &after, &e.Batch, &e.PrevHash, &e.Hash); err != nil {
		return err
	}
	if before != "" {
		e.Before = []byte(before)
	}
	if after != "" {
		e.After = []byte(after)
	}
	return nil
}

// History returns the audit entries about one entity, oldest first. For a
// subscriber it is the person's own timeline; the UI asks for each family
// member separately.
func (db *DB) History(ctx context.Context, entity, id string) ([]model.AuditEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+auditCols+` FROM audit WHERE entity_id = ? AND entity = ? ORDER BY seq`, id, entity)
	if err != nil {
		return nil, fmt.Errorf("reading the history of %s: %w", id, err)
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		var e model.AuditEntry
		if err := scanAudit(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) > 0 {
		if err := checkView(ctx, out[len(out)-1].GroupID); err != nil && out[len(out)-1].GroupID != "" {
			return nil, err
		}
	}
	return out, nil
}

// BrokenLink describes the first audit entry whose hash does not match.
type BrokenLink struct {
	Seq    int64
	Reason string
}

// VerifyAudit walks the whole audit log and returns the first broken link
// of the hash chain, or nil when every entry is intact.
func (db *DB) VerifyAudit(ctx context.Context) (*BrokenLink, int, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+auditCols+` FROM audit ORDER BY seq`)
	if err != nil {
		return nil, 0, fmt.Errorf("reading the audit log: %w", err)
	}
	defer rows.Close()
	prev, n := "", 0
	for rows.Next() {
		var e model.AuditEntry
		if err := scanAudit(rows, &e); err != nil {
			return nil, n, err
		}
		n++
		switch {
		case e.PrevHash != prev:
			return &BrokenLink{e.Seq, "it does not follow the entry before it (an entry was removed or reordered)"}, n, nil
		case auditHash(&e) != e.Hash:
			return &BrokenLink{e.Seq, "its content does not match its hash (the entry was altered)"}, n, nil
		}
		prev = e.Hash
	}
	return nil, n, rows.Err()
}
