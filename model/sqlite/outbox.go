package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// Outbox lists the operations waiting to be pushed, in order, then those
// kept for the user (conflicts and refusals).
func (db *DB) Outbox(ctx context.Context) ([]model.Operation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, id, group_id, entity, entity_id, action, base_version, `+opPayload+`,
		created_at, state, reason, attempts FROM outbox ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("reading the outbox: %w", err)
	}
	return scanOps(rows)
}

func scanOps(rows *sql.Rows) ([]model.Operation, error) {
	defer rows.Close()
	var out []model.Operation
	for rows.Next() {
		var op model.Operation
		var payload string
		if err := rows.Scan(&op.Seq, &op.ID, &op.GroupID, &op.Entity, &op.EntityID, &op.Action, &op.BaseVersion, &payload,
			timeCol{&op.CreatedAt}, &op.State, &op.Reason, &op.Attempts); err != nil {
			return nil, err
		}
		op.Payload = []byte(payload)
		out = append(out, op)
	}
	return out, rows.Err()
}
