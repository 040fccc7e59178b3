package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// SeedDocuments files documents with their files as the carrier (the demo
// book's vaults): on the account service they go to the change feed; on a
// desktop they are kept as if pulled, nothing queued to be sent.
func (db *DB) SeedDocuments(ctx context.Context, docs []model.Document, files []model.NewFile) error {
	if len(docs) != len(files) {
		return fmt.Errorf("%d documents but %d files", len(docs), len(files))
	}
	return db.updateWith(ctx, !db.server, "", func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier seeds documents.")
		}
		for i := range docs {
			if err := tx.seedDocument(&docs[i], files[i]); err != nil {
				return fmt.Errorf("document %q: %w", docs[i].Title, err)
			}
		}
		return nil
	})
}

func (tx *Tx) seedDocument(d *model.Document, f model.NewFile) error {
	file, err := tx.db.checkFile(tx.ctx, f)
	if err != nil {
		return err
	}
	file.AddedAt, file.AddedBy = tx.now, tx.who.Name
	d.Files, d.Version, d.UpdatedAt = []model.DocumentFile{file}, 1, tx.now
	if err := d.Validate(); err != nil {
		return err
	}
	if err := tx.putContent(d.GroupID, file.SHA256, f.Content); err != nil {
		return err
	}
	return tx.storeDocument(d, nil, fmt.Sprintf("Document filed: %s (%s)", d.Title, d.Kind.Label()))
}
