package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// BillingRules reads the billing rules: grace periods and the billing
// calendar by carrier and state.
func (db *DB) BillingRules(ctx context.Context) ([]model.BillingRule, error) {
	return readBillingRules(ctx, db.read)
}

func readBillingRules(ctx context.Context, q querier) ([]model.BillingRule, error) {
	rows, err := q.QueryContext(ctx, `SELECT carrier, state, grace_days, issue_day, due_day, source FROM billing_rules ORDER BY carrier, state`)
	if err != nil {
		return nil, fmt.Errorf("reading the billing rules: %w", err)
	}
	defer rows.Close()
	var out []model.BillingRule
	for rows.Next() {
		var r model.BillingRule
		if err := rows.Scan(&r.Carrier, &r.State, &r.GraceDays, &r.IssueDay, &r.DueDay, &r.Source); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveBillingRule adds or replaces a row of the billing rules (the
// carrier's).
func (db *DB) SaveBillingRule(ctx context.Context, r model.BillingRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if !tx.who.System && !tx.who.Owner {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier changes its billing rules.")
		}
		_, err := tx.exec(`INSERT INTO billing_rules (carrier, state, grace_days, issue_day, due_day, source) VALUES (?,?,?,?,?,?)
			ON CONFLICT (carrier, state) DO UPDATE SET grace_days=excluded.grace_days, issue_day=excluded.issue_day,
			due_day=excluded.due_day, source=excluded.source`, r.Carrier, r.State, r.GraceDays, r.IssueDay, r.DueDay, r.Source)
		return err
	})
}
