package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const censusHeader = "employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco,ssn\n"

// badCensusFiles are the files the issue names: each must be refused with
// where and why, and leave the database as it was, byte for byte.
var badCensusFiles = []struct {
	name, file, content, want string
}{
	{"wrong headers", "wrong.csv", "name,age,department\nAnn,46,Sales\n", "row 1: the first row (name, age, department) names no census column"},
	{"a missing header", "missing.csv", "employee_id,relationship,first_name,last_name,gender,zip,tobacco\nE1,employee,Ann,Rivera,F,93721,no\n",
		"row 1, column date_of_birth: the column date_of_birth is missing"},
	{"a birth date in the future", "future.csv", censusHeader + "E1,employee,Ann,Rivera,2031-02-03,F,93721,no,\n",
		"row 2, column date_of_birth: the date of birth 2031-02-03 is in the future"},
	{"a malformed date", "malformed.csv", censusHeader + "E1,employee,Ann,Rivera,2031-02-30,F,93721,no,\n",
		"row 2, column date_of_birth: 2031-02-30 is not a day on the calendar"},
	{"an unknown relationship", "cousin.csv", censusHeader + "E1,employee,Ann,Rivera,1980-01-01,F,93721,no,\nE1,cousin,Ed,Rivera,1990-01-01,M,93721,no,\n",
		`row 3, column relationship: "cousin" is not a relationship`},
	{"duplicate employee IDs", "dup.csv", censusHeader + "E1,employee,Ann,Rivera,1980-01-01,F,93721,no,\nE1,employee,Ben,Ortiz,1970-01-01,M,93721,no,\n",
		"row 3, column employee_id: employee ID E1 is also on row 2"},
	{"a dependent with no employee", "orphan.csv", censusHeader + "E1,employee,Ann,Rivera,1980-01-01,F,93721,no,\nE7,child,Kim,Lee,2015-01-01,F,93721,no,\n",
		"row 3, column employee_id: no employee row has employee ID E7"},
	{"an invalid SSN", "ssn.csv", censusHeader + "E1,employee,Ann,Rivera,1980-01-01,F,93721,no,000-12-3456\n",
		"row 2, column ssn: ***-**-3456 is not a valid SSN"},
	{"an empty file", "empty.csv", "", "row 1: the file is empty"},
	{"a binary file renamed .xlsx", "photo.xlsx", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00", "the file: this is not an Excel workbook"},
}

func TestBadFilesLeaveTheDatabaseByteForByteUnchanged(t *testing.T) {
	db := demoCopy(t)
	g := smallestGroup(t, db)
	dir := t.TempDir()
	files := map[string]string{}
	for _, bf := range badCensusFiles {
		files[bf.name] = filepath.Join(dir, bf.file)
		if err := os.WriteFile(files[bf.name], []byte(bf.content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := append(badCensusFiles, struct{ name, file, content, want string }{"a 1,048,576-row sheet", "million.xlsx", "",
		"sheet Census, row 200,002: the file has 1,048,576 rows; GroupDesk imports at most 200,000 people"})
	files["a 1,048,576-row sheet"] = millionRowSheet(t, dir)
	before := fileSum(t, db)
	for _, tt := range cases {
		t.Run(tt.name+" is refused and changes nothing", func(t *testing.T) {
			code, out, errOut := runCLI(t, "import", files[tt.name], "--db", db, "--group", g.Number)
			if code != 1 {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			if !strings.Contains(out+errOut, tt.want) {
				t.Fatalf("output does not say %q:\n%s%s", tt.want, out, errOut)
			}
			if fileSum(t, db) != before {
				t.Fatal("the database file changed")
			}
		})
	}
}

// millionRowSheet streams the longest sheet Excel allows: a header and
// 1,048,575 rows.
func millionRowSheet(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Census")
	sw, err := f.NewStreamWriter("Census")
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"employee_id", "relationship", "first_name", "last_name", "date_of_birth", "gender", "zip", "tobacco"}
	if err := sw.SetRow("A1", header); err != nil {
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
	path := filepath.Join(dir, "million.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportPreviewThenApplyThenUndo(t *testing.T) {
	db := demoCopy(t)
	g := smallestGroup(t, db)
	csv := filepath.Join(t.TempDir(), "roster.csv")
	if code, _, errOut := runCLI(t, "export", "roster", "--db", db, "--group", g.Number, "--out", csv, "--unmasked"); code != 0 {
		t.Fatal(errOut)
	}
	lines := strings.Split(strings.TrimSpace(readText(t, csv)), "\n")
	// Drop the last person, rename the first subscriber, add a new hire.
	lines = lines[:len(lines)-1]
	lines[1] = strings.Replace(lines[1], ","+firstField(lines[1], 2)+",", ",Renamed,", 1)
	lines = append(lines, fmt.Sprintf("Z999,employee,Nia,,Newhire,1995-05-05,F,,no,,,,,,CA,%s,,%s,,,,,,,", zipOf(lines[1]), planOf(lines[1])))
	edited := filepath.Join(t.TempDir(), "edited.csv")
	writeText(t, edited, strings.Join(lines, "\n")+"\n")

	before := fileSum(t, db)
	code, out, errOut := runCLI(t, "import", edited, "--db", db, "--group", g.Number, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"Add (1):", "Nia Newhire", "Change (", "first_name", "→ Renamed", "Terminate (", "Not in the census file", "Dry run: nothing was imported."} {
		if !strings.Contains(out, want) {
			t.Errorf("the preview does not say %q:\n%s", want, out)
		}
	}
	if fileSum(t, db) != before {
		t.Fatal("a dry run changed the database")
	}
	code, out, errOut = runCLI(t, "import", edited, "--db", db, "--group", g.Number)
	if code != 0 || !strings.Contains(out, "Imported edited.csv: 1 added, ") || !strings.Contains(out, "changed, 1 terminated") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "import", "--undo", "--db", db, "--group", g.Number)
	if code != 0 || !strings.Contains(out, "Undid the import of edited.csv") {
		t.Fatalf("undo: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "import", csv, "--db", db, "--group", g.Number, "--dry-run"); code != 0 || !strings.Contains(out, "0 to add, 0 to change, 0 to terminate") {
		t.Fatalf("after the undo the roster is not the exported one:\n%s", out)
	}
}

func TestImportWithErrorsExitsNonZeroAndSkippingAppliesTheRest(t *testing.T) {
	db := demoCopy(t)
	g := smallestGroup(t, db)
	csv := filepath.Join(t.TempDir(), "roster.csv")
	if code, _, errOut := runCLI(t, "export", "roster", "--db", db, "--group", g.Number, "--out", csv); code != 0 {
		t.Fatal(errOut)
	}
	lines := strings.Split(strings.TrimSpace(readText(t, csv)), "\n")
	lines[1] = strings.Replace(lines[1], ","+firstField(lines[1], 5)+",", ",1980-02-30,", 1)
	edited := filepath.Join(t.TempDir(), "edited.csv")
	writeText(t, edited, strings.Join(lines, "\n")+"\n")
	problems := filepath.Join(t.TempDir(), "problems.csv")
	code, out, errOut := runCLI(t, "import", edited, "--db", db, "--group", g.Number, "--errors", problems)
	if code != 1 || !strings.Contains(out, "row 2, column date_of_birth: 1980-02-30 is not a day on the calendar") || !strings.Contains(errOut, "--skip-bad-rows") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(readText(t, problems), ",2,date_of_birth,error,1980-02-30 is not a day on the calendar") {
		t.Errorf("problems file:\n%s", readText(t, problems))
	}
	code, out, _ = runCLI(t, "import", edited, "--db", db, "--group", g.Number, "--skip-bad-rows", "--dry-run")
	if code != 0 || !strings.Contains(out, "Left out for their errors") || strings.Contains(out, "Terminate (") {
		t.Fatalf("skipping: exit %d\n%s", code, out)
	}
}

func TestImportUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"import", "--db", "x.db", "--group", "G"}, {"import", "f.csv", "--group", "G"}, {"import", "f.csv", "--db", "x.db"},
		{"import", "f.csv", "--db", "x.db", "--group", "G", "--map", "nickname=Nick"}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeText(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// firstField returns field i of a simple CSV line (no quoted commas).
func firstField(line string, i int) string { return strings.Split(line, ",")[i] }

// zipOf and planOf are the ZIP and plan columns of an exported line.

func zipOf(line string) string { return strings.Split(line, ",")[15] }

func planOf(line string) string { return strings.Split(line, ",")[17] }
