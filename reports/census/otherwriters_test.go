package census_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/groupdesk/groupdesk/reports/census"
)

// A census written by openpyxl (shared strings, booleans, date cells, a
// formula) and the same census saved again by LibreOffice are read the
// same with the fast worksheet reader and with excelize alone.

const openpyxlCensus = `import sys, datetime, openpyxl
wb = openpyxl.Workbook()
subs = wb.active
subs.title = "Subscribers"
deps = wb.create_sheet("Dependents")
head = ["Employee ID", "Relationship", "First name", "Last name", "Date of birth", "Gender", "ZIP", "Tobacco", "SSN", "Address", "City", "Notes"]
subs.append(head)
deps.append(head)
for i in range(400):
    emp = 1000 + i
    subs.append([emp, "employee", ["José", "Zoë & <Al>", " Ann ", "中村"][i % 4], 'O"Brien' if i % 5 == 0 else "Rivera",
                 datetime.datetime(1970 + i % 40, 1 + i % 12, 1 + i % 28), "F" if i % 2 else "M", 2134 + i, i % 3 == 0,
                 "123-45-%04d" % (1000 + i), "12 Main St\nApt %d" % i, "Fresno", "=1+1" if i % 7 == 0 else None])
    if i % 9 == 4:
        subs.append([None] * 3)
    deps.append([emp, "child" if i % 2 else "spouse", "Kid%d" % i, "Rivera", datetime.date(2010, 1 + i % 12, 2), "U", "93721", False])
wb.save(sys.argv[1])
`

func readBothWays(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fast, err := census.FastReadsAll(data); !fast || err != nil {
		t.Errorf("the fast reader leaves the workbook to excelize (%v)", err)
	}
	fast, err := census.ReadFile(context.Background(), path, census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var slow *census.Census
	census.WithExcelizeOnly(func() { slow, err = census.ReadFile(context.Background(), path, census.Options{}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(fast.Records) != 800 {
		t.Fatalf("%d records, want 800 (problems %v)", len(fast.Records), fast.Problems)
	}
	for i := range slow.Records {
		if !reflect.DeepEqual(fast.Records[i], slow.Records[i]) {
			t.Fatalf("record %d: the fast reader read\n%+v\nexcelize\n%+v", i, fast.Records[i], slow.Records[i])
		}
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the censuses differ: problems %v / %v, ignored %v / %v", fast.Problems, slow.Problems, fast.Ignored, slow.Ignored)
	}
	if m := fast.Records[1].Member; m.FirstName != "Zoë & <Al>" || m.EmployeeID != "1001" || m.Address.Line1 != "12 Main St\nApt 1" {
		t.Errorf("the second person: %q %q %q", m.FirstName, m.EmployeeID, m.Address.Line1)
	}
}

func TestWorkbooksOtherProgramsWriteReadTheSameWithExcelizeAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "census.xlsx")
	if out, err := exec.Command("/usr/bin/python3", "-c", openpyxlCensus, path).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	t.Run("openpyxl", func(t *testing.T) { readBothWays(t, path) })
	t.Run("LibreOffice", func(t *testing.T) {
		soffice, err := exec.LookPath("soffice")
		if err != nil {
			t.Skip("LibreOffice is not installed")
		}
		out := filepath.Join(dir, "lo")
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"), "--headless",
			"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("LibreOffice: %v\n%s", err, msg)
		}
		saved := filepath.Join(out, "census.xlsx")
		if _, err := os.Stat(saved); err != nil {
			t.Fatalf("LibreOffice wrote no workbook: %v", err)
		}
		readBothWays(t, saved)
	})
}
