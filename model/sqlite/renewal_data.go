package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// RenewalSettings reads the carrier's renewal settings table.
func (db *DB) RenewalSettings(ctx context.Context) ([]model.RenewalSetting, error) {
	return readRenewalSettings(ctx, db.read)
}

func readRenewalSettings(ctx context.Context, q querier) ([]model.RenewalSetting, error) {
	rows, err := q.QueryContext(ctx, `SELECT state, segment, lead_days, notice_days, cutoff_day, cutoff_days, source
		FROM renewal_settings ORDER BY state, segment`)
	if err != nil {
		return nil, fmt.Errorf("reading the renewal settings: %w", err)
	}
	defer rows.Close()
	var out []model.RenewalSetting
	for rows.Next() {
		var s model.RenewalSetting
		if err := rows.Scan(&s.State, &s.Segment, &s.LeadDays, &s.NoticeDays, &s.CutoffDay, &s.CutoffDays, &s.Source); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SaveRenewalSetting adds or replaces a row of the settings (the carrier's).
func (db *DB) SaveRenewalSetting(ctx context.Context, s model.RenewalSetting) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier changes its renewal settings.")
		}
		_, err := tx.exec(`INSERT INTO renewal_settings (state, segment, lead_days, notice_days, cutoff_day, cutoff_days, source)
			VALUES (?,?,?,?,?,?,?) ON CONFLICT (state, segment) DO UPDATE SET lead_days=excluded.lead_days,
			notice_days=excluded.notice_days, cutoff_day=excluded.cutoff_day, cutoff_days=excluded.cutoff_days, source=excluded.source`,
			s.State, string(s.Segment), s.LeadDays, s.NoticeDays, s.CutoffDay, s.CutoffDays, s.Source)
		return err
	})
}

// SaveRenewalRates adds or replaces rows of the carrier's renewal rate
// table. They are the carrier's data and stay on the service: a renewal
// offer carries the rates of its plans to the desktops.
func (db *DB) SaveRenewalRates(ctx context.Context, rates []model.RenewalRate) error {
	var p model.Problems
	for i := range rates {
		if err := rates[i].Validate(); err != nil {
			p = append(p, model.Errorf(model.EINVALID, "%s", model.ErrorMessage(err)))
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier files renewal rates.")
		}
		for _, r := range rates {
			data, _ := json.Marshal(r)
			if _, err := tx.exec(`INSERT INTO renewal_rates (plan_id, from_date, data) VALUES (?,?,?)
				ON CONFLICT (plan_id, from_date) DO UPDATE SET data=excluded.data`, r.PlanID, r.From.String(), string(data)); err != nil {
				return fmt.Errorf("saving the renewal rates of %s: %w", r.PlanID, err)
			}
		}
		return nil
	})
}

func readRenewalRates(ctx context.Context, q querier) ([]model.RenewalRate, error) {
	rows, err := q.QueryContext(ctx, `SELECT data FROM renewal_rates ORDER BY plan_id, from_date`)
	if err != nil {
		return nil, fmt.Errorf("reading the renewal rates: %w", err)
	}
	defer rows.Close()
	var out []model.RenewalRate
	for rows.Next() {
		var data string
		var r model.RenewalRate
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return nil, fmt.Errorf("reading a renewal rate: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
