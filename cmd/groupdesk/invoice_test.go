package main

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// newestInvoice returns the newest invoice of the demo book's group whose
// name starts so, with its group's number.
func newestInvoice(t *testing.T, path, prefix string) (string, model.Invoice) {
	t.Helper()
	number := groupNamed(t, path, prefix)
	db, ctx := openStore(t, path)
	defer db.Close()
	gs, err := db.Groups(ctx, prefix)
	if err != nil || len(gs) != 1 {
		t.Fatalf("the group %s: %v", prefix, err)
	}
	invs, err := db.Invoices(ctx, gs[0].ID, model.Period{})
	if err != nil || len(invs) == 0 {
		t.Fatalf("%s has no invoices: %v", prefix, err)
	}
	return number, invs[0]
}

func TestExportInvoiceWritesTheStatementAndItsLines(t *testing.T) {
	for _, tool := range []string{"qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	db := demoCopy(t)
	group, inv := newestInvoice(t, db, "Bayview")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "invoice.pdf")
	code, out, errOut := runCLI(t, "export", "invoice", "--db", db, "--group", group, "--period", inv.Period.String(), "--out", pdf)
	if code != 0 || !strings.Contains(out, "Wrote invoice "+inv.Number+" of Bayview Dental Group, Inc.") {
		t.Fatalf("export invoice: exit %d\n%s%s", code, out, errOut)
	}
	if check, err := exec.Command("qpdf", "--check", pdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, check)
	}
	text, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{inv.Number, inv.AmountDue.String(), "Amount due by " + inv.DueOn.US(), "Your health plan is billing you"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the statement lacks %q", want)
		}
	}
	xlsx := filepath.Join(dir, "invoice.xlsx")
	if code, out, errOut = runCLI(t, "export", "invoice", "--db", db, "--group", group, "--period", inv.Period.String(), "--out", xlsx); code != 0 {
		t.Fatalf("export invoice to a workbook: exit %d\n%s%s", code, out, errOut)
	}
	script := `import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Lines"]
print(sum(1 for _ in ws.iter_rows(values_only=True)))`
	rows, err := exec.Command("/usr/bin/python3", "-c", script, xlsx).CombinedOutput()
	if err != nil || strings.TrimSpace(string(rows)) != strconv.Itoa(inv.LineCount+1) {
		t.Fatalf("the workbook's Lines sheet: %s (%v), want %d rows", rows, err, inv.LineCount+1)
	}
	report := filepath.Join(dir, "check.pdf")
	code, out, errOut = runCLI(t, "export", "reconciliation", "--db", db, "--group", group, "--period", inv.Period.String(), "--out", report)
	if code != 0 || !strings.Contains(out, "Compared invoice "+inv.Number+" with the roster: 0 discrepancies") {
		t.Fatalf("export reconciliation of the demo's own invoice: exit %d\n%s%s", code, out, errOut)
	}
}

func TestExportInvoiceSaysWhatIsWrong(t *testing.T) {
	db := demoCopy(t)
	group, inv := newestInvoice(t, db, "Bayview")
	out := filepath.Join(t.TempDir(), "invoice.pdf")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a month that is not one", []string{"--group", group, "--period", "2026-13", "--out", out}, 1, "--period"},
		{"a month never billed", []string{"--group", group, "--period", "1999-01", "--out", out}, 1, "has no invoice for January 1999"},
		{"no month", []string{"--group", group, "--out", out}, 2, "--group GROUP, --period YYYY-MM and --out FILE are required"},
		{"a file that is neither PDF nor workbook", []string{"--group", group, "--period", inv.Period.String(), "--out", "invoice.docx"}, 1, ".pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"export", "invoice", "--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
