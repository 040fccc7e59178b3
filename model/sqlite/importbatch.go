package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.ImportService = (*DB)(nil)

// ImportRoster returns every member of a group, ended coverage included:
// an import matches the file against all of them.
func (db *DB) ImportRoster(ctx context.Context, groupID string) ([]model.Member, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, db.read, scanMember, `SELECT `+memberCols+` FROM members m WHERE m.group_id = ?`, groupID)
	if err != nil {
		return nil, fmt.Errorf("reading the roster: %w", err)
	}
	return out, nil
}

// ApplyImport applies an import plan in one transaction, as one audit
// batch: adds, changes and terminations, each audited and queued for sync.
// A member changed since the preview makes the whole import fail.
func (db *DB) ApplyImport(ctx context.Context, plan *model.ImportPlan) (model.ImportBatch, error) {
	b := model.ImportBatch{ID: newID(), GroupID: plan.GroupID, File: filepath.Base(plan.File),
		Adds: len(plan.Adds), Changes: len(plan.Changes), Terms: len(plan.Terms)}
	switch {
	case plan.Blocked():
		return b, model.Errorf(model.EINVALID, "The file still has %d errors. Fix them, or choose to leave the rows with errors out.", plan.Errors())
	case plan.Empty():
		return b, model.Errorf(model.EINVALID, "The file changes nothing in the roster.")
	}
	err := db.updateWith(ctx, false, b.ID, func(tx *Tx) error {
		if err := tx.who.Check(plan.GroupID, model.PermMembersEdit); err != nil {
			return err
		}
		first, err := tx.lastAuditSeq()
		if err != nil {
			return err
		}
		if err := tx.applyPlan(plan, b.File); err != nil {
			return err
		}
		last, err := tx.lastAuditSeq()
		if err != nil {
			return err
		}
		b.AppliedAt, b.Actor = tx.now, tx.who.Name
		_, err = tx.exec(`INSERT INTO import_batches (id, group_id, file, applied_at, actor, adds, changes, terms, first_seq, last_seq)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, b.ID, b.GroupID, b.File, tx.stamp(), b.Actor, b.Adds, b.Changes, b.Terms, first+1, last)
		return err
	})
	return b, err
}

// applyPlan writes the plan: new subscribers before their dependents, then
// the changes and terminations.
func (tx *Tx) applyPlan(plan *model.ImportPlan, file string) error {
	if err := tx.withIndexesAfter(len(plan.Adds), func() error { return tx.addAll(plan, file) }); err != nil {
		return err
	}
	for _, list := range [][]model.ImportChange{plan.Changes, plan.Terms} {
		for _, ch := range list {
			if err := tx.applyImportChange(ch, file); err != nil {
				return err
			}
		}
	}
	return nil
}

// addAll writes the people the import adds, subscribers first. They are
// made ready to write (their history images taken) on another goroutine
// while the transaction writes the ones before them.
func (tx *Tx) addAll(plan *model.ImportPlan, file string) error {
	chunks, stop := make(chan []newMember, 4), make(chan struct{})
	defer close(stop)
	go func() {
		defer close(chunks)
		chunk := make([]newMember, 0, bulkRows)
		for _, subscribers := range []bool{true, false} {
			for i := range plan.Adds {
				if plan.Adds[i].After.IsSubscriber() != subscribers {
					continue
				}
				if chunk = append(chunk, tx.imported(&plan.Adds[i], file)); len(chunk) < bulkRows {
					continue
				}
				select {
				case chunks <- chunk:
					chunk = make([]newMember, 0, bulkRows)
				case <-stop:
					return
				}
			}
		}
		select {
		case chunks <- chunk:
		case <-stop:
		}
	}()
	for chunk := range chunks {
		if err := tx.insertMembers(chunk); err != nil {
			return err
		}
	}
	return nil
}

// imported is a member the import adds, as insertMembers writes it.
func (tx *Tx) imported(ch *model.ImportChange, file string) newMember {
	m := ch.After
	m.Version, m.UpdatedAt = 1, tx.now
	return addition(&m, m.FullName()+" added by the import of "+file, fmt.Sprintf("adding %s (row %d)", m.FullName(), ch.Row))
}

// applyImportChange writes one changed member, if nobody changed it since
// the preview.
func (tx *Tx) applyImportChange(ch model.ImportChange, file string) error {
	current, err := tx.memberForUpdate(ch.Before.ID)
	if err != nil {
		return err
	}
	if current.Version != ch.Before.Version {
		return model.Errorf(model.ECONFLICT, "%s was changed after the preview. Preview the file again.", current.FullName())
	}
	m := ch.After
	note := fmt.Sprintf("%s changed by the import of %s", m.FullName(), file)
	if ch.Row == 0 {
		note = fmt.Sprintf("%s terminated by the import of %s (not in the file)", m.FullName(), file)
	}
	return tx.saveMemberImage(&current, &m, note)
}

// LastImport returns the group's most recent import.
func (db *DB) LastImport(ctx context.Context, groupID string) (model.ImportBatch, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return model.ImportBatch{}, err
	}
	b, _, err := lastImport(ctx, db.read, groupID)
	return b, err
}

// importSeqs is the span of the audit log an import wrote.
type importSeqs struct{ first, last int64 }

func lastImport(ctx context.Context, q querier, groupID string) (model.ImportBatch, importSeqs, error) {
	var b model.ImportBatch
	var s importSeqs
	var undone string
	err := q.QueryRowContext(ctx, `SELECT id, group_id, file, applied_at, actor, adds, changes, terms, first_seq, last_seq, undone_at
		FROM import_batches WHERE group_id = ? ORDER BY applied_at DESC, rowid DESC LIMIT 1`, groupID).Scan(
		&b.ID, &b.GroupID, &b.File, timeCol{&b.AppliedAt}, &b.Actor, &b.Adds, &b.Changes, &b.Terms, &s.first, &s.last, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		return b, s, model.Errorf(model.ENOTFOUND, "No file has been imported into this group.")
	}
	if err != nil {
		return b, s, fmt.Errorf("reading the last import: %w", err)
	}
	if undone != "" {
		err = timeCol{&b.UndoneAt}.Scan(undone)
	}
	return b, s, err
}
