package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

func TestTheDemoFilesContractsAndDocumentsWithOneGroupLackingItsArbitrationAgreement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accountd.db")
	code, out, errOut := accountd(t, "demo", "--db", path, "--people", "800")
	if code != 0 || !strings.Contains(out, "contract versions and") {
		t.Fatalf("accountd demo: exit %d\n%s%s", code, out, errOut)
	}
	sys := model.WithPrincipal(context.Background(), systemPrincipal)
	db, err := sqlite.OpenServer(sys, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	groups, err := db.Groups(sys, "")
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, g := range groups {
		cs, err := db.Contracts(sys, g.ID)
		if err != nil || len(cs) == 0 {
			t.Fatalf("%s has no contract: %v", g.Name, err)
		}
		if _, ok := model.CurrentContract(cs, model.DateOf(db.Now())); !ok {
			t.Errorf("%s has no contract in force", g.Name)
		}
		docs, err := db.Documents(sys, model.DocumentQuery{GroupID: g.ID, Kind: model.DocArbitration})
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) == 0 {
			missing++
			continue
		}
		b, err := db.FileContent(sys, g.ID, docs[0].File().SHA256)
		if err != nil || !strings.Contains(string(b), "ARBITRATION AGREEMENT") {
			t.Errorf("the arbitration agreement of %s cannot be read: %v", g.Name, err)
		}
	}
	if missing != 1 {
		t.Errorf("%d groups lack their arbitration agreement; the demo leaves out one", missing)
	}
}
