package ui

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
)

// contractsShell is the test shell with the demo book's contracts filed
// and the Contracts screen in front.
func contractsShell(t *testing.T) (*Shell, *contractsScreen) {
	t.Helper()
	s, db, _ := newTestShell(t)
	carrier := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	book := demo.Generate(demo.Options{Seed: 7, People: 1500, Today: testToday})
	if err := db.SaveContracts(carrier, demo.Contracts(demo.Options{Today: testToday}, book)); err != nil {
		t.Fatal(err)
	}
	if !s.ShowScreen("Contracts") {
		t.Fatal("there is no Contracts screen")
	}
	return s, s.front.(*contractsScreen)
}

func TestTheContractsScreenListsEveryVersionWithWhatChangedAndExportsOne(t *testing.T) {
	s, c := contractsShell(t)
	if len(c.contracts) < 2 {
		t.Fatalf("%s has %d contract versions", s.group.Name, len(c.contracts))
	}
	cur, ok := model.CurrentContract(c.contracts, testToday)
	if !ok || c.contracts[c.selected].ID != cur.ID || !strings.Contains(c.rowText(c.selected), "(in force)") {
		t.Fatalf("the version shown first is %q, want the one in force, version %d", c.rowText(c.selected), cur.Number)
	}
	if !strings.Contains(c.period.Text, cur.Period()) || !strings.Contains(c.period.Text, cur.Signatories[0].Name) {
		t.Errorf("the version's period and signatories are not shown: %q", c.period.Text)
	}
	for _, p := range cur.Plans {
		if !strings.Contains(c.plans.Text, p.Name) {
			t.Errorf("the plans shown lack %s", p.Name)
		}
	}
	// The version shown is compared with the one before it.
	before := c.contracts[c.selected+1]
	diff := model.DiffContracts(&before, &cur)
	want := diff.Lines()
	if len(want) == 0 || !strings.Contains(c.changes.Text, want[0]) {
		t.Fatalf("what changed from version %d reads %q, want %q", before.Number, c.changes.Text, want)
	}
	// Compared with the original instead: rates moved over the years.
	oldest := c.contracts[len(c.contracts)-1]
	c.compare.SetSelected(oldest.Label())
	if !strings.Contains(c.changes.Text, "From version 1 to version") || !strings.Contains(c.changes.Text, "Rate changed: ") {
		t.Errorf("compared with the original agreement: %q", c.changes.Text)
	}
	c.list.Select(len(c.contracts) - 1)
	if !strings.Contains(c.name.Text, "Original agreement") || !strings.Contains(c.changes.Text, "nothing came before it") {
		t.Errorf("the original shows %q / %q", c.name.Text, c.changes.Text)
	}

	path := filepath.Join(t.TempDir(), "contract.pdf")
	if !c.exportTo(cur, path) {
		t.Fatal("the export failed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), s.group.Name) || !strings.Contains(string(text), cur.Plans[0].Name) {
		t.Errorf("the exported PDF lacks the group or its first plan")
	}
}
