package sqlite

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// vaultService is an account service's database holding the renewal book.
func vaultService(t *testing.T) *DB {
	t.Helper()
	db, err := OpenServer(carrierCtx, filepath.Join(t.TempDir(), "accountd.db"))
	must(t, err)
	t.Cleanup(func() { db.Close() })
	must(t, db.Load(carrierCtx, renewalBook(), nil))
	return db
}

// send receives a file chunk by chunk as an upload would.
func send(t *testing.T, db *DB, content []byte, sum string) (ContentRef, error) {
	t.Helper()
	var ref ContentRef
	var err error
	for off := 0; off < len(content); off += model.DocumentChunk {
		end := min(off+model.DocumentChunk, len(content))
		if ref, err = db.ReceiveChunk(carrierCtx, renewalGroup, sum, int64(len(content)), int64(off), content[off:end]); err != nil {
			return ref, err
		}
	}
	return ref, nil
}

func TestAFileArrivesChunkByChunkAndGoesOnAfterARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accountd.db")
	db, err := OpenServer(carrierCtx, path)
	must(t, err)
	must(t, db.Load(carrierCtx, renewalBook(), nil))
	f := fileOf("census.xlsx", 3*model.DocumentChunk+5, 'c')
	sum := sumOf(f.Content)
	_, err = db.ReceiveChunk(carrierCtx, renewalGroup, sum, int64(len(f.Content)), 0, f.Content[:model.DocumentChunk])
	must(t, err)
	must(t, db.Close())

	db, err = OpenServer(carrierCtx, path)
	must(t, err)
	defer db.Close()
	ref, err := db.ContentStatus(carrierCtx, renewalGroup, sum)
	if err != nil || ref.Received != model.DocumentChunk || ref.Complete {
		t.Fatalf("after a restart: %+v %v", ref, err)
	}
	_, err = db.ReceiveChunk(carrierCtx, renewalGroup, sum, int64(len(f.Content)), 2*model.DocumentChunk, f.Content[2*model.DocumentChunk:3*model.DocumentChunk])
	wantCode(t, err, model.ECONFLICT)
	for off := model.DocumentChunk; off < len(f.Content); off += model.DocumentChunk {
		end := min(off+model.DocumentChunk, len(f.Content))
		ref, err = db.ReceiveChunk(carrierCtx, renewalGroup, sum, int64(len(f.Content)), int64(off), f.Content[off:end])
		must(t, err)
	}
	if !ref.Complete {
		t.Fatalf("the whole file arrived but is not complete: %+v", ref)
	}
}

func TestContentThatDoesNotMatchItsHashIsDiscardedAndRefused(t *testing.T) {
	db := vaultService(t)
	f := fileOf("scan.pdf", model.DocumentChunk+10, 'x')
	claimed := sumOf(f.Content)
	f.Content[model.DocumentChunk+3] ^= 0x20
	_, err := send(t, db, f.Content, claimed)
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "does not match its SHA-256") {
		t.Fatalf("got %v", err)
	}
	if n := count(t, db, "document_content") + count(t, db, "document_chunks"); n != 0 {
		t.Fatal("the damaged copy was kept")
	}
}

func TestTheServiceTakesADocumentOnlyOnceItsContentIsThere(t *testing.T) {
	db := vaultService(t)
	pga := model.WithPrincipal(carrierCtx, &model.Principal{UserID: "p", Name: "Pat", Grants: map[string]model.Role{renewalGroup: model.RolePGA}})
	f := fileOf("arb.pdf", 300, 'a')
	d := model.Document{ID: "doc-1", GroupID: renewalGroup, Kind: model.DocArbitration, Title: "Arbitration",
		Files: []model.DocumentFile{{Name: f.Name, Size: 300, SHA256: sumOf(f.Content), AddedBy: "Somebody else"}}}
	op := func(id string, a model.Action, d model.Document, base int64) model.Operation {
		b, _ := json.Marshal(d)
		return model.Operation{ID: id, GroupID: renewalGroup, Entity: model.EntityDocument, EntityID: d.ID, Action: a, BaseVersion: base, Payload: b}
	}
	res, err := db.ApplyOps(pga, []model.Operation{op("op-1", model.ActionCreate, d, 0)})
	must(t, err)
	if res[0].Status != model.ResultRefused || !strings.Contains(res[0].Reason, "has not reached the account service") {
		t.Fatalf("a document sent before its content: %+v", res[0])
	}
	_, err = send(t, db, f.Content, sumOf(f.Content))
	must(t, err)
	res, err = db.ApplyOps(pga, []model.Operation{op("op-2", model.ActionCreate, d, 0)})
	must(t, err)
	got, _ := db.Document(carrierCtx, d.ID)
	if res[0].Status != model.ResultApplied || got.File().AddedBy != "Pat" {
		t.Fatalf("after the upload: %+v, added by %q", res[0], got.File().AddedBy)
	}
	rewritten := got
	rewritten.Files = []model.DocumentFile{{Name: "other.pdf", Size: 300, SHA256: got.File().SHA256}}
	res, err = db.ApplyOps(pga, []model.Operation{op("op-3", model.ActionUpdate, rewritten, got.Version)})
	must(t, err)
	if res[0].Status != model.ResultRefused || !strings.Contains(res[0].Reason, "cannot be changed") {
		t.Fatalf("rewriting a file version: %+v", res[0])
	}
}
