package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// AddDocument keeps a new document with its file, in one transaction with
// its audit entry and its outbox operation.
func (db *DB) AddDocument(ctx context.Context, d *model.Document, f model.NewFile) error {
	file, err := db.checkFile(ctx, f)
	if err != nil {
		return err
	}
	undo := undoOnError(d)
	return undo(db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(d.GroupID, model.PermDocumentsEdit); err != nil {
			return err
		}
		if d.ID == "" {
			d.ID = newID()
		}
		file.AddedAt, file.AddedBy = tx.now, tx.who.Name
		d.Files, d.Version, d.UpdatedAt = []model.DocumentFile{file}, 1, tx.now
		if err := d.Validate(); err != nil {
			return err
		}
		if err := tx.putContent(d.GroupID, file.SHA256, f.Content); err != nil {
			return err
		}
		return tx.storeDocument(d, nil, fmt.Sprintf("Document added: %s (%s, %s)", d.Title, d.Kind.Label(), file.Name))
	}))
}

// ReplaceFile keeps a new version of a document's file; the earlier
// versions stay listed.
func (db *DB) ReplaceFile(ctx context.Context, d *model.Document, f model.NewFile) error {
	file, err := db.checkFile(ctx, f)
	if err != nil {
		return err
	}
	undo := undoOnError(d)
	return undo(db.update(ctx, func(tx *Tx) error {
		before, err := tx.documentForEdit(d)
		if err != nil {
			return err
		}
		file.AddedAt, file.AddedBy = tx.now, tx.who.Name
		*d = before
		d.Files = append(append([]model.DocumentFile(nil), before.Files...), file)
		d.Version, d.UpdatedAt = before.Version+1, tx.now
		if err := tx.putContent(d.GroupID, file.SHA256, f.Content); err != nil {
			return err
		}
		return tx.storeDocument(d, &before, fmt.Sprintf("New version of %s: %s (version %d of the file)", d.Title, file.Name, len(d.Files)))
	}))
}

// UpdateDocument saves a document's title, kind, tags and links; its files
// change only through ReplaceFile.
func (db *DB) UpdateDocument(ctx context.Context, d *model.Document) error {
	undo := undoOnError(d)
	return undo(db.update(ctx, func(tx *Tx) error {
		before, err := tx.documentForEdit(d)
		if err != nil {
			return err
		}
		d.Files, d.Version, d.UpdatedAt = before.Files, before.Version+1, tx.now
		if err := d.Validate(); err != nil {
			return err
		}
		return tx.storeDocument(d, &before, "Document updated: "+d.Title)
	}))
}

// DeleteDocument deletes a document from the vault (and, by sync, from
// every desktop); the audit log keeps what it was.
func (db *DB) DeleteDocument(ctx context.Context, d *model.Document) error {
	return db.update(ctx, func(tx *Tx) error {
		before, err := tx.documentForEdit(d)
		if err != nil {
			return err
		}
		return tx.removeDocument(&before, fmt.Sprintf("Document deleted: %s (%s)", before.Title, before.Kind.Label()))
	})
}

// documentForEdit reads the stored copy of a document the caller may
// change and checks the caller's copy is not stale.
func (tx *Tx) documentForEdit(d *model.Document) (model.Document, error) {
	var before model.Document
	if err := documentIn(tx.ctx, tx, d.ID, &before); err != nil {
		return before, err
	}
	if err := tx.who.Check(before.GroupID, model.PermDocumentsEdit); err != nil {
		return before, err
	}
	if before.GroupID != d.GroupID {
		return before, model.Errorf(model.EINVALID, "A document cannot move to another group.")
	}
	if before.Version != d.Version {
		return before, model.Errorf(model.ECONFLICT, "%s was changed by someone else since you opened it. Open it again and repeat your change.", before.Title)
	}
	return before, nil
}

// checkFile checks a file against the vault's limit and describes it.
func (db *DB) checkFile(ctx context.Context, f model.NewFile) (model.DocumentFile, error) {
	limit, err := db.DocumentLimit(ctx)
	if err != nil {
		return model.DocumentFile{}, err
	}
	if err := model.CheckFileSize(f.Name, int64(len(f.Content)), limit); err != nil {
		return model.DocumentFile{}, err
	}
	sum := sha256.Sum256(f.Content)
	return model.DocumentFile{Name: f.Name, Size: int64(len(f.Content)), SHA256: hex.EncodeToString(sum[:])}, nil
}
