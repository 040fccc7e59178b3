package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RulesEditor = (*DB)(nil)

// SaveRules replaces the rules table with rs in one transaction, audited
// with the table before and after. The rules are this desktop's: they are
// not queued for sync (the account service keeps its own).
func (db *DB) SaveRules(ctx context.Context, rs model.Rules) error {
	if !model.MayEditRules(model.PrincipalFrom(ctx)) {
		return model.Errorf(model.EFORBIDDEN, "Only the owner of this database or a Primary Group Administrator may change the rules.")
	}
	if err := rs.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		before, err := readRules(tx.ctx, tx.Tx)
		if err != nil {
			return err
		}
		if err := tx.writeRules(rs); err != nil {
			return err
		}
		b, err := marshalOrNil(before)
		if err != nil {
			return err
		}
		a, err := marshalOrNil(rs)
		if err != nil {
			return err
		}
		_, err = tx.audit(change{entity: model.EntityRules, entityID: "rules", action: model.ActionUpdate, summary: "Rules table changed"}, b, a)
		return err
	})
}

func (tx *Tx) writeRules(rs model.Rules) error {
	for _, q := range []string{`DELETE FROM event_rules`, `DELETE FROM retro_rules`} {
		if _, err := tx.exec(q); err != nil {
			return fmt.Errorf("clearing the rules: %w", err)
		}
	}
	for _, r := range rs.Events {
		if _, err := tx.exec(`INSERT INTO event_rules (state, segment, event, window_days, effective_rule, source) VALUES (?, ?, ?, ?, ?, ?)`,
			r.State, string(r.Segment), string(r.Event), r.WindowDays, string(r.Effective), r.Source); err != nil {
			return fmt.Errorf("writing the %s rule: %w", r.Event, err)
		}
	}
	for _, r := range rs.Retro {
		if _, err := tx.exec(`INSERT INTO retro_rules (carrier, state, kind, days, source) VALUES (?, ?, ?, ?, ?)`,
			r.Carrier, r.State, string(r.Limit), r.Days, r.Source); err != nil {
			return fmt.Errorf("writing a retro-termination rule: %w", err)
		}
	}
	return nil
}
