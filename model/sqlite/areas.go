package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// curveRecord is a custom age curve as stored and as the change feed
// carries it.
type curveRecord struct {
	Name    string           `json:"name"`
	Factors [65]model.Factor `json:"factors"`
	Version int64            `json:"version"`
}

// The feed's entity IDs are unique across entities: areas and curves take
// a prefix so that an area may share its name with a plan.
func areaEntityID(id string) string    { return "area:" + id }
func curveEntityID(name string) string { return "curve:" + name }

// RatingAreas lists the rating areas by ID.
func (db *DB) RatingAreas(ctx context.Context) ([]model.RatingArea, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, state, zips, version FROM rating_areas ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("listing rating areas: %w", err)
	}
	defer rows.Close()
	var out []model.RatingArea
	for rows.Next() {
		var a model.RatingArea
		var zips string
		if err := rows.Scan(&a.ID, &a.State, &zips, &a.Version); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(zips), &a.ZIPs); err != nil {
			return nil, fmt.Errorf("area %s: %w", a.ID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AgeCurves lists the custom age curves by name.
func (db *DB) AgeCurves(ctx context.Context) ([]model.AgeCurve, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT name, factors FROM age_curves ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("listing age curves: %w", err)
	}
	defer rows.Close()
	var out []model.AgeCurve
	for rows.Next() {
		var c model.AgeCurve
		var factors string
		if err := rows.Scan(&c.Name, &factors); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(factors), &c.Factors); err != nil {
			return nil, fmt.Errorf("curve %s: %w", c.Name, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Catalog returns the whole plan catalog: areas, custom curves and plans.
func (db *DB) Catalog(ctx context.Context) (*model.Catalog, error) {
	plans, err := db.Plans(ctx)
	if err != nil {
		return nil, err
	}
	areas, err := db.RatingAreas(ctx)
	if err != nil {
		return nil, err
	}
	curves, err := db.AgeCurves(ctx)
	if err != nil {
		return nil, err
	}
	return &model.Catalog{Areas: areas, Curves: curves, Plans: plans}, nil
}

func (tx *Tx) saveArea(a *model.RatingArea) error {
	if err := a.Validate(); err != nil {
		return err
	}
	var before model.RatingArea
	var zips string
	err := tx.QueryRowContext(tx.ctx, `SELECT id, state, zips, version FROM rating_areas WHERE id = ?`, a.ID).Scan(&before.ID, &before.State, &zips, &before.Version)
	exists := err == nil
	_ = json.Unmarshal([]byte(zips), &before.ZIPs)
	if !tx.remote || a.Version == 0 {
		a.Version = before.Version + 1
	}
	b, _ := json.Marshal(a.ZIPs)
	if _, err := tx.exec(`INSERT INTO rating_areas (id, state, zips, version, updated_at) VALUES (?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET state=excluded.state, zips=excluded.zips, version=excluded.version, updated_at=excluded.updated_at`,
		a.ID, a.State, string(b), a.Version, timeText(tx.now)); err != nil {
		return err
	}
	c := change{entity: model.EntityArea, entityID: areaEntityID(a.ID), action: model.ActionCreate, after: a, summary: "Rating area " + a.ID + " added"}
	if exists {
		c.action, c.before, c.baseVersion, c.summary = model.ActionUpdate, before, before.Version, "Rating area "+a.ID+" changed"
	}
	return tx.record(c)
}

func (tx *Tx) saveCurve(cv *model.AgeCurve, version int64) error {
	if err := cv.Validate(); err != nil {
		return err
	}
	var old int64
	err := tx.QueryRowContext(tx.ctx, `SELECT version FROM age_curves WHERE name = ?`, cv.Name).Scan(&old)
	exists := err == nil
	rec := curveRecord{Name: cv.Name, Factors: cv.Factors, Version: version}
	if !tx.remote || version == 0 {
		rec.Version = old + 1
	}
	b, _ := json.Marshal(cv.Factors)
	if _, err := tx.exec(`INSERT INTO age_curves (name, factors, version, updated_at) VALUES (?,?,?,?)
		ON CONFLICT (name) DO UPDATE SET factors=excluded.factors, version=excluded.version, updated_at=excluded.updated_at`,
		cv.Name, string(b), rec.Version, timeText(tx.now)); err != nil {
		return err
	}
	c := change{entity: model.EntityCurve, entityID: curveEntityID(cv.Name), action: model.ActionCreate, after: rec, summary: "Age curve " + cv.Name + " added"}
	if exists {
		c.action, c.baseVersion, c.summary = model.ActionUpdate, old, "Age curve "+cv.Name+" changed"
	}
	return tx.record(c)
}

// ImportCatalog adds or replaces the areas, curves and plans of a plans
// file in one transaction: all or nothing. Plans already in the store and
// not in the file stay. The catalog is checked whole first, with the areas
// already stored counting as defined. On a desktop the catalog is loaded
// like the account service's (audited, not queued for sync: the carrier's
// catalog is not the desktop's to change); on the service it goes to the
// change feed.
func (db *DB) ImportCatalog(ctx context.Context, cat *model.Catalog) error {
	stored, err := db.RatingAreas(ctx)
	if err != nil {
		return err
	}
	merged := mergeAreas(stored, cat.Areas)
	check := model.Catalog{Areas: merged, Curves: cat.Curves, Plans: cat.Plans}
	if err := check.Validate(); err != nil {
		return err
	}
	return db.updateWith(ctx, !db.server, newID(), func(tx *Tx) error {
		if !tx.who.Owner && !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier changes the plan catalog.")
		}
		return tx.saveCatalog(cat)
	})
}

func (tx *Tx) saveCatalog(cat *model.Catalog) error {
	for i := range cat.Areas {
		if err := tx.saveArea(&cat.Areas[i]); err != nil {
			return fmt.Errorf("area %s: %w", cat.Areas[i].ID, err)
		}
	}
	for i := range cat.Curves {
		if err := tx.saveCurve(&cat.Curves[i], 0); err != nil {
			return fmt.Errorf("curve %s: %w", cat.Curves[i].Name, err)
		}
	}
	for i := range cat.Plans {
		p := &cat.Plans[i]
		var old int64
		_ = tx.QueryRowContext(tx.ctx, `SELECT version FROM plans WHERE id = ?`, p.ID).Scan(&old)
		p.Version = old
		if tx.remote {
			p.Version = old + 1
		}
		if err := tx.savePlan(p); err != nil {
			return fmt.Errorf("plan %s: %w", p.ID, err)
		}
	}
	return nil
}

// mergeAreas is stored with the file's areas replacing those of the same ID.
func mergeAreas(stored, file []model.RatingArea) []model.RatingArea {
	byID := map[string]bool{}
	for _, a := range file {
		byID[a.ID] = true
	}
	out := append([]model.RatingArea(nil), file...)
	for _, a := range stored {
		if !byID[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

// saveBookAreas writes the rating areas of a book being loaded.
func (tx *Tx) saveBookAreas(b *model.Book) error {
	for i := range b.Areas {
		if err := tx.saveArea(&b.Areas[i]); err != nil {
			return fmt.Errorf("area %s: %w", b.Areas[i].ID, err)
		}
	}
	return nil
}
