package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RulesService = (*DB)(nil)

// Rules returns the rules table: life-event windows and retro limits.
func (db *DB) Rules(ctx context.Context) (model.Rules, error) {
	if model.PrincipalFrom(ctx) == nil {
		return model.Rules{}, model.Errorf(model.EUNAUTH, "Sign in to see the rules.")
	}
	return readRules(ctx, db.read)
}

func readRules(ctx context.Context, q querier) (model.Rules, error) {
	var rs model.Rules
	rows, err := q.QueryContext(ctx, `SELECT state, segment, event, window_days, effective_rule, source FROM event_rules`)
	if err != nil {
		return rs, fmt.Errorf("reading the life-event rules: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r model.EventRule
		if err := rows.Scan(&r.State, &r.Segment, &r.Event, &r.WindowDays, &r.Effective, &r.Source); err != nil {
			return rs, err
		}
		rs.Events = append(rs.Events, r)
	}
	if err := rows.Err(); err != nil {
		return rs, err
	}
	retro, err := q.QueryContext(ctx, `SELECT carrier, state, kind, days, source FROM retro_rules`)
	if err != nil {
		return rs, fmt.Errorf("reading the retro-termination rules: %w", err)
	}
	defer retro.Close()
	for retro.Next() {
		var r model.RetroRule
		if err := retro.Scan(&r.Carrier, &r.State, &r.Limit, &r.Days, &r.Source); err != nil {
			return rs, err
		}
		rs.Retro = append(rs.Retro, r)
	}
	return rs, retro.Err()
}
