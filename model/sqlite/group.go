package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.GroupService = (*DB)(nil)

const groupCols = `g.id, g.number, g.name, g.fein, g.industry, g.segment, g.addr_line1, g.addr_line2, g.city, g.state, g.zip,
	g.rating_area, g.effective_date, g.renewal_date, g.delivery, g.autopay, g.billing_units, g.contact_name, g.contact_email, g.version`

func scanGroup(s scanner, g *model.Group, extra ...any) error {
	var units string
	dest := []any{&g.ID, &g.Number, &g.Name, &g.FEIN, &g.Industry, &g.Segment,
		&g.Address.Line1, &g.Address.Line2, &g.Address.City, &g.Address.State, &g.Address.ZIP,
		&g.RatingArea, dateCol{&g.EffectiveDate}, dateCol{&g.RenewalDate}, &g.Delivery, &g.Autopay, &units,
		&g.ContactName, &g.ContactEmail, &g.Version}
	if err := s.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	return json.Unmarshal([]byte(units), &g.BillingUnits)
}

// Groups lists the groups the caller may see, by name, filtered by a search
// on number or name.
func (db *DB) Groups(ctx context.Context, search string) ([]model.GroupSummary, error) {
	who := model.PrincipalFrom(ctx)
	if who == nil {
		return nil, model.Errorf(model.EUNAUTH, "Sign in to see groups.")
	}
	q := `SELECT ` + groupCols + `,
		(SELECT count(*) FROM members m WHERE m.group_id = g.id AND m.relationship = 'employee' AND m.status != 'terminated'),
		(SELECT count(*) FROM members m WHERE m.group_id = g.id AND m.relationship != 'employee' AND m.status != 'terminated')
		FROM groups g WHERE 1=1`
	var args []any
	if s := strings.TrimSpace(search); s != "" {
		q += ` AND (g.number LIKE ? ESCAPE '\' OR g.sort_key LIKE ? ESCAPE '\')`
		like := "%" + likeEscape(foldKey(s)) + "%"
		args = append(args, "%"+likeEscape(s)+"%", like)
	}
	q += ` ORDER BY g.sort_key`
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("listing groups: %w", err)
	}
	defer rows.Close()
	var out []model.GroupSummary
	for rows.Next() {
		var gs model.GroupSummary
		if err := scanGroup(rows, &gs.Group, &gs.Subscribers, &gs.Dependents); err != nil {
			return nil, fmt.Errorf("reading a group: %w", err)
		}
		if who.Can(gs.ID, model.PermMembersView) || who.Can(gs.ID, model.PermBillingView) {
			out = append(out, gs)
		}
	}
	return out, rows.Err()
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func likeEscape(s string) string {
	return likeEscaper.Replace(s)
}

// Group returns one group.
func (db *DB) Group(ctx context.Context, id string) (model.Group, error) {
	var g model.Group
	if err := checkView(ctx, id); err != nil {
		return g, err
	}
	err := scanGroup(db.read.QueryRowContext(ctx, `SELECT `+groupCols+` FROM groups g WHERE g.id = ?`, id), &g)
	if errors.Is(err, sql.ErrNoRows) {
		return g, model.Errorf(model.ENOTFOUND, "There is no group %s.", id)
	}
	return g, err
}

func checkView(ctx context.Context, groupID string) error {
	who := model.PrincipalFrom(ctx)
	if who == nil {
		return model.Errorf(model.EUNAUTH, "Sign in to see this group.")
	}
	if who.Can(groupID, model.PermMembersView) || who.Can(groupID, model.PermBillingView) {
		return nil
	}
	return model.Errorf(model.EFORBIDDEN, "You do not have access to this group.")
}

// CreateGroup adds a group. Creating groups is the carrier's (or, on an
// unconnected desktop, the owner's) business.
func (db *DB) CreateGroup(ctx context.Context, g *model.Group) error {
	undo := undoOnError(g)
	return undo(db.update(ctx, func(tx *Tx) error { return tx.createGroup(g) }))
}

func (tx *Tx) createGroup(g *model.Group) error {
	if !tx.who.Owner && !tx.who.System && !tx.remote {
		return model.Errorf(model.EFORBIDDEN, "Only the carrier creates groups.")
	}
	if err := g.Validate(); err != nil {
		return err
	}
	if g.ID == "" {
		g.ID = newID()
	}
	if !tx.remote || g.Version == 0 {
		g.Version = 1
	}
	if err := tx.writeGroup(g, true); err != nil {
		return err
	}
	return tx.record(change{groupID: g.ID, entity: model.EntityGroup, entityID: g.ID, action: model.ActionCreate,
		after: g, summary: "Group " + g.Name + " created"})
}

// UpdateGroup saves a changed group if nobody changed it first.
func (db *DB) UpdateGroup(ctx context.Context, g *model.Group) error {
	undo := undoOnError(g)
	return undo(db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(g.ID, model.PermAccessManage); err != nil {
			return err
		}
		if err := g.Validate(); err != nil {
			return err
		}
		before, err := tx.groupForUpdate(g.ID)
		if err != nil {
			return err
		}
		if before.Version != g.Version {
			return model.Errorf(model.ECONFLICT, "%s was changed by someone else. Reload it and try again.", g.Name)
		}
		base := g.Version
		g.Version++
		if err := tx.writeGroup(g, false); err != nil {
			return err
		}
		return tx.record(change{groupID: g.ID, entity: model.EntityGroup, entityID: g.ID, action: model.ActionUpdate,
			before: before, after: g, baseVersion: base, summary: "Group details changed"})
	}))
}

func (tx *Tx) groupForUpdate(id string) (model.Group, error) {
	var g model.Group
	err := scanGroup(tx.QueryRowContext(tx.ctx, `SELECT `+groupCols+` FROM groups g WHERE g.id = ?`, id), &g)
	if errors.Is(err, sql.ErrNoRows) {
		return g, model.Errorf(model.ENOTFOUND, "There is no group %s.", id)
	}
	return g, err
}

func (tx *Tx) writeGroup(g *model.Group, insert bool) error {
	units, _ := json.Marshal(g.BillingUnits)
	if g.BillingUnits == nil {
		units = []byte("[]")
	}
	args := []any{g.Number, g.Name, foldKey(g.Name), g.FEIN, g.Industry, string(g.Segment),
		g.Address.Line1, g.Address.Line2, g.Address.City, g.Address.State, g.Address.ZIP,
		g.RatingArea, g.EffectiveDate.String(), g.RenewalDate.String(), string(g.Delivery), g.Autopay, string(units),
		g.ContactName, g.ContactEmail, g.Version, timeText(tx.now), g.ID}
	q := `UPDATE groups SET number=?, name=?, sort_key=?, fein=?, industry=?, segment=?, addr_line1=?, addr_line2=?, city=?, state=?, zip=?,
		rating_area=?, effective_date=?, renewal_date=?, delivery=?, autopay=?, billing_units=?, contact_name=?, contact_email=?,
		version=?, updated_at=? WHERE id=?`
	if insert {
		q = `INSERT INTO groups (number, name, sort_key, fein, industry, segment, addr_line1, addr_line2, city, state, zip,
			rating_area, effective_date, renewal_date, delivery, autopay, billing_units, contact_name, contact_email,
			version, updated_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	}
	_, err := tx.exec(q, args...)
	return err
}
