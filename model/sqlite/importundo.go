package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// UndoImport undoes the group's last import in one transaction, audited
// and queued like any change: the people it added are removed and the
// people it changed get their before-images back. It refuses when anyone
// the import touched was changed since, rather than lose that change.
func (db *DB) UndoImport(ctx context.Context, groupID string) (model.ImportBatch, error) {
	var b model.ImportBatch
	err := db.updateWith(ctx, false, newID(), func(tx *Tx) error {
		if err := tx.who.Check(groupID, model.PermMembersEdit); err != nil {
			return err
		}
		var seqs importSeqs
		var err error
		b, seqs, err = lastImport(tx.ctx, tx.Tx, groupID)
		if err != nil {
			return err
		}
		if !b.UndoneAt.IsZero() {
			return model.Errorf(model.EINVALID, "The last import (%s, %s) was already undone.", b.File, b.AppliedAt.Local().Format("Jan 2 3:04 PM"))
		}
		entries, err := tx.importEntries(b.ID, seqs)
		if err != nil {
			return err
		}
		for i := len(entries) - 1; i >= 0; i-- { // dependents before their subscriber
			if err := tx.undoEntry(entries[i], b.File); err != nil {
				return err
			}
		}
		b.UndoneAt = tx.now
		_, err = tx.exec(`UPDATE import_batches SET undone_at = ?, undo_batch = ? WHERE id = ?`, tx.stamp(), tx.batch, b.ID)
		return err
	})
	return b, err
}

// importEntry is one member an import wrote: what it was and became.
type importEntry struct {
	action        model.Action
	before, after model.Member
}

func (tx *Tx) importEntries(batch string, s importSeqs) ([]importEntry, error) {
	rows, err := tx.QueryContext(tx.ctx, `SELECT action, coalesce(before, ''), coalesce(after, '') FROM audit
		WHERE seq BETWEEN ? AND ? AND batch = ? AND entity = ? ORDER BY seq`, s.first, s.last, batch, model.EntityMember)
	if err != nil {
		return nil, fmt.Errorf("reading the import's audit entries: %w", err)
	}
	defer rows.Close()
	var out []importEntry
	for rows.Next() {
		var e importEntry
		var before, after string
		if err := rows.Scan(&e.action, &before, &after); err != nil {
			return nil, err
		}
		if err := unmarshalImage(before, &e.before); err != nil {
			return nil, err
		}
		if err := unmarshalImage(after, &e.after); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func unmarshalImage(s string, m *model.Member) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), m); err != nil {
		return fmt.Errorf("reading a before-image: %w", err)
	}
	return nil
}

// undoEntry removes a member the import added, or restores the one it
// changed, if nobody changed them since.
func (tx *Tx) undoEntry(e importEntry, file string) error {
	current, err := tx.memberForUpdate(e.after.ID)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return model.Errorf(model.ECONFLICT, "%s was removed after the import, so it cannot be undone.", e.after.FullName())
	}
	if err != nil {
		return err
	}
	if current.Version != e.after.Version {
		return model.Errorf(model.ECONFLICT, "%s was changed after the import. Undoing it would lose that change, so nothing was undone.", current.FullName())
	}
	if e.action == model.ActionCreate {
		return tx.removeMember(&current, fmt.Sprintf("%s removed: the import of %s was undone", current.FullName(), file))
	}
	restored := e.before
	return tx.saveMemberImage(&current, &restored, fmt.Sprintf("%s restored: the import of %s was undone", current.FullName(), file))
}

// removeMember deletes a member, audited and queued as a deletion.
func (tx *Tx) removeMember(m *model.Member, note string) error {
	if _, err := tx.exec(`DELETE FROM members WHERE id = ?`, m.ID); err != nil {
		return fmt.Errorf("removing %s: %w", m.FullName(), err)
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionDelete,
		before: m, baseVersion: m.Version, summary: note})
}
