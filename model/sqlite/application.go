package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.ApplicationService = (*DB)(nil)

// Applications lists the applications in this database, newest first.
func (db *DB) Applications(ctx context.Context) ([]model.Application, error) {
	if model.PrincipalFrom(ctx) == nil {
		return nil, model.Errorf(model.EUNAUTH, "Sign in to see applications.")
	}
	out, err := queryAll(ctx, db.read, scanApplication, `SELECT data FROM applications ORDER BY updated_at DESC, legal_name`)
	if err != nil {
		return nil, fmt.Errorf("listing applications: %w", err)
	}
	return out, nil
}

func scanApplication(s scanner, a *model.Application) error {
	var data string
	if err := s.Scan(&data); err != nil {
		return err
	}
	return json.Unmarshal([]byte(data), a)
}

// Application returns one application.
func (db *DB) Application(ctx context.Context, id string) (model.Application, error) {
	var a model.Application
	if model.PrincipalFrom(ctx) == nil {
		return a, model.Errorf(model.EUNAUTH, "Sign in to see applications.")
	}
	return a, applicationIn(ctx, db.read, id, &a)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func applicationIn(ctx context.Context, q queryRower, id string, a *model.Application) error {
	err := scanApplication(q.QueryRowContext(ctx, `SELECT data FROM applications WHERE id = ?`, id), a)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "There is no application %s.", id)
	}
	return err
}

// SaveApplication creates a draft or saves changes to an application the
// applicant may still edit.
func (db *DB) SaveApplication(ctx context.Context, a *model.Application) error {
	undo := undoOnError(a)
	to := a.Status
	if to == "" {
		to = model.AppDraft
	}
	return undo(db.update(ctx, func(tx *Tx) error { return tx.applicantSave(a, to) }))
}

// SubmitApplication checks the application against the catalog and the
// carrier's settings and, if every check passes, submits it for sync.
func (db *DB) SubmitApplication(ctx context.Context, a *model.Application) error {
	cat, err := db.Catalog(ctx)
	if err != nil {
		return err
	}
	undo := undoOnError(a)
	return undo(db.update(ctx, func(tx *Tx) error {
		in := model.CheckInput{Settings: model.DefaultCarrierSettings, Catalog: cat, Today: model.DateOf(tx.now)}
		if err := model.ChecksError(a.Checks(in)); err != nil {
			return err
		}
		return tx.applicantSave(a, model.AppSubmitted)
	}))
}

// applicantSave writes the applicant's change, moving it to status to.
func (tx *Tx) applicantSave(a *model.Application, to model.ApplicationStatus) error {
	if !model.MayApply(tx.who) {
		return model.Errorf(model.EFORBIDDEN, "You do not have the quotes permission needed to apply for a new group.")
	}
	var before model.Application
	err := applicationIn(tx.ctx, tx, a.ID, &before)
	exists := err == nil && a.ID != ""
	switch {
	case err != nil && model.ErrorCode(err) != model.ENOTFOUND:
		return err
	case exists && before.OwnerID != tx.who.UserID:
		return model.Errorf(model.EFORBIDDEN, "That application belongs to someone else.")
	case exists && before.Version != a.Version:
		return model.Errorf(model.ECONFLICT, "The application was changed elsewhere. Reload it and try again.")
	}
	from := model.AppDraft
	if exists {
		from = before.Status
	}
	if err := model.CheckMove(from, to, false); err != nil {
		return err
	}
	if a.ID == "" {
		a.ID = newID()
	}
	a.OwnerID = tx.who.UserID
	a.History, a.GroupID = before.History, before.GroupID
	if to != from || !exists {
		a.History = append(a.History, model.StatusChange{At: tx.now, By: tx.who.Name, From: from, To: to})
	}
	a.Status = to
	var prev *model.Application
	if exists {
		prev = &before
	}
	return tx.writeApplication(a, prev)
}

// writeApplication stores an application (its version one up, unless it
// came from the account service with its own) and records the change in
// the applicant's feed scope.
func (tx *Tx) writeApplication(a *model.Application, before *model.Application) error {
	base := int64(0)
	if before != nil {
		base = before.Version
	}
	if !tx.remote || a.Version == 0 {
		a.Version = base + 1
	}
	a.UpdatedAt = tx.now
	data, _ := json.Marshal(a)
	if _, err := tx.exec(`INSERT INTO applications (id, owner_id, status, legal_name, data, version, updated_at) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET owner_id=excluded.owner_id, status=excluded.status, legal_name=excluded.legal_name,
		data=excluded.data, version=excluded.version, updated_at=excluded.updated_at`,
		a.ID, a.OwnerID, string(a.Status), a.Company.LegalName, string(data), a.Version, timeText(tx.now)); err != nil {
		return err
	}
	c := change{groupID: model.ApplicantScope(a.OwnerID), entity: model.EntityApplication, entityID: a.ID, action: model.ActionCreate,
		after: a, summary: fmt.Sprintf("Application of %s: %s", a.Company.LegalName, a.Status.Label())}
	if before != nil {
		c.action, c.before, c.baseVersion = model.ActionUpdate, before, base
	}
	return tx.record(c)
}
