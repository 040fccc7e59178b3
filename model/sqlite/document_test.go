package sqlite

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestADocumentIsKeptWithItsFileHashAndSizeInOneTransaction(t *testing.T) {
	db := vaultDB(t)
	f := fileOf("agreement.pdf", 2*model.DocumentChunk+123, 'a')
	d := addDoc(t, db, "Signed arbitration agreement", model.DocArbitration, f)
	if file := d.File(); file.SHA256 != sumOf(f.Content) || file.Size != int64(len(f.Content)) || file.AddedBy != "Local user" {
		t.Fatalf("the file is recorded as %+v", file)
	}
	if n := count(t, db, "document_chunks WHERE sha256 = ?", d.File().SHA256); n != 3 {
		t.Fatalf("the file is kept in %d chunks, want 3 of 1 MiB at most", n)
	}
	got, err := db.FileContent(ownerCtx(), renewalGroup, d.File().SHA256)
	if err != nil || !bytes.Equal(got, f.Content) {
		t.Fatalf("reading the file back: %v (%d bytes)", err, len(got))
	}
	if count(t, db, "audit WHERE entity = 'document'") != 1 || count(t, db, "outbox WHERE entity = 'document'") != 1 {
		t.Fatal("adding a document wrote no audit entry or no outbox operation")
	}
}

func TestTheVaultRefusesAnEmptyFileAndOneOverTheLimit(t *testing.T) {
	db := vaultDB(t)
	must(t, db.SetDocumentLimit(context.Background(), 2*model.MB))
	for _, tc := range []struct {
		name string
		file model.NewFile
		want string
	}{
		{"an empty file", model.NewFile{Name: "blank.pdf"}, "blank.pdf is empty (0 bytes)"},
		{"a file over the limit set", fileOf("scan.tiff", 2*model.MB+1, 's'), "scan.tiff is 2 MB, over the vault's limit of 2 MB"},
	} {
		t.Run(tc.name+" is refused and nothing is kept", func(t *testing.T) {
			d := model.Document{GroupID: renewalGroup, Kind: model.DocWaiver, Title: "Waiver"}
			err := db.AddDocument(ownerCtx(), &d, tc.file)
			if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			if count(t, db, "documents")+count(t, db, "document_content") != 0 {
				t.Fatal("a refused file left something behind")
			}
		})
	}
}

func TestDocumentsAreFoundByTitleKindTagsAndLinkedMember(t *testing.T) {
	db := vaultDB(t)
	addDoc(t, db, "Arbitration agreement 2026", model.DocArbitration, fileOf("arb.pdf", 10, 'a'))
	w := addDoc(t, db, "Dental waiver", model.DocWaiver, fileOf("waiver.pdf", 10, 'w'))
	w.Tags = []string{"signed", "open enrollment"}
	w.Link(model.DocumentLink{Kind: model.LinkMember, ID: "cy", Label: "Cy Nguyễn"})
	must(t, db.UpdateDocument(ownerCtx(), &w))
	for _, tc := range []struct {
		name string
		q    model.DocumentQuery
		want string
	}{
		{"a word of the title", model.DocumentQuery{Search: "arbitr"}, "Arbitration agreement 2026"},
		{"the kind's name", model.DocumentQuery{Search: "waiver"}, "Dental waiver"},
		{"a tag", model.DocumentQuery{Search: "enrollment"}, "Dental waiver"},
		{"a linked member's name without its accents", model.DocumentQuery{Search: "nguyen"}, "Dental waiver"},
		{"a kind chosen", model.DocumentQuery{Kind: model.DocArbitration}, "Arbitration agreement 2026"},
		{"the member linked", model.DocumentQuery{LinkKind: model.LinkMember, LinkID: "cy"}, "Dental waiver"},
		{"a word nothing has", model.DocumentQuery{Search: "invoice 1999"}, ""},
	} {
		t.Run("by "+tc.name, func(t *testing.T) {
			tc.q.GroupID = renewalGroup
			docs, err := db.Documents(ownerCtx(), tc.q)
			must(t, err)
			var titles []string
			for _, d := range docs {
				titles = append(titles, d.Title)
			}
			if strings.Join(titles, "|") != tc.want {
				t.Fatalf("found %q, want %q", titles, tc.want)
			}
		})
	}
}

