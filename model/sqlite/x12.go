package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// MetaX12Control is the meta key of the last X12 interchange control
// number this database gave out.
const MetaX12Control = "x12_control"

// NextX12Control gives out the next interchange control number (ISA13):
// one more than the last, kept in the meta table, so every file written
// from this database has its own.
func (db *DB) NextX12Control(ctx context.Context) (int64, error) {
	var v string
	err := db.write.QueryRowContext(ctx, `INSERT INTO meta (key, value) VALUES (?, '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) RETURNING value`, MetaX12Control).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("numbering the X12 file: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("the X12 control number %q in the meta table is not a number", v)
	}
	return n, nil
}

// MemberChange is a recorded change to one of a group's members, with the
// member's ID (also when it was removed).
type MemberChange struct {
	MemberID string
	model.MemberChange
}

// MemberChangesSince lists the changes to a group's members recorded from
// since on, oldest first, from the audit log.
func (db *DB) MemberChangesSince(ctx context.Context, groupID string, since time.Time) ([]MemberChange, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT entity_id, at, coalesce(before, ''), coalesce(after, '') FROM audit
		WHERE group_id = ? AND entity = ? AND at >= ? ORDER BY seq`, groupID, model.EntityMember, timeText(since.Add(-time.Second)))
	if err != nil {
		return nil, fmt.Errorf("reading the changes to the members: %w", err)
	}
	defer rows.Close()
	var out []MemberChange
	for rows.Next() {
		var c MemberChange
		var before, after string
		if err := rows.Scan(&c.MemberID, timeCol{&c.At}, &before, &after); err != nil {
			return nil, err
		}
		if c.At.Before(since) {
			continue // the times are compared as text above, to the second
		}
		c.Before, c.After = memberImage(before), memberImage(after)
		out = append(out, c)
	}
	return out, rows.Err()
}
