package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RosterService = (*DB)(nil)

// EachFamily calls fn with every family of a group, subscriber first, the
// families in the order of their subscribers' names. Rows are streamed:
// a group of 100,000 people is never held in memory at once. fn must not
// keep the slice, which is reused.
func (db *DB) EachFamily(ctx context.Context, groupID string, fn func(fam []model.Member) error) error {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+memberCols+` FROM members m JOIN members s ON s.id = coalesce(m.subscriber_id, m.id)
		WHERE m.group_id = ? ORDER BY s.sort_key, s.id, m.subscriber_id IS NOT NULL,
		CASE m.relationship WHEN 'spouse' THEN 0 WHEN 'domestic_partner' THEN 0 ELSE 1 END, m.date_of_birth, m.rowid`, groupID)
	if err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	var fam []model.Member
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
			return err
		}
		if m.IsSubscriber() && len(fam) > 0 {
			if err := fn(fam); err != nil {
				return err
			}
			fam = fam[:0]
		}
		fam = append(fam, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(fam) > 0 {
		return fn(fam)
	}
	return nil
}
