package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// CoverageSpans returns when each member of a group was covered, for the
// head count over time.
func (db *DB) CoverageSpans(ctx context.Context, groupID string) ([]model.CoverageSpan, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT relationship = 'employee', effective_date, termination_date FROM members WHERE group_id = ?`, groupID)
	if err != nil {
		return nil, fmt.Errorf("reading the coverage dates: %w", err)
	}
	defer rows.Close()
	var out []model.CoverageSpan
	for rows.Next() {
		var s model.CoverageSpan
		var eff, term string
		if err := rows.Scan(&s.Subscriber, &eff, &term); err != nil {
			return nil, err
		}
		if s.Effective, err = model.ParseDate(eff); err != nil {
			return nil, err
		}
		if term != "" {
			if s.Termination, err = model.ParseDate(term); err != nil {
				return nil, err
			}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
