package workbook_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/reports/workbook"
	"github.com/xuri/excelize/v2"
)

// A workbook written row by row is read whole by openpyxl in read-only
// mode, which trusts each sheet's dimension, once its range is recorded.
func TestAStreamingReaderSeesEveryRowAndColumn(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	if _, err := x.NewSheet("Lines"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 40; i++ {
		row := []any{"Müller", i, float64(i) * 1.25, "x"}
		if i == 17 {
			row = append(row, "wide")
		}
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := x.SetSheetRow("Lines", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	x.SetCellValue("Sheet1", "B3", "only")
	if err := workbook.RecordRanges(x); err != nil {
		t.Fatal(err)
	}
	if d, _ := x.GetSheetDimension("Lines"); d != "A1:E40" {
		t.Errorf("Lines: dimension %s, want A1:E40", d)
	}
	if d, _ := x.GetSheetDimension("Sheet1"); d != "A1:B3" {
		t.Errorf("Sheet1: dimension %s, want A1:B3", d)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	// Debian's python3, where the python3-openpyxl package installs it.
	out, err := exec.Command("/usr/bin/python3", "-c", `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["Lines"]
rows = list(ws.iter_rows(values_only=True))
print(len(rows), max(len([v for v in r if v is not None]) for r in rows), rows[39][2])`, path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "40 5 50" {
		t.Errorf("openpyxl read-only saw %q, want 40 rows, 5 columns at most, 50 in C40", got)
	}
}
