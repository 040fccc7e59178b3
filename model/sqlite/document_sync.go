package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// applyDocumentOp applies a desktop's change to a group's vault. The
// caller needs documents.edit in the group; every file a document names
// must have been uploaded whole (and its hash checked) first; a file's
// earlier versions cannot be rewritten, and the service records who added
// a new one.
func (tx *Tx) applyDocumentOp(op *model.Operation) (model.OpResult, error) {
	if err := tx.who.Check(op.GroupID, model.PermDocumentsEdit); err != nil {
		return model.OpResult{}, err
	}
	var sent model.Document
	if op.Action != model.ActionDelete {
		if err := decodeStrict(op.Payload, &sent); err != nil {
			return model.OpResult{}, err
		}
		if sent.ID != op.EntityID || sent.GroupID != op.GroupID {
			return model.OpResult{}, model.Errorf(model.EINVALID, "The document in the operation does not match its entity or group.")
		}
	}
	var current model.Document
	err := documentIn(tx.ctx, tx, op.EntityID, &current)
	if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
		return model.OpResult{}, err
	}
	if err == nil && current.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "That document belongs to another group.")
	}
	if conflict, ok := versionConflict(op, err == nil, current.Version, current); ok {
		return conflict, nil
	}
	if op.Action == model.ActionDelete {
		return applied(op, current.Version), tx.removeDocument(&current, "Document deleted: "+current.Title)
	}
	var before *model.Document
	if op.Action == model.ActionUpdate {
		before = &current
	}
	if err := tx.takeDocument(&sent, before); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, sent.Version), nil
}

// takeDocument stores a document a desktop sent, after the checks of its
// files.
func (tx *Tx) takeDocument(d *model.Document, before *model.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	kept := 0
	summary := fmt.Sprintf("Document added: %s (%s)", d.Title, d.Kind.Label())
	if before != nil {
		kept = len(before.Files)
		if err := sameHistory(before.Files, d.Files); err != nil {
			return err
		}
		summary = "Document updated: " + d.Title
	}
	for i := kept; i < len(d.Files); i++ {
		if err := tx.haveContent(d.GroupID, &d.Files[i]); err != nil {
			return err
		}
		d.Files[i].AddedBy = tx.who.Name
	}
	d.Version, d.UpdatedAt = 1, tx.now
	if before != nil {
		d.Version = before.Version + 1
	}
	return tx.storeDocument(d, before, summary)
}

// sameHistory refuses a change that drops or rewrites a file version.
func sameHistory(was, now []model.DocumentFile) error {
	if len(now) < len(was) {
		return model.Errorf(model.EINVALID, "A document's earlier file versions cannot be removed.")
	}
	for i := range was {
		if was[i].SHA256 != now[i].SHA256 || was[i].Size != now[i].Size || was[i].Name != now[i].Name {
			return model.Errorf(model.EINVALID, "A document's earlier file versions cannot be changed.")
		}
	}
	return nil
}

// haveContent refuses a file whose content the service does not hold
// whole, or holds at another size.
func (tx *Tx) haveContent(groupID string, f *model.DocumentFile) error {
	ref, err := contentRef(tx.ctx, tx, groupID, f.SHA256)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND || err == nil && !ref.Complete:
		return model.Errorf(model.EINVALID, "The content of %s has not reached the account service yet. Sync again to send it.", f.Name)
	case err != nil:
		return err
	case ref.Size != f.Size:
		return model.Errorf(model.EINVALID, "%s is %d bytes on the account service, not %d.", f.Name, ref.Size, f.Size)
	}
	return nil
}

// applyDocumentChange stores a document from the change feed; its
// content follows in the download step of the round.
func (tx *Tx) applyDocumentChange(c *model.Change) error {
	var d model.Document
	if err := json.Unmarshal(c.Data, &d); err != nil {
		return err
	}
	var before model.Document
	err := documentIn(tx.ctx, tx, d.ID, &before)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		return tx.storeDocument(&d, nil, fmt.Sprintf("Document added: %s (%s)", d.Title, d.Kind.Label()))
	case err != nil:
		return err
	case before.Version >= d.Version:
		return nil // this copy or a newer one is here already
	}
	return tx.storeDocument(&d, &before, "Document updated: "+d.Title)
}

func scanContentRefs(rows *sql.Rows) ([]ContentRef, error) {
	defer rows.Close()
	var out []ContentRef
	for rows.Next() {
		var r ContentRef
		if err := rows.Scan(&r.GroupID, &r.SHA256, &r.Size, &r.Received, &r.Complete); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
