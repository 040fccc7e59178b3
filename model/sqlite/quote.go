package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.ScenarioService = (*DB)(nil)

// Scenarios lists the saved quote scenarios, newest first.
func (db *DB) Scenarios(ctx context.Context) ([]model.QuoteScenario, error) {
	if !model.MayApply(model.PrincipalFrom(ctx)) {
		return nil, model.Errorf(model.EFORBIDDEN, "You do not have the quotes permission.")
	}
	rows, err := db.read.QueryContext(ctx, `SELECT data FROM quote_scenarios ORDER BY updated_at DESC, name`)
	if err != nil {
		return nil, fmt.Errorf("listing scenarios: %w", err)
	}
	defer rows.Close()
	var out []model.QuoteScenario
	for rows.Next() {
		var data string
		var s model.QuoteScenario
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &s); err != nil {
			return nil, fmt.Errorf("reading a scenario: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveScenario adds a scenario or replaces one of the same ID. A scenario
// is audited but not queued for sync: it is this desktop's working paper.
func (db *DB) SaveScenario(ctx context.Context, s *model.QuoteScenario) error {
	undo := undoOnError(s)
	return undo(db.updateWith(ctx, true, "", func(tx *Tx) error {
		if !model.MayApply(tx.who) {
			return model.Errorf(model.EFORBIDDEN, "You do not have the quotes permission.")
		}
		if err := s.Validate(); err != nil {
			return err
		}
		if s.ID == "" {
			s.ID = newID()
		}
		var old int64
		_ = tx.QueryRowContext(tx.ctx, `SELECT version FROM quote_scenarios WHERE id = ?`, s.ID).Scan(&old)
		s.Version, s.UpdatedAt = old+1, tx.now
		data, _ := json.Marshal(s)
		if _, err := tx.exec(`INSERT INTO quote_scenarios (id, name, group_id, data, version, updated_at) VALUES (?,?,?,?,?,?)
			ON CONFLICT (id) DO UPDATE SET name=excluded.name, group_id=excluded.group_id, data=excluded.data,
			version=excluded.version, updated_at=excluded.updated_at`,
			s.ID, s.Name, s.GroupID, string(data), s.Version, timeText(tx.now)); err != nil {
			return err
		}
		return tx.record(change{groupID: s.GroupID, entity: "quote", entityID: s.ID, action: model.ActionCreate,
			after: map[string]any{"id": s.ID, "name": s.Name, "plans": s.PlanIDs, "version": s.Version}, summary: "Quote scenario " + s.Name + " saved"})
	}))
}
