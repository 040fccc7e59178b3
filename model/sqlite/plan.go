package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.PlanService = (*DB)(nil)

const planCols = `id, name, type, metal, year, benefits, rating, successor, version`

func scanPlan(s scanner, p *model.Plan) error {
	var benefits, rating string
	if err := s.Scan(&p.ID, &p.Name, &p.Type, &p.Metal, &p.Year, &benefits, &rating, &p.Successor, &p.Version); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(benefits), &p.Benefits); err != nil {
		return fmt.Errorf("plan %s benefits: %w", p.ID, err)
	}
	if err := json.Unmarshal([]byte(rating), &p.Rating); err != nil {
		return fmt.Errorf("plan %s rating: %w", p.ID, err)
	}
	return nil
}

// Plans lists the plan catalog by name. The catalog is public to every
// signed-in user: quoting needs it.
func (db *DB) Plans(ctx context.Context) ([]model.Plan, error) {
	if model.PrincipalFrom(ctx) == nil {
		return nil, model.Errorf(model.EUNAUTH, "Sign in to see plans.")
	}
	out, err := queryAll(ctx, db.read, scanPlan, `SELECT `+planCols+` FROM plans ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("listing plans: %w", err)
	}
	return out, nil
}

// Plan returns one plan.
func (db *DB) Plan(ctx context.Context, id string) (model.Plan, error) {
	var p model.Plan
	if model.PrincipalFrom(ctx) == nil {
		return p, model.Errorf(model.EUNAUTH, "Sign in to see plans.")
	}
	err := scanPlan(db.read.QueryRowContext(ctx, `SELECT `+planCols+` FROM plans WHERE id = ?`, id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.Errorf(model.ENOTFOUND, "There is no plan %s.", id)
	}
	return p, err
}

// SavePlan adds a plan or replaces it, if nobody changed it first.
func (db *DB) SavePlan(ctx context.Context, p *model.Plan) error {
	undo := undoOnError(p)
	return undo(db.update(ctx, func(tx *Tx) error { return tx.savePlan(p) }))
}

func (tx *Tx) savePlan(p *model.Plan) error {
	if !tx.who.Owner && !tx.who.System && !tx.remote {
		return model.Errorf(model.EFORBIDDEN, "Only the carrier changes the plan catalog.")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	var before *model.Plan
	var old model.Plan
	err := scanPlan(tx.QueryRowContext(tx.ctx, `SELECT `+planCols+` FROM plans WHERE id = ?`, p.ID), &old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	default:
		before = &old
		if !tx.remote && old.Version != p.Version {
			return model.Errorf(model.ECONFLICT, "Plan %s was changed by someone else. Reload it and try again.", p.ID)
		}
	}
	base := p.Version
	switch {
	case tx.remote && p.Version > 0:
	case before != nil:
		p.Version = before.Version + 1
	default:
		p.Version = 1
	}
	benefits, _ := json.Marshal(p.Benefits)
	rating, _ := json.Marshal(p.Rating)
	_, err = tx.exec(`INSERT INTO plans (id, name, type, metal, year, benefits, rating, successor, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET name=excluded.name, type=excluded.type, metal=excluded.metal, year=excluded.year,
		benefits=excluded.benefits, rating=excluded.rating, successor=excluded.successor, version=excluded.version,
		updated_at=excluded.updated_at`,
		p.ID, p.Name, string(p.Type), string(p.Metal), p.Year, string(benefits), string(rating), p.Successor, p.Version, timeText(tx.now))
	if err != nil {
		return err
	}
	c := change{entity: model.EntityPlan, entityID: p.ID, action: model.ActionCreate, after: p, summary: "Plan " + p.Name + " added"}
	if before != nil {
		c.action, c.before, c.baseVersion, c.summary = model.ActionUpdate, before, base, "Plan "+p.Name+" changed"
	}
	return tx.record(c)
}