func TestReplacingKeepsEarlierVersionsAndDeletingIsAudited(t *testing.T) {
	db := vaultDB(t)
	d := addDoc(t, db, "SBC Gold 80", model.DocSBC, fileOf("sbc-v1.pdf", 100, '1'))
	v2 := fileOf("sbc-v2.pdf", 200, '2')
	must(t, db.ReplaceFile(ownerCtx(), &d, v2))
	if len(d.Files) != 2 || d.File().SHA256 != sumOf(v2.Content) || d.Version != 2 {
		t.Fatalf("after replacing: %+v", d.Files)
	}
	stale := d
	stale.Version = 1
	wantCode(t, db.DeleteDocument(ownerCtx(), &stale), model.ECONFLICT)
	must(t, db.DeleteDocument(ownerCtx(), &d))
	if _, err := db.Document(ownerCtx(), d.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("the deleted document is still there: %v", err)
	}
	if n := count(t, db, "audit WHERE entity = 'document' AND action = 'delete' AND before IS NOT NULL"); n != 1 {
		t.Fatalf("%d audit entries of the deletion", n)
	}
}

func TestOnlyDocumentsEditMayChangeTheVaultAndDocumentsViewRead(t *testing.T) {
	db := vaultDB(t)
	d := addDoc(t, db, "Wage report Q3", model.DocWageReport, fileOf("q3.csv", 40, 'q'))
	for _, tc := range []struct {
		role       model.Role
		read, edit bool
	}{{model.RoleReadOnly, true, false}, {model.RoleMembership, false, false}, {model.RoleBroker, true, true}} {
		t.Run(tc.role.Label(), func(t *testing.T) {
			ctx := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u", Name: "U", Grants: map[string]model.Role{renewalGroup: tc.role}})
			_, err := db.Documents(ctx, model.DocumentQuery{GroupID: renewalGroup})
			if (err == nil) != tc.read {
				t.Fatalf("listing: %v", err)
			}
			e := d
			e.Title = "Wage report Q3 (corrected)"
			if err := db.UpdateDocument(ctx, &e); (err == nil) != tc.edit || err != nil && model.ErrorCode(err) != model.EFORBIDDEN {
				t.Fatalf("editing: %v", err)
			}
		})
	}
}

func TestContractVersionsAreTheCarriersAndReadWithDocumentsView(t *testing.T) {
	db := vaultDB(t)
	c := model.Contract{ID: "k1", GroupID: renewalGroup, Number: 1, Kind: model.ContractOriginal, Starts: model.MustDate("2020-02-01"),
		Plans: []model.ContractPlan{{PlanID: "GOLD", Name: "Gold 80 HMO", Method: model.RatingAge, BaseRate: 50000}}}
	wantCode(t, db.SaveContracts(ownerCtx(), []model.Contract{c}), model.EFORBIDDEN)
	c2 := c
	c2.ID, c2.Number, c2.Kind, c2.Starts = "k2", 2, model.ContractRenewal, model.MustDate("2021-02-01")
	must(t, db.SaveContracts(carrierCtx, []model.Contract{c, c2}))
	got, err := db.Contracts(ownerCtx(), renewalGroup)
	if err != nil || len(got) != 2 || got[0].Number != 2 || got[0].Version != 1 {
		t.Fatalf("contracts: %v %+v", err, got)
	}
	if count(t, db, "outbox") != 0 {
		t.Fatal("contracts filed on a desktop were queued to be sent")
	}
	clerk := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u", Grants: map[string]model.Role{renewalGroup: model.RoleMembership}})
	_, err = db.Contracts(clerk, renewalGroup)
	wantCode(t, err, model.EFORBIDDEN)
}
