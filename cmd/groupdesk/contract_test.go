package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportContractWritesTheVersionAskedForAsAPDF(t *testing.T) {
	db := demoCopy(t)
	bay := groupNamed(t, db, "Bayview")
	file := filepath.Join(t.TempDir(), "contract.pdf")
	code, out, errOut := runCLI(t, "export", "contract", "--db", db, "--group", bay, "--version", "1", "--out", file)
	if code != 0 || !strings.Contains(out, "Wrote contract version 1 of Bayview Dental Group, Inc. (Original agreement") {
		t.Fatalf("export contract: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (scripts/install-deps.sh test installs it)")
	}
	text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Bayview Dental Group, Inc.", "Contract version 1 · Original agreement", "Plans and rates in force"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the exported PDF lacks %q", want)
		}
	}

	current := filepath.Join(t.TempDir(), "current.pdf")
	if code, out, errOut := runCLI(t, "export", "contract", "--db", db, "--group", bay, "--out", current); code != 0 ||
		strings.Contains(out, "version 1 ") || !strings.Contains(out, "from ") {
		t.Fatalf("export of the version in force: exit %d\n%s%s", code, out, errOut)
	}
}

func TestExportContractSaysWhatIsWrong(t *testing.T) {
	db := demoCopy(t)
	bay := groupNamed(t, db, "Bayview")
	out := filepath.Join(t.TempDir(), "contract.pdf")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a version the group does not have", []string{"--group", bay, "--version", "99", "--out", out}, 1, "has no contract version 99: its versions are numbered 1 to"},
		{"a version that is not a number", []string{"--group", bay, "--version", "latest", "--out", out}, 1, `--version "latest" is not a number`},
		{"a file that is not a PDF", []string{"--group", bay, "--out", "contract.docx"}, 1, "not contract.docx"},
		{"no output", []string{"--group", bay}, 2, "--group GROUP and --out FILE.pdf are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"export", "contract", "--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
