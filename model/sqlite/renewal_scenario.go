package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// RenewalScenarios lists a renewal's saved scenarios, newest first.
func (db *DB) RenewalScenarios(ctx context.Context, renewalID string) ([]model.RenewalScenario, error) {
	if _, err := db.Renewal(ctx, renewalID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT data FROM renewal_scenarios WHERE renewal_id = ? ORDER BY updated_at DESC, name`, renewalID)
	if err != nil {
		return nil, fmt.Errorf("listing renewal scenarios: %w", err)
	}
	defer rows.Close()
	var out []model.RenewalScenario
	for rows.Next() {
		var data string
		var s model.RenewalScenario
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &s); err != nil {
			return nil, fmt.Errorf("reading a renewal scenario: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveRenewalScenario adds a scenario or replaces one of the same ID. It
// is audited but not queued for sync: a scenario is this desktop's working
// paper; only the one submitted travels, inside the submission.
func (db *DB) SaveRenewalScenario(ctx context.Context, s *model.RenewalScenario) error {
	r, err := db.Renewal(ctx, s.RenewalID)
	if err != nil {
		return err
	}
	if err := s.Validate(&r.Offer); err != nil {
		return err
	}
	undo := undoOnError(s)
	return undo(db.updateWith(ctx, true, "", func(tx *Tx) error {
		if s.ID == "" {
			s.ID = newID()
		}
		var old int64
		_ = tx.QueryRowContext(tx.ctx, `SELECT version FROM renewal_scenarios WHERE id = ?`, s.ID).Scan(&old)
		s.Version, s.UpdatedAt = old+1, tx.now
		data, _ := json.Marshal(s)
		if _, err := tx.exec(`INSERT INTO renewal_scenarios (id, renewal_id, name, data, version, updated_at) VALUES (?,?,?,?,?,?)
			ON CONFLICT (id) DO UPDATE SET name=excluded.name, data=excluded.data, version=excluded.version, updated_at=excluded.updated_at`,
			s.ID, s.RenewalID, s.Name, string(data), s.Version, timeText(tx.now)); err != nil {
			return err
		}
		return tx.record(change{groupID: r.GroupID, entity: "renewal_scenario", entityID: s.ID, action: model.ActionCreate,
			after:   map[string]any{"id": s.ID, "renewal_id": s.RenewalID, "name": s.Name, "plans": s.Plans, "version": s.Version},
			summary: "Renewal scenario " + s.Name + " saved"})
	}))
}
