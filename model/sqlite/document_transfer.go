package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// ReadContent returns length bytes of a file's complete content from
// offset: a download's chunk on the service, an upload's on a desktop.
func (db *DB) ReadContent(ctx context.Context, groupID, sum string, offset, length int64) ([]byte, error) {
	if err := checkPerm(ctx, groupID, model.PermDocumentsView); err != nil {
		return nil, err
	}
	ref, err := contentRef(ctx, db.read, groupID, sum)
	if err == nil && !ref.Complete {
		err = model.Errorf(model.ENOTFOUND, "The file with SHA-256 %s is not all here yet (%d of %d bytes).", sum, ref.Received, ref.Size)
	}
	if err != nil {
		return nil, err
	}
	if offset < 0 || length <= 0 || offset+length > ref.Size {
		return nil, model.Errorf(model.EINVALID, "Bytes %d to %d are outside the file (%d bytes).", offset, offset+length-1, ref.Size)
	}
	return readChunks(ctx, db.read, groupID, sum, offset, length)
}

// ReceiveChunk stores the next chunk of a file's content as it arrives,
// each in its own transaction, so that a transfer cut off goes on from
// where it stopped. Chunks come in order, whole (DocumentChunk bytes, the
// last one less). When the last arrives the whole file is checked against
// its SHA-256: content that differs is discarded and refused.
func (db *DB) ReceiveChunk(ctx context.Context, groupID, sum string, size, offset int64, data []byte) (ContentRef, error) {
	var ref ContentRef
	var mismatch bool
	err := db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(groupID, model.PermDocumentsEdit); err != nil {
			return err
		}
		var err error
		ref, mismatch, err = tx.receiveChunk(groupID, sum, size, offset, data)
		return err
	})
	if err == nil && mismatch {
		err = model.Errorf(model.EINVALID, "The file's content does not match its SHA-256 %s: it was damaged on the way and was discarded. Send it again.", sum)
	}
	return ref, err
}

func (tx *Tx) receiveChunk(groupID, sum string, size, offset int64, data []byte) (ContentRef, bool, error) {
	if !model.ValidSHA256(sum) {
		return ContentRef{}, false, model.Errorf(model.EINVALID, "%q is not a SHA-256 in hex.", sum)
	}
	if err := model.CheckFileSize("The file", size, model.MaxDocumentLimit); err != nil {
		return ContentRef{}, false, err
	}
	ref, err := contentRef(tx.ctx, tx, groupID, sum)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		ref.Size = size
		if _, err := tx.exec(`INSERT INTO document_content (group_id, sha256, size, uploaded) VALUES (?,?,?,1)`, groupID, sum, size); err != nil {
			return ref, false, err
		}
	case err != nil:
		return ref, false, err
	case ref.Complete:
		return ref, false, nil // here already: a retried last chunk
	case ref.Size != size:
		return ref, false, model.Errorf(model.EINVALID, "The file %s is %d bytes, not %d.", sum, ref.Size, size)
	}
	if err := checkChunk(ref, offset, len(data)); err != nil {
		return ref, false, err
	}
	if err := tx.appendChunk(&ref, data); err != nil {
		return ref, false, err
	}
	if ref.Received < ref.Size {
		return ref, false, nil
	}
	return tx.finishContent(ref)
}

// checkChunk refuses a chunk out of order or of the wrong size.
func checkChunk(ref ContentRef, offset int64, n int) error {
	switch {
	case offset != ref.Received:
		return model.Errorf(model.ECONFLICT, "The next chunk of the file starts at byte %d, not %d.", ref.Received, offset)
	case n == 0 || n > model.DocumentChunk || offset+int64(n) > ref.Size:
		return model.Errorf(model.EINVALID, "A chunk holds 1 to %d bytes within the file's %d.", model.DocumentChunk, ref.Size)
	case n < model.DocumentChunk && offset+int64(n) != ref.Size:
		return model.Errorf(model.EINVALID, "Only the last chunk of a file may hold fewer than %d bytes.", model.DocumentChunk)
	}
	return nil
}

func (tx *Tx) appendChunk(ref *ContentRef, data []byte) error {
	if _, err := tx.exec(`INSERT INTO document_chunks (group_id, sha256, n, data) VALUES (?,?,?,?)`,
		ref.GroupID, ref.SHA256, ref.Received/model.DocumentChunk, data); err != nil {
		return fmt.Errorf("keeping a chunk of the file: %w", err)
	}
	ref.Received += int64(len(data))
	_, err := tx.exec(`UPDATE document_content SET received = ? WHERE group_id = ? AND sha256 = ?`, ref.Received, ref.GroupID, ref.SHA256)
	return err
}

// finishContent checks the whole file against its SHA-256: it is kept
// when it matches and discarded (reported as a mismatch) when not.
func (tx *Tx) finishContent(ref ContentRef) (ContentRef, bool, error) {
	data, err := readChunks(tx.ctx, tx, ref.GroupID, ref.SHA256, 0, ref.Size)
	if err != nil {
		return ref, false, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != ref.SHA256 {
		_, err := tx.exec(`DELETE FROM document_content WHERE group_id = ? AND sha256 = ?`, ref.GroupID, ref.SHA256)
		ref.Received = 0
		return ref, true, err
	}
	ref.Complete = true
	_, err = tx.exec(`UPDATE document_content SET complete = 1 WHERE group_id = ? AND sha256 = ?`, ref.GroupID, ref.SHA256)
	return ref, false, err
}

// ContentToUpload lists the complete content added on this desktop that
// the account service has not confirmed yet.
func (db *DB) ContentToUpload(ctx context.Context) ([]ContentRef, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT group_id, sha256, size, received, complete FROM document_content
		WHERE uploaded = 0 AND complete = 1 ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("listing the files to send: %w", err)
	}
	return scanContentRefs(rows)
}

// MarkUploaded records that the account service holds the content.
func (db *DB) MarkUploaded(ctx context.Context, groupID, sum string) error {
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		_, err := tx.exec(`UPDATE document_content SET uploaded = 1 WHERE group_id = ? AND sha256 = ?`, groupID, sum)
		return err
	})
}

// ContentToFetch lists the files the documents here name whose content
// is not all here, with how much of each has arrived.
func (db *DB) ContentToFetch(ctx context.Context) ([]ContentRef, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT d.group_id, f.value ->> '$.sha256', f.value ->> '$.size',
		coalesce(c.received, 0), 0
		FROM documents d, json_each(d.data, '$.files') f
		LEFT JOIN document_content c ON c.group_id = d.group_id AND c.sha256 = f.value ->> '$.sha256'
		WHERE coalesce(c.complete, 0) = 0 ORDER BY d.group_id, 2`)
	if err != nil {
		return nil, fmt.Errorf("listing the files to fetch: %w", err)
	}
	return scanContentRefs(rows)
}
