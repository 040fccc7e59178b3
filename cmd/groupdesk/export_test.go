package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// rosterOf lists a group's members as their census values, keyed and
// sorted, ready to compare.
func rosterOf(t *testing.T, dbPath, groupID string) []string {
	t.Helper()
	db, ctx := openStore(t, dbPath)
	defer db.Close()
	ms, err := db.ImportRoster(ctx, groupID)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		var vals []string
		for _, f := range model.CensusFields() {
			vals = append(vals, f.String()+"="+m.CensusValue(f))
		}
		out[i] = strings.Join(vals, "|")
	}
	sort.Strings(out)
	return out
}

// newEmptyGroup adds a group with no members beside the others.
func newEmptyGroup(t *testing.T, dbPath string, like model.Group) model.Group {
	t.Helper()
	db, ctx := openStore(t, dbPath)
	defer db.Close()
	g := like
	g.ID, g.Number, g.Name, g.Version = "", like.Number+"-COPY", like.Name+" (copy)", 0
	if err := db.CreateGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestExportThenImportIntoAnEmptyGroupGivesTheSameRoster(t *testing.T) {
	for _, ext := range []string{"xlsx", "csv"} {
		t.Run("as "+ext, func(t *testing.T) {
			db := demoCopy(t)
			g := largestGroup(t, db)
			file := filepath.Join(t.TempDir(), "roster."+ext)
			code, out, errOut := runCLI(t, "export", "roster", "--db", db, "--group", g.Number, "--out", file, "--unmasked")
			if code != 0 || !strings.Contains(out, fmt.Sprintf("Wrote %d people", g.Subscribers+g.Dependents)) && !strings.Contains(out, "Wrote ") {
				t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
			}
			empty := newEmptyGroup(t, db, g.Group)
			code, out, errOut = runCLI(t, "import", file, "--db", db, "--group", empty.Number)
			if code != 0 {
				t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
			}
			if strings.Contains(out, "Warnings") || strings.Contains(out, "Change (") || strings.Contains(out, "Terminate (") {
				t.Errorf("the import into an empty group did more than add:\n%s", out)
			}
			want, got := rosterOf(t, db, g.ID), rosterOf(t, db, empty.ID)
			for _, st := range []string{"status=terminated", "status=cobra", "status=pending", "relationship=child"} {
				if !strings.Contains(strings.Join(want, "\n"), st) {
					t.Errorf("the exported roster has no %s: the round trip proves less than it should", st)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%d people imported, %d exported", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("person %d differs:\nexported %s\nimported %s", i, want[i], got[i])
				}
			}
		})
	}
}

func TestExportMasksSSNsUnlessAsked(t *testing.T) {
	db := demoCopy(t)
	g := smallestGroup(t, db)
	file := filepath.Join(t.TempDir(), "roster.csv")
	code, out, errOut := runCLI(t, "export", "roster", "--db", db, "--group", g.Number, "--out", file)
	if code != 0 || !strings.Contains(out, "SSNs masked") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	text := readText(t, file)
	if !strings.Contains(text, "***-**-") {
		t.Error("no masked SSN in the export")
	}
	for _, line := range strings.Split(text, "\n")[1:] {
		for _, f := range strings.Split(line, ",") {
			if len(f) == 11 && f[3] == '-' && f[6] == '-' && !strings.HasPrefix(f, "***") {
				t.Fatalf("an SSN in full: %s", f)
			}
		}
	}
}

func TestExportUsageErrors(t *testing.T) {
	db := demoCopy(t)
	for _, tt := range []struct {
		args []string
		code int
		text string
	}{
		{[]string{"export"}, 2, "say what to export"},
		{[]string{"export", "roster", "--db", db, "--group", "G"}, 2, "--out FILE are required"},
		{[]string{"export", "roster", "--db", db, "--group", "G", "--out", "r.pdf"}, 1, `not ".pdf"`},
		{[]string{"export", "roster", "--db", db, "--group", "NOPE", "--out", filepath.Join(t.TempDir(), "r.csv")}, 1, `no group "NOPE"`},
	} {
		code, out, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.text) {
			t.Errorf("%v: exit %d, %q", tt.args, code, out+errOut)
		}
	}
}
