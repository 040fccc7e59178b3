package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestExportRenewalWritesTheOfferAsAPDFAndAWorkbook(t *testing.T) {
	db := demoCopy(t)
	bay := groupNamed(t, db, "Bayview")
	for _, ext := range []string{"pdf", "xlsx"} {
		file := filepath.Join(t.TempDir(), "renewal."+ext)
		code, out, errOut := runCLI(t, "export", "renewal", "--db", db, "--group", bay, "--out", file)
		if code != 0 || !strings.Contains(out, "Wrote the renewal of Bayview Dental Group, Inc.") {
			t.Fatalf("export renewal to .%s: exit %d\n%s%s", ext, code, out, errOut)
		}
		if st, err := os.Stat(file); err != nil || st.Size() < 2000 {
			t.Fatalf("the .%s file: %v", ext, err)
		}
	}
}

func TestExportRenewalSaysWhatIsMissing(t *testing.T) {
	db := demoCopy(t)
	out := filepath.Join(t.TempDir(), "renewal.pdf")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a group whose window has not opened", []string{"--group", groupNamed(t, db, "Golden Gate Bakery"), "--out", out}, 1, "has no renewal yet"},
		{"a scenario nobody saved", []string{"--group", groupNamed(t, db, "Bayview"), "--out", out, "--scenario", "Nope"}, 1, `no renewal scenario named "Nope"`},
		{"a file that is neither PDF nor workbook", []string{"--group", groupNamed(t, db, "Bayview"), "--out", "renewal.docx"}, 1, "a .pdf or an .xlsx"},
		{"no group", []string{"--out", out}, 2, "--group GROUP and --out FILE are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"export", "renewal", "--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}

// groupNamed returns the number of the book's group whose name starts so.
func groupNamed(t *testing.T, path, prefix string) string {
	t.Helper()
	g := pickGroup(t, path, func(a, b model.GroupSummary) bool { return strings.HasPrefix(a.Name, prefix) })
	if !strings.HasPrefix(g.Name, prefix) {
		t.Fatalf("the book has no group %s", prefix)
	}
	return g.Number
}
