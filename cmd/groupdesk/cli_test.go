package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs groupdesk with args and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestHelpListsEverySubcommand(t *testing.T) {
	code, out, _ := runCLI(t, "--help")
	if code != 0 {
		t.Fatalf("--help exited %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("--help does not list %q:\n%s", c.name, out)
		}
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	code, _, errOut := runCLI(t, "frobnicate")
	if code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestDemoThenGroupsListsTheBook(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := runCLI(t, "demo", "--db", db, "--people", "1200", "--groups", "6", "--seed", "3")
	if code != 0 {
		t.Fatalf("demo exited %d: %s", code, errOut)
	}
	if !strings.Contains(out, "6 groups") {
		t.Fatalf("demo output does not summarise the book: %q", out)
	}
	code, out, errOut = runCLI(t, "groups", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("groups exited %d: %s", code, errOut)
	}
	var rows []groupRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("groups --format json is not JSON: %v\n%s", err, out)
	}
	if len(rows) != 6 {
		t.Fatalf("%d groups listed, want 6", len(rows))
	}
	people := 0
	for _, r := range rows {
		if r.Number == "" || r.Name == "" || (r.Segment != "small" && r.Segment != "large") || r.Subscribers < 1 {
			t.Errorf("incomplete row %+v", r)
		}
		people += r.Subscribers + r.Dependents
	}
	if people < 800 || people > 1400 {
		t.Errorf("the book has %d active people, want about 1200", people)
	}
	code, out, _ = runCLI(t, "groups", "--db", db)
	if code != 0 || !strings.Contains(out, "SUBSCRIBERS") || !strings.Contains(out, rows[0].Name) {
		t.Fatalf("table output: exit %d\n%s", code, out)
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	listing := func(name string) string {
		db := filepath.Join(dir, name)
		if code, _, errOut := runCLI(t, "demo", "--db", db, "--people", "600", "--seed", "9"); code != 0 {
			t.Fatalf("demo: %s", errOut)
		}
		_, out, _ := runCLI(t, "groups", "--db", db, "--format", "json")
		return out
	}
	if a, b := listing("a.db"), listing("b.db"); a != b {
		t.Fatalf("the same seed wrote different books:\n%s\n%s", a, b)
	}
}

func TestDemoRefusesADatabaseThatHoldsGroups(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := runCLI(t, "demo", "--db", db, "--people", "300"); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut := runCLI(t, "demo", "--db", db, "--people", "300")
	if code != 1 || !strings.Contains(errOut, "already holds groups") {
		t.Fatalf("second demo: exit %d, %q", code, errOut)
	}
}

func TestGroupsRefusesAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("Quarterly wage report — not a database\n")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "groups", "--db", path)
	if code != 1 || !strings.Contains(errOut, "is not a GroupDesk database") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	after, _ := os.ReadFile(path)
	if sha256.Sum256(after) != sha256.Sum256(content) {
		t.Fatal("the file was changed")
	}
}

func TestGroupsNeedsAnExistingDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	code, _, errOut := runCLI(t, "groups", "--db", path)
	if code != 1 || !strings.Contains(errOut, "does not exist") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("groups created a database")
	}
}

func TestMissingDBFlagIsAUsageError(t *testing.T) {
	code, _, errOut := runCLI(t, "groups")
	if code != 2 || !strings.Contains(errOut, "--db PATH is required") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}
