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

var _ model.DocumentService = (*DB)(nil)

// Documents lists a group's documents that match the query, the most
// recently changed first.
func (db *DB) Documents(ctx context.Context, q model.DocumentQuery) ([]model.Document, error) {
	if err := checkPerm(ctx, q.GroupID, model.PermDocumentsView); err != nil {
		return nil, err
	}
	where, args := documentFilter(q)
	out, err := queryAll(ctx, db.read, scanDocument, `SELECT data, version FROM documents d WHERE `+where+` ORDER BY updated_at DESC, rowid DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing documents: %w", err)
	}
	return out, nil
}

// documentFilter is the WHERE clause of a document query.
func documentFilter(q model.DocumentQuery) (string, []any) {
	conds, args := []string{"d.group_id = ?"}, []any{q.GroupID}
	if q.Kind != "" {
		conds, args = append(conds, "d.kind = ?"), append(args, string(q.Kind))
	}
	if q.LinkID != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM json_each(d.data, '$.links') l
			WHERE l.value ->> '$.kind' = ? AND l.value ->> '$.id' = ?)`)
		args = append(args, string(q.LinkKind), q.LinkID)
	}
	if expr := searchExpr(foldKey(q.Search)); expr != "" {
		conds = append(conds, "d.rowid IN (SELECT rowid FROM document_search WHERE document_search MATCH ?)")
		args = append(args, expr)
	}
	return strings.Join(conds, " AND "), args
}

// Document returns one document.
func (db *DB) Document(ctx context.Context, id string) (model.Document, error) {
	var d model.Document
	if err := documentIn(ctx, db.read, id, &d); err != nil {
		return d, err
	}
	return d, checkPerm(ctx, d.GroupID, model.PermDocumentsView)
}

func scanDocument(s scanner, d *model.Document) error {
	var data string
	var version int64
	if err := s.Scan(&data, &version); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(data), d); err != nil {
		return fmt.Errorf("reading a document: %w", err)
	}
	d.Version = version
	return nil
}

func documentIn(ctx context.Context, q querier, id string, d *model.Document) error {
	err := scanDocument(q.QueryRowContext(ctx, `SELECT data, version FROM documents WHERE id = ?`, id), d)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "There is no document %s: it may have been deleted.", id)
	}
	return err
}

// documentWords is what search finds a document by besides its title.
func documentWords(d *model.Document) string {
	parts := []string{d.Kind.Label()}
	parts = append(parts, d.Tags...)
	for _, l := range d.Links {
		parts = append(parts, l.Label)
	}
	for _, f := range d.Files {
		parts = append(parts, f.Name)
	}
	return foldKey(strings.Join(parts, " "))
}

// storeDocument writes a document as it is and records the change: the
// audit log, and the outbox or the change feed.
func (tx *Tx) storeDocument(d *model.Document, before *model.Document, summary string) error {
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO documents (id, group_id, kind, title, words, data, version, updated_at) VALUES (?,?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET kind=excluded.kind, title=excluded.title, words=excluded.words, data=excluded.data,
		version=excluded.version, updated_at=excluded.updated_at`,
		d.ID, d.GroupID, string(d.Kind), foldKey(d.Title), documentWords(d), string(data), d.Version, timeText(d.UpdatedAt)); err != nil {
		return fmt.Errorf("saving the document: %w", err)
	}
	c := change{groupID: d.GroupID, entity: model.EntityDocument, entityID: d.ID, action: model.ActionCreate, after: d, summary: summary}
	if before != nil {
		c.action, c.before, c.baseVersion = model.ActionUpdate, before, before.Version
	}
	return tx.record(c)
}

// removeDocument deletes a document and records it; content no other
// document of the group uses goes with it once the account service has it.
func (tx *Tx) removeDocument(d *model.Document, summary string) error {
	if _, err := tx.exec(`DELETE FROM documents WHERE id = ?`, d.ID); err != nil {
		return fmt.Errorf("deleting the document: %w", err)
	}
	if err := tx.record(change{groupID: d.GroupID, entity: model.EntityDocument, entityID: d.ID, action: model.ActionDelete,
		before: d, baseVersion: d.Version, summary: summary}); err != nil {
		return err
	}
	return tx.dropUnusedContent(d.GroupID)
}
