package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// ContentRef names a file's content in a group, with how much of it is
// here.
type ContentRef struct {
	GroupID  string
	SHA256   string
	Size     int64
	Received int64
	Complete bool
}

// putContent keeps a whole file's content in chunks, unless the group has
// it already. Content added on a desktop waits to be uploaded.
func (tx *Tx) putContent(groupID, sum string, content []byte) error {
	size := int64(len(content))
	res, err := tx.exec(`INSERT INTO document_content (group_id, sha256, size, received, complete, uploaded) VALUES (?,?,?,?,1,?)
		ON CONFLICT (group_id, sha256) DO NOTHING`, groupID, sum, size, size, tx.db.server || tx.remote)
	if err != nil {
		return fmt.Errorf("keeping the file: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return tx.completeContent(groupID, sum, content)
	}
	return tx.writeChunks(groupID, sum, content)
}

// completeContent finishes content a download had started, now that the
// whole file is here.
func (tx *Tx) completeContent(groupID, sum string, content []byte) error {
	var complete bool
	if err := tx.queryRow(`SELECT complete FROM document_content WHERE group_id = ? AND sha256 = ?`, groupID, sum).Scan(&complete); err != nil || complete {
		return err
	}
	if _, err := tx.exec(`DELETE FROM document_chunks WHERE group_id = ? AND sha256 = ?`, groupID, sum); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE document_content SET received = size, complete = 1 WHERE group_id = ? AND sha256 = ?`, groupID, sum); err != nil {
		return err
	}
	return tx.writeChunks(groupID, sum, content)
}

func (tx *Tx) writeChunks(groupID, sum string, content []byte) error {
	for n := 0; n*model.DocumentChunk < len(content); n++ {
		end := min((n+1)*model.DocumentChunk, len(content))
		if _, err := tx.exec(`INSERT INTO document_chunks (group_id, sha256, n, data) VALUES (?,?,?,?)`,
			groupID, sum, n, content[n*model.DocumentChunk:end]); err != nil {
			return fmt.Errorf("keeping the file: %w", err)
		}
	}
	return nil
}

// dropUnusedContent deletes the group's content no document lists any
// more. On a desktop, content the account service has not had yet stays:
// the operations that name it are still to be sent.
func (tx *Tx) dropUnusedContent(groupID string) error {
	_, err := tx.exec(`DELETE FROM document_content WHERE group_id = ? AND (uploaded = 1 OR ?) AND sha256 NOT IN (
		SELECT f.value ->> '$.sha256' FROM documents d, json_each(d.data, '$.files') f WHERE d.group_id = ?)`,
		groupID, tx.db.server, groupID)
	return err
}

// FileContent returns a file's whole content, checked against its SHA-256.
func (db *DB) FileContent(ctx context.Context, groupID, sum string) ([]byte, error) {
	if err := checkPerm(ctx, groupID, model.PermDocumentsView); err != nil {
		return nil, err
	}
	ref, err := contentRef(ctx, db.read, groupID, sum)
	if err != nil {
		return nil, err
	}
	if !ref.Complete {
		return nil, model.Errorf(model.ENOTFOUND, "The file is still on its way from the account service (%s of %s here). Sync, then try again.",
			model.FormatBytes(ref.Received), model.FormatBytes(ref.Size))
	}
	out, err := readChunks(ctx, db.read, groupID, sum, 0, ref.Size)
	if err != nil {
		return nil, err
	}
	if got := sha256.Sum256(out); hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("the stored copy of %s does not match its SHA-256", sum)
	}
	return out, nil
}

// ContentStatus says how much of a file's content is here.
func (db *DB) ContentStatus(ctx context.Context, groupID, sum string) (ContentRef, error) {
	if err := checkPerm(ctx, groupID, model.PermDocumentsView); err != nil {
		return ContentRef{}, err
	}
	ref, err := contentRef(ctx, db.read, groupID, sum)
	if model.ErrorCode(err) == model.ENOTFOUND {
		return ContentRef{GroupID: groupID, SHA256: sum}, nil
	}
	return ref, err
}

func contentRef(ctx context.Context, q querier, groupID, sum string) (ContentRef, error) {
	r := ContentRef{GroupID: groupID, SHA256: sum}
	err := q.QueryRowContext(ctx, `SELECT size, received, complete FROM document_content WHERE group_id = ? AND sha256 = ?`,
		groupID, sum).Scan(&r.Size, &r.Received, &r.Complete)
	if errors.Is(err, sql.ErrNoRows) {
		return r, model.Errorf(model.ENOTFOUND, "This group has no file with SHA-256 %s.", sum)
	}
	return r, err
}

// readChunks reads length bytes of content from offset.
func readChunks(ctx context.Context, q querier, groupID, sum string, offset, length int64) ([]byte, error) {
	first, last := offset/model.DocumentChunk, (offset+length-1)/model.DocumentChunk
	rows, err := q.QueryContext(ctx, `SELECT n, data FROM document_chunks WHERE group_id = ? AND sha256 = ? AND n BETWEEN ? AND ? ORDER BY n`,
		groupID, sum, first, last)
	if err != nil {
		return nil, fmt.Errorf("reading the file: %w", err)
	}
	defer rows.Close()
	out := make([]byte, 0, length)
	for rows.Next() {
		var n int64
		var data []byte
		if err := rows.Scan(&n, &data); err != nil {
			return nil, err
		}
		from := max(offset-n*model.DocumentChunk, 0)
		to := min(offset+length-n*model.DocumentChunk, int64(len(data)))
		out = append(out, data[from:to]...)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if int64(len(out)) != length {
		return nil, fmt.Errorf("the file's stored chunks hold %d bytes from %d, not %d", len(out), offset, length)
	}
	return out, nil
}
