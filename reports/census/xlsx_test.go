package census_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/reports/census"
	"github.com/xuri/excelize/v2"
)

// saveWorkbook writes rows to the named sheets of a new workbook.
func saveWorkbook(t *testing.T, sheets map[string][][]any, order ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
			for c, v := range row {
				if _, ok := v.(time.Time); ok {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					f.SetCellStyle(name, cell, cell, date)
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "census.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var xlsxHeader = []any{"Employee ID", "Relationship", "First name", "Last name", "Date of birth", "Gender", "ZIP", "Tobacco", "SSN"}

func TestReadingAWorkbookWithDateCellsAndNumbers(t *testing.T) {
	path := saveWorkbook(t, map[string][][]any{"Census": {
		xlsxHeader,
		{1001, "Employee", "Ann", "Rivera", time.Date(1980, 3, 2, 0, 0, 0, 0, time.UTC), "F", 2134, false, 12345678},
		{1001, "Child", "Cat", "Rivera", "01/20/2010", "F", "02134", "no"},
	}}, "Census")
	c, err := census.ReadFile(context.Background(), path, census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 0 || len(c.Records) != 2 {
		t.Fatalf("problems %v, %d records", c.Problems, len(c.Records))
	}
	ann, cat := c.Records[0].Member, c.Records[1].Member
	if ann.EmployeeID != "1001" || ann.DateOfBirth.String() != "1980-03-02" || ann.Address.ZIP != "02134" || ann.SSN != "012345678" || ann.Tobacco {
		t.Errorf("Ann: %+v", ann)
	}
	if cat.DateOfBirth.String() != "2010-01-20" || c.Records[1].Sheet != "Census" || c.Records[1].Row != 3 {
		t.Errorf("Cat: %+v (%s row %d)", cat, c.Records[1].Sheet, c.Records[1].Row)
	}
}

func TestAnExportedRosterIsReadFromBothSheets(t *testing.T) {
	path := saveWorkbook(t, map[string][][]any{
		"Subscribers": {xlsxHeader, {"E1", "employee", "Ann", "Rivera", "1980-03-02", "F", "93721", "no"}},
		"Dependents":  {xlsxHeader, {"E1", "spouse", "Bob", "Rivera", "1981-07-09", "M", "93721", "no"}},
		"Summary":     {{"Group", "Rivera Bakery"}},
	}, "Subscribers", "Dependents", "Summary")
	c, err := census.ReadFile(context.Background(), path, census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Records) != 2 || c.Records[1].Sheet != "Dependents" || c.Records[1].Row != 2 {
		t.Fatalf("records %+v", c.Records)
	}
}

func TestProblemsInAWorkbookNameTheSheet(t *testing.T) {
	path := saveWorkbook(t, map[string][][]any{"People": {xlsxHeader, {"E1", "employee", "Ann", "Rivera", "1980-02-30", "F", "93721", "no"}}}, "People")
	c, err := census.ReadFile(context.Background(), path, census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 1 || c.Problems[0].String() != "sheet People, row 2, column date_of_birth: 1980-02-30 is not a day on the calendar" {
		t.Fatalf("problems %v", c.Problems)
	}
}

// TestAMillionRowSheetIsRefusedQuickly writes the longest sheet Excel
// allows (1,048,576 rows) and checks that the reader refuses it with its
// row count without parsing it.
func TestAMillionRowSheetIsRefusedQuickly(t *testing.T) {
	path := millionRowWorkbook(t)
	parsed := 0
	_, err := census.ReadFile(context.Background(), path, census.Options{Progress: func(n int) { parsed = n }})
	var fe *census.FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "sheet Census, row 200,002: the file has 1,048,576 rows; GroupDesk imports at most 200,000 people") {
		t.Fatalf("error %v", err)
	}
	if h, err := census.ReadHeader(context.Background(), path); err != nil || len(h) != len(xlsxHeader) {
		t.Errorf("the header of the long sheet: %v, %v", h, err)
	}
	if parsed != 0 {
		t.Errorf("%d rows were parsed before the sheet was refused", parsed)
	}
}

// millionRowWorkbook streams a header and 1,048,575 one-cell rows.
func millionRowWorkbook(t testing.TB) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Census")
	sw, err := f.NewStreamWriter("Census")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", xlsxHeader); err != nil {
		t.Fatal(err)
	}
	row := []any{"E1"}
	for r := 2; r <= 1_048_576; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "million.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAWorkbookWithTheWrongHeaderNamesTheSheet(t *testing.T) {
	path := saveWorkbook(t, map[string][][]any{"Sheet A": {{"Name", "Salary"}, {"Ann", 1}}}, "Sheet A")
	_, err := census.ReadFile(context.Background(), path, census.Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "sheet Sheet A, row 1: the first row (Name, Salary) names no census column") {
		t.Fatalf("error %v", err)
	}
}

// TestBlankRowsBetweenPeopleInBothSheets reads two sheets with blank rows
// among the people: the sheets are counted (their records are allocated in
// one list, each sheet its part) or not (a list per sheet, joined), and
// either way the records are the people, by sheet and row.
func TestBlankRowsBetweenPeopleInBothSheets(t *testing.T) {
	sheets := map[string][][]any{"Subscribers": {xlsxHeader}, "Dependents": {xlsxHeader}}
	var want []string
	for i := range 240 {
		name := "Subscribers"
		if i%2 == 1 {
			name = "Dependents"
		}
		rows := sheets[name]
		if i%7 == 3 {
			rows = append(rows, []any{" ", "", "  "}) // a blank row
		}
		emp := fmt.Sprintf("E%03d", i/2)
		rel := "employee"
		if name == "Dependents" {
			rel = "child"
		}
		rows = append(rows, []any{emp, rel, fmt.Sprintf("P%d", i), "Rivera", "2001-03-02", "F", "93721", "no"})
		sheets[name] = rows
		want = append(want, fmt.Sprintf("%s %d P%d", name, len(rows), i))
	}
	slices.SortStableFunc(want, func(a, b string) int { return -strings.Compare(a[:3], b[:3]) }) // Subscribers first
	path := saveWorkbook(t, sheets, "Subscribers", "Dependents")
	for _, maxRows := range []int{census.MaxRows, 300} { // 300: the sheets are counted
		c, err := census.ReadFile(context.Background(), path, census.Options{MaxRows: maxRows})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range c.Records {
			got = append(got, fmt.Sprintf("%s %d %s", r.Sheet, r.Row, r.Member.FirstName))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("at most %d rows: records\n%v\nwant\n%v", maxRows, got, want)
		}
	}
}

// TestAWorkbookReportsProgressAndStopsWhenCancelled reads a two-sheet
// workbook: the progress adds up both sheets, one call at a time, and a
// cancel from the progress bar stops both.
func TestAWorkbookReportsProgressAndStopsWhenCancelled(t *testing.T) {
	sheets := map[string][][]any{"Subscribers": {xlsxHeader}, "Dependents": {xlsxHeader}}
	for i := range 3000 {
		emp := fmt.Sprintf("E%04d", i)
		sheets["Subscribers"] = append(sheets["Subscribers"], []any{emp, "employee", "Ann", "Rivera", "1980-03-02", "F", "93721", "no"})
		sheets["Dependents"] = append(sheets["Dependents"], []any{emp, "child", "Cat", "Rivera", "2010-01-20", "F", "93721", "no"})
	}
	path := saveWorkbook(t, sheets, "Subscribers", "Dependents")
	var seen []int
	calls := 0
	c, err := census.ReadFile(context.Background(), path, census.Options{Progress: func(n int) {
		calls++ // the race detector sees calls that overlap
		seen = append(seen, n)
	}})
	if err != nil || len(c.Records) != 6000 {
		t.Fatalf("%v, %d records", err, len(c.Records))
	}
	if len(seen) != 6 || !slices.IsSorted(seen) || seen[5] != 6000 || calls != 6 {
		t.Errorf("progress %v", seen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := census.ReadFile(ctx, path, census.Options{Progress: func(int) { cancel() }}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled read: %v", err)
	}
}
