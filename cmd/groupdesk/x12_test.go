package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/x12"
)

// TestExport834ThenCompareIt: the full file exported by the command
// validates, and comparing it with the roster finds nothing (exit 0); the
// same file with a family moved to employee-only is reported (exit 1).
func TestExport834ThenCompareIt(t *testing.T) {
	db := demoCopy(t)
	g := largestGroup(t, db).Number
	file := filepath.Join(t.TempDir(), "full.834")
	code, out, errOut := runCLI(t, "export", "834", "--db", db, "--group", g, "--out", file, "--carrier", "Example Health Plan", "--carrier-id", "946543210")
	if code != 0 || !strings.Contains(out, "Wrote the full 834 of") || !strings.Contains(out, "SSNs left out") {
		t.Fatalf("export 834: exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	e, err := x12.Read834(data)
	if err != nil {
		t.Fatalf("the exported file does not validate:\n%v", err)
	}
	if e.Action != x12.ActionVerify || e.PolicyNumber != g || e.Payer.ID != "946543210" || len(e.Members) == 0 {
		t.Errorf("header: action %q policy %q payer %+v, %d members", e.Action, e.PolicyNumber, e.Payer, len(e.Members))
	}
	code, out, errOut = runCLI(t, "import", "834", file, "--db", db, "--group", g, "--compare")
	if code != 0 || !strings.Contains(out, "No discrepancy") {
		t.Fatalf("import 834 --compare of the exported file: exit %d\n%s%s", code, out, errOut)
	}
	text := string(data)
	i := strings.Index(text, "*FAM~")
	if i < 0 {
		t.Fatal("no family tier in the file")
	}
	planted := filepath.Join(t.TempDir(), "carrier.834")
	if err := os.WriteFile(planted, []byte(text[:i]+"*EMP~"+text[i+5:]), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runCLI(t, "import", "834", planted, "--db", db, "--group", g, "--compare")
	if code != 1 || !strings.Contains(out, "1 discrepancies:") || !strings.Contains(out, "Wrong tier (1)") || !strings.Contains(out, "(EMP) at the carrier") ||
		!strings.Contains(errOut, "1 discrepancies between the carrier's enrollment and the roster") {
		t.Fatalf("a family on the wrong tier: exit %d\n%s%s", code, out, errOut)
	}
}

// TestExport834Changes writes the change file since long ago (every
// member an addition) and says when nothing changed.
func TestExport834Changes(t *testing.T) {
	db := demoCopy(t)
	g := largestGroup(t, db).Number
	file := filepath.Join(t.TempDir(), "changes.834")
	code, out, errOut := runCLI(t, "export", "834", "--db", db, "--group", g, "--since", "2000-01-01", "--out", file)
	if code != 0 || !strings.Contains(out, "Wrote the 834 of the changes to") || !strings.Contains(out, "additions") {
		t.Fatalf("export 834 --since: exit %d\n%s%s", code, out, errOut)
	}
	data, _ := os.ReadFile(file)
	e, err := x12.Read834(data)
	if err != nil || e.Action != x12.ActionChange || e.Members[0].Maintenance != x12.MaintAdd {
		t.Fatalf("the change file: %v", err)
	}
	none := filepath.Join(t.TempDir(), "none.834")
	code, _, errOut = runCLI(t, "export", "834", "--db", db, "--group", g, "--since", "2999-01-01", "--out", none)
	if _, statErr := os.Stat(none); code != 1 || !strings.Contains(errOut, "no file written") || statErr == nil {
		t.Fatalf("nothing changed: exit %d %q, file %v", code, errOut, statErr)
	}
}

// TestExport820OfAPayment writes a demo payment's 820 per member and as
// the summary.
func TestExport820OfAPayment(t *testing.T) {
	db := demoCopy(t)
	store, ctx := openStore(t, db)
	var pay model.Payment
	groups, err := store.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		pays, err := store.Payments(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pays {
			if p.Status == model.PaymentProcessed && pay.ID == "" {
				pay = p
			}
		}
	}
	store.Close()
	if pay.ID == "" {
		t.Fatal("the demo book has no processed payment")
	}
	for _, detail := range []string{"summary", ""} {
		file := filepath.Join(t.TempDir(), "pay.820")
		args := []string{"export", "820", "--db", db, "--payment", pay.ID, "--out", file}
		if detail != "" {
			args = append(args, "--detail", detail)
		}
		code, out, errOut := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Wrote the 820 of payment "+pay.ID) {
			t.Fatalf("export 820 --detail %q: exit %d\n%s%s", detail, code, out, errOut)
		}
		data, _ := os.ReadFile(file)
		r, err := x12.Read820(data)
		if err != nil {
			t.Fatalf("the 820 does not validate:\n%v", err)
		}
		if r.Amount != pay.Amount || (detail == "summary") != (r.Summary != nil) {
			t.Errorf("--detail %q: BPR02 %s (payment %s), summary %v", detail, r.Amount, pay.Amount, r.Summary)
		}
	}
}

// TestX12CommandsSayWhatIsWrong: usage errors exit 2, bad files and
// unknown records 1, each with what is wrong.
func TestX12CommandsSayWhatIsWrong(t *testing.T) {
	db := demoCopy(t)
	g := largestGroup(t, db).Number
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.834")
	full := filepath.Join(dir, "full.834")
	if code, _, errOut := runCLI(t, "export", "834", "--db", db, "--group", g, "--out", full); code != 0 {
		t.Fatal(errOut)
	}
	data, _ := os.ReadFile(full)
	if err := os.WriteFile(broken, []byte(strings.Replace(string(data), "\nSE*", "\nSE*1", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"export 834 without a group", []string{"export", "834", "--db", db, "--out", full}, 2, "--group GROUP and --out FILE are required"},
		{"export 834 with a bad date", []string{"export", "834", "--db", db, "--group", g, "--since", "May 1", "--out", full}, 2, `--since "May 1" is not a date`},
		{"export 834 of an unknown group", []string{"export", "834", "--db", db, "--group", "GRP-NONE", "--out", full}, 1, `no group "GRP-NONE"`},
		{"export 820 of an unknown payment", []string{"export", "820", "--db", db, "--payment", "nope", "--out", filepath.Join(dir, "p.820")}, 1, `no payment "nope"`},
		{"export 820 with an unknown detail", []string{"export", "820", "--db", db, "--payment", "nope", "--out", filepath.Join(dir, "p.820"), "--detail", "all"}, 2, "--detail is member or summary"},
		{"import 834 without --compare", []string{"import", "834", full, "--db", db, "--group", g}, 2, "add --compare"},
		{"import 834 of a broken file", []string{"import", "834", broken, "--db", db, "--group", g, "--compare"}, 1, "broken.834: segment"},
		{"import 834 of a missing file", []string{"import", "834", filepath.Join(dir, "missing.834"), "--db", db, "--group", g, "--compare"}, 1, "Cannot read"},
		{"import 834 without a file", []string{"import", "834", "--db", db, "--group", g, "--compare"}, 2, "required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "p.820")); err == nil {
		t.Error("a failed export left a file behind")
	}
	code, out, _ := runCLI(t, "import", "834", "--help")
	if code != 0 && !strings.Contains(out, "1 when discrepancies") {
		t.Errorf("import 834 --help: exit %d", code)
	}
}
