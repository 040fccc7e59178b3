package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// Principal builds the acting principal of a user from their grants.
func (db *DB) Principal(ctx context.Context, userID string) (*model.Principal, error) {
	u, err := db.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	grants, err := db.UserGrants(ctx, userID)
	if err != nil {
		return nil, err
	}
	p := &model.Principal{UserID: u.ID, Name: u.Name, Grants: map[string]model.Role{}}
	for _, g := range grants {
		p.Grants[g.GroupID] = g.Role
	}
	return p, nil
}

// User returns one user.
func (db *DB) User(ctx context.Context, id string) (model.User, error) {
	return scanUser(db.read.QueryRowContext(ctx, `SELECT id, email, name, kind, firm, version FROM users WHERE id = ?`, id))
}

// UserByEmail returns the user with an email address (any case).
func (db *DB) UserByEmail(ctx context.Context, email string) (model.User, error) {
	return scanUser(db.read.QueryRowContext(ctx, `SELECT id, email, name, kind, firm, version FROM users WHERE email = ?`, strings.TrimSpace(email)))
}

func scanUser(row *sql.Row) (model.User, error) {
	var u model.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Kind, &u.Firm, &u.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return u, model.Errorf(model.ENOTFOUND, "There is no such user.")
	}
	return u, err
}

const grantCols = `g.id, g.user_id, g.group_id, g.role, g.granted_by, g.granted_at, g.version, u.email, u.name, u.kind`

func scanGrant(s scanner, g *model.Grant) error {
	return s.Scan(&g.ID, &g.UserID, &g.GroupID, &g.Role, &g.GrantedBy, timeCol{&g.GrantedAt}, &g.Version, &g.UserEmail, &g.UserName, &g.UserKind)
}

func (db *DB) queryGrants(ctx context.Context, where string, arg any) ([]model.Grant, error) {
	out, err := queryAll(ctx, db.read, scanGrant, `SELECT `+grantCols+` FROM grants g JOIN users u ON u.id = g.user_id WHERE `+where+` ORDER BY u.name`, arg)
	if err != nil {
		return nil, fmt.Errorf("reading grants: %w", err)
	}
	return out, nil
}

// UserGrants returns the groups a user has access to, with their roles.
func (db *DB) UserGrants(ctx context.Context, userID string) ([]model.Grant, error) {
	return db.queryGrants(ctx, `g.user_id = ?`, userID)
}

// GroupGrants returns who has access to a group. It needs access.manage.
func (db *DB) GroupGrants(ctx context.Context, groupID string) ([]model.Grant, error) {
	if err := checkPerm(ctx, groupID, model.PermAccessManage); err != nil {
		return nil, err
	}
	return db.queryGrants(ctx, `g.group_id = ?`, groupID)
}

func (tx *Tx) grant(id string) (model.Grant, error) {
	var g model.Grant
	err := scanGrant(tx.QueryRowContext(tx.ctx, `SELECT `+grantCols+` FROM grants g JOIN users u ON u.id = g.user_id WHERE g.id = ?`, id), &g)
	if errors.Is(err, sql.ErrNoRows) {
		return g, model.Errorf(model.ENOTFOUND, "That access was already removed.")
	}
	return g, err
}

// ChangeRole gives a user another role in a group. The group's Primary
// Group Administrator keeps theirs: a group always has one.
func (db *DB) ChangeRole(ctx context.Context, groupID, grantID string, role model.Role) (model.Grant, error) {
	var out model.Grant
	err := db.update(ctx, func(tx *Tx) error {
		g, err := tx.manageable(groupID, grantID)
		if err != nil {
			return err
		}
		if _, ok := model.RolePermissions[role]; !ok || role == model.RolePGA {
			return model.Errorf(model.EINVALID, "%q is not a role that can be given here.", role)
		}
		if role == model.RoleBroker && g.UserKind != model.UserBroker || role != model.RoleBroker && g.UserKind == model.UserBroker {
			return model.Errorf(model.EINVALID, "Brokers have the broker role, and only brokers.")
		}
		before := g
		g.Role = role
		g.Version++
		if _, err := tx.exec(`UPDATE grants SET role = ?, version = ?, updated_at = ? WHERE id = ?`, string(role), g.Version, tx.stamp(), g.ID); err != nil {
			return err
		}
		out = g
		return tx.record(change{groupID: groupID, entity: model.EntityGrant, entityID: g.ID, action: model.ActionUpdate,
			before: before, after: g, baseVersion: before.Version, summary: fmt.Sprintf("%s's role changed to %s", g.UserName, role.Label())})
	})
	return out, err
}

// RevokeGrant removes a user's access to a group.
func (db *DB) RevokeGrant(ctx context.Context, groupID, grantID string) error {
	return db.update(ctx, func(tx *Tx) error {
		g, err := tx.manageable(groupID, grantID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM grants WHERE id = ?`, g.ID); err != nil {
			return err
		}
		return tx.record(change{groupID: groupID, entity: model.EntityGrant, entityID: g.ID, action: model.ActionDelete,
			before: g, baseVersion: g.Version, summary: fmt.Sprintf("%s's access removed", g.UserName)})
	})
}

// manageable returns a grant of the group that the caller may change.
func (tx *Tx) manageable(groupID, grantID string) (model.Grant, error) {
	if err := tx.who.Check(groupID, model.PermAccessManage); err != nil {
		return model.Grant{}, err
	}
	g, err := tx.grant(grantID)
	if err != nil {
		return g, err
	}
	switch {
	case g.GroupID != groupID:
		return g, model.Errorf(model.ENOTFOUND, "That access belongs to another group.")
	case g.Role == model.RolePGA:
		return g, model.Errorf(model.EINVALID, "The Primary Group Administrator's access is changed by a group officer, not here.")
	}
	return g, nil
}

// GrantBroker gives an existing broker user access to a group. The PGA
// grants and revokes broker access per group.
func (db *DB) GrantBroker(ctx context.Context, groupID, email string) (model.Grant, error) {
	var out model.Grant
	err := db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(groupID, model.PermAccessManage); err != nil {
			return err
		}
		u, err := scanUser(tx.QueryRowContext(tx.ctx, `SELECT id, email, name, kind, firm, version FROM users WHERE email = ?`, strings.TrimSpace(email)))
		if err != nil {
			return model.Errorf(model.ENOTFOUND, "No broker is registered with %s.", email)
		}
		if u.Kind != model.UserBroker {
			return model.Errorf(model.EINVALID, "%s is not a broker's account.", email)
		}
		out = model.Grant{UserID: u.ID, GroupID: groupID, Role: model.RoleBroker, GrantedBy: tx.who.UserID,
			UserEmail: u.Email, UserName: u.Name, UserKind: u.Kind}
		return tx.insertGrant(&out)
	})
	return out, err
}

// insertGrant adds a new grant, refusing a second one for the same user
// and group.
func (tx *Tx) insertGrant(g *model.Grant) error {
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM grants WHERE user_id = ? AND group_id = ?`, g.UserID, g.GroupID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.Errorf(model.ECONFLICT, "%s already has access to this group.", g.UserEmail)
	}
	g.ID, g.Version = "", 0
	return tx.saveGrant(g)
}
