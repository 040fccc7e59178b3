package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

func (tx *Tx) saveUser(u *model.User) error {
	if u.ID == "" {
		u.ID = newID()
	}
	if u.Version == 0 {
		u.Version = 1
	}
	_, err := tx.exec(`INSERT INTO users (id, email, name, kind, firm, version, updated_at) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET email=excluded.email, name=excluded.name, kind=excluded.kind, firm=excluded.firm,
		version=excluded.version, updated_at=excluded.updated_at`,
		u.ID, u.Email, u.Name, string(u.Kind), u.Firm, u.Version, timeText(tx.now))
	if err != nil {
		return err
	}
	return tx.record(change{entity: model.EntityUser, entityID: u.ID, action: model.ActionCreate, after: u,
		summary: "User " + u.Email + " added"})
}

func (tx *Tx) saveGrant(g *model.Grant) error {
	if g.ID == "" {
		g.ID = newID()
	}
	if g.Version == 0 {
		g.Version = 1
	}
	if g.GrantedAt.IsZero() {
		g.GrantedAt = tx.now
	}
	if g.UserEmail == "" {
		// The grant carries who it is for, so desktops learn it with the grant.
		err := tx.QueryRowContext(tx.ctx, `SELECT email, name, kind FROM users WHERE id = ?`, g.UserID).Scan(&g.UserEmail, &g.UserName, &g.UserKind)
		if err != nil {
			return fmt.Errorf("finding the user of grant %s: %w", g.ID, err)
		}
	}
	_, err := tx.exec(`INSERT INTO grants (id, user_id, group_id, role, granted_by, granted_at, version, updated_at) VALUES (?,?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET role=excluded.role, version=excluded.version, updated_at=excluded.updated_at`,
		g.ID, g.UserID, g.GroupID, string(g.Role), g.GrantedBy, timeText(g.GrantedAt), g.Version, timeText(tx.now))
	if err != nil {
		return err
	}
	return tx.record(change{groupID: g.GroupID, entity: model.EntityGrant, entityID: g.ID, action: model.ActionCreate, after: g,
		summary: fmt.Sprintf("%s access granted", g.Role.Label())})
}

// Users lists the users this database knows.
func (db *DB) Users(ctx context.Context) ([]model.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, email, name, kind, firm, version FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("listing users: %w", err)
	}
	defer rows.Close()
	var out []model.User
	for rows.Next() {
		var u model.User
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.Kind, &u.Firm, &u.Version); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
