package sqlite

import (
	"context"
	"strconv"

	"github.com/groupdesk/groupdesk/model"
)

// MetaDocumentLimit is the setting of the largest file the vault takes, in
// bytes.
const MetaDocumentLimit = "document_limit"

// DocumentLimit returns the largest file the vault takes, in bytes: the
// setting, or model.DefaultDocumentLimit.
func (db *DB) DocumentLimit(ctx context.Context) (int64, error) {
	v, err := db.Meta(ctx, MetaDocumentLimit)
	if err != nil || v == "" {
		return model.DefaultDocumentLimit, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || model.CheckDocumentLimit(n) != nil {
		return model.DefaultDocumentLimit, nil
	}
	return n, nil
}

// SetDocumentLimit changes the largest file the vault takes.
func (db *DB) SetDocumentLimit(ctx context.Context, limit int64) error {
	if err := model.CheckDocumentLimit(limit); err != nil {
		return err
	}
	return db.SetMeta(ctx, MetaDocumentLimit, strconv.FormatInt(limit, 10))
}

// DropUnusedContent deletes the content no document lists any more (the
// documents another desktop deleted), once the account service has it.
func (db *DB) DropUnusedContent(ctx context.Context) error {
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM document_content WHERE (uploaded = 1 OR ?) AND NOT EXISTS (
			SELECT 1 FROM documents d, json_each(d.data, '$.files') f
			WHERE d.group_id = document_content.group_id AND f.value ->> '$.sha256' = document_content.sha256)`, tx.db.server)
		return err
	})
}
