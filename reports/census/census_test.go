package census_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// writeFile writes a test file and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const goodCSV = `EE ID,Relationship,First Name,Last Name,DOB,Sex,Zip Code,Smoker,SSN,Plan,Hire date
E1,Employee,Ann,Rivera,03/02/1980,F,93721,no,123-45-6789,P1,2019-05-06
E1,Spouse,Bob,Rivera,1981-07-09,M,93721,yes,,,
E1,Child,Cat,Rivera,2010-01-20,F,93721,N,,,
`

func TestReadingACSVMapsHeadersByTheirUsualNames(t *testing.T) {
	c, err := census.ReadFile(context.Background(), writeFile(t, "census.csv", goodCSV), census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 0 || len(c.Records) != 3 {
		t.Fatalf("%d records, problems %v", len(c.Records), c.Problems)
	}
	ann, bob := c.Records[0], c.Records[1]
	if ann.Row != 2 || ann.Member.EmployeeID != "E1" || ann.Member.DateOfBirth.String() != "1980-03-02" || ann.Member.SSN != "123456789" ||
		ann.Plan != "P1" || ann.Member.Employment.HireDate.String() != "2019-05-06" || ann.Member.Gender != model.GenderFemale {
		t.Errorf("Ann: %+v", ann)
	}
	if !bob.Member.Tobacco || bob.Member.Relationship != model.RelSpouse || bob.Has.Has(model.FieldSSN) || !bob.Has.Has(model.FieldZIP) {
		t.Errorf("Bob: %+v", bob)
	}
	if c.Mapping.Column(model.FieldDateOfBirth) != 4 || c.Mapping.Column(model.FieldEmail) != -1 {
		t.Errorf("mapping %v", c.Mapping)
	}
}

func TestAColumnMappingOverrideWins(t *testing.T) {
	csv := "Employee,Rel,Given,Family,Born,Gender,ZIP,Tobacco,Nickname\nE1,employee,Ann,Rivera,1980-03-02,F,93721,no,Annie\n"
	_, err := census.ReadFile(context.Background(), writeFile(t, "c.csv", csv), census.Options{})
	if err == nil || !strings.Contains(err.Error(), "column first_name is missing") {
		t.Fatalf("without a mapping: %v", err)
	}
	c, err := census.ReadFile(context.Background(), writeFile(t, "c.csv", csv), census.Options{Map: map[model.CensusField]string{
		model.FieldFirstName: "Nickname", model.FieldLastName: "Family", model.FieldDateOfBirth: "Born"}})
	if err != nil {
		t.Fatal(err)
	}
	if m := c.Records[0].Member; m.FirstName != "Annie" || m.LastName != "Rivera" {
		t.Errorf("read %+v", m)
	}
	if strings.Join(c.Ignored, ",") != "Given" {
		t.Errorf("ignored %v", c.Ignored)
	}
}

func TestCSVEncodingsAndDelimiters(t *testing.T) {
	header := "employee_id;relationship;first_name;last_name;date_of_birth;gender;zip;tobacco\n"
	cp1252 := header + "E1;employee;J\xe9r\xf4me;M\xfcller;1980-03-02;M;93721;no\n"
	c, err := census.ReadCSV(context.Background(), strings.NewReader(cp1252), census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m := c.Records[0].Member; m.FirstName != "Jérôme" || m.LastName != "Müller" {
		t.Errorf("Windows-1252 with semicolons read as %q %q", m.FirstName, m.LastName)
	}
	bom := "\xef\xbb\xbf" + strings.ReplaceAll(header, ";", ",") + "E1,employee,Łucja,Żak,1980-03-02,F,93721,no\n"
	c, err = census.ReadCSV(context.Background(), strings.NewReader(bom), census.Options{})
	if err != nil || c.Records[0].Member.FirstName != "Łucja" {
		t.Fatalf("UTF-8 with a BOM: %v %+v", err, c)
	}
	escaped := strings.ReplaceAll(header, ";", ",") + "E1,employee,'=Ann,Rivera,1980-03-02,F,93721,no\n"
	c, _ = census.ReadCSV(context.Background(), strings.NewReader(escaped), census.Options{})
	if c.Records[0].Member.FirstName != "=Ann" {
		t.Errorf("an escaped formula reads %q", c.Records[0].Member.FirstName)
	}
}

// badFiles are the files every import must refuse clearly, with where.
var badFiles = []struct {
	name    string
	file    string
	content string
	where   string
	text    string
}{
	{"an empty file", "empty.csv", "", "row 1", "the file is empty"},
	{"a file of blank lines", "blank.csv", "\n\n  \n", "row 1", "the file is empty"},
	{"a header and nobody", "header.csv", "employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco\n", "row 2", "no people below it"},
	{"wrong headers", "wrong.csv", "name,age,city\nAnn,46,Fresno\n", "row 1", "names no census column"},
	{"a missing column", "missing.csv", "employee_id,relationship,first_name,last_name,gender,zip,tobacco\nE1,employee,Ann,Rivera,F,93721,no\n",
		"row 1, column date_of_birth", "the column date_of_birth is missing"},
	{"two columns for one field", "twice.csv", "employee_id,relationship,first_name,last_name,dob,birth date,gender,zip,tobacco\nE1,employee,Ann,Rivera,1980-01-01,1980-01-01,F,93721,no\n",
		"row 1, column date_of_birth", "both look like date_of_birth"},
	{"a binary file renamed .xlsx", "photo.xlsx", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "the file", "not an Excel workbook"},
	{"an old .xls workbook", "old.xlsx", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "the file", "Excel 97-2003"},
	{"a damaged zip renamed .xlsx", "broken.xlsx", "PK\x03\x04garbage", "the file", "the archive is damaged"},
	{"a binary file named .csv", "photo.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file", "not a text file"},
	{"a workbook named .csv", "book.csv", "PK\x03\x04\x14\x00", "the file", "give it the .xlsx extension"},
	{"a malformed CSV", "quote.csv", "employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco\nE1,employee,\"Ann,Rivera,1980-01-01,F,93721,no\n",
		"row 2", "the CSV is malformed"},
}

func TestBadFilesAreRefusedWithWhereAndWhy(t *testing.T) {
	for _, tt := range badFiles {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			_, err := census.ReadFile(context.Background(), writeFile(t, tt.file, tt.content), census.Options{})
			var fe *census.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T), want a FileError", err, err)
			}
			p := fe.Problems[0]
			if p.Where() != tt.where || !strings.Contains(p.Message, tt.text) {
				t.Fatalf("problem %q, want at %q saying %q", p.String(), tt.where, tt.text)
			}
			if model.ErrorCode(err) != model.EFORMAT || model.ErrorMessage(err) == "" {
				t.Errorf("code %s, message %q", model.ErrorCode(err), model.ErrorMessage(err))
			}
		})
	}
}

// badRows are rows a file may hold that are errors at a row and column.
var badRows = []struct {
	name, row, where, text string
}{
	{"a malformed date", "E1,employee,Ann,Rivera,1980-13-02,F,93721,no", "row 2, column date_of_birth", "1980-13-02 is not a day on the calendar"},
	{"a day not on the calendar", "E1,employee,Ann,Rivera,2031-02-30,F,93721,no", "row 2, column date_of_birth", "2031-02-30 is not a day on the calendar"},
	{"a date in words", "E1,employee,Ann,Rivera,March 2 1980,F,93721,no", "row 2, column date_of_birth", "is not a date (use YYYY-MM-DD or MM/DD/YYYY)"},
	{"an unknown relationship", "E1,cousin,Ann,Rivera,1980-03-02,F,93721,no", "row 2, column relationship", `"cousin" is not a relationship`},
	{"a missing relationship", "E1,,Ann,Rivera,1980-03-02,F,93721,no", "row 2, column relationship", "the relationship is required"},
	{"an invalid SSN", "E1,employee,Ann,Rivera,1980-03-02,F,93721,no,666-12-3456", "row 2, column ssn", "***-**-3456 is not a valid SSN"},
	{"an SSN of eight digits and a dash", "E1,employee,Ann,Rivera,1980-03-02,F,93721,no,12-345-678", "row 2, column ssn", "an SSN has nine digits"},
	{"an unknown gender", "E1,employee,Ann,Rivera,1980-03-02,Q,93721,no", "row 2, column gender", `"Q" is not a gender`},
	{"tobacco that is not yes or no", "E1,employee,Ann,Rivera,1980-03-02,F,93721,sometimes", "row 2, column tobacco", `"sometimes" is not yes or no`},
}

func TestBadRowsAreProblemsAtTheirRowAndColumn(t *testing.T) {
	header := "employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco,ssn\n"
	for _, tt := range badRows {
		t.Run(tt.name+" is a problem", func(t *testing.T) {
			c, err := census.ReadCSV(context.Background(), strings.NewReader(header+tt.row+"\n"), census.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Problems) != 1 || c.Problems[0].Where() != tt.where || !strings.Contains(c.Problems[0].Message, tt.text) {
				t.Fatalf("problems %v, want one at %q saying %q", c.Problems, tt.where, tt.text)
			}
		})
	}
}

func TestATooLongCSVIsRefusedWithItsRowCount(t *testing.T) {
	var b strings.Builder
	b.WriteString("employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco\n")
	for i := range 30 {
		b.WriteString("E" + string(rune('A'+i%26)) + ",employee,A,B,1980-01-01,F,93721,no\n")
	}
	_, err := census.ReadCSV(context.Background(), strings.NewReader(b.String()), census.Options{MaxRows: 20})
	if err == nil || !strings.Contains(err.Error(), "row 22: the file has 31 rows; GroupDesk imports at most 20 people") {
		t.Fatalf("error %v", err)
	}
}

func TestProgressIsReportedAndCancelStops(t *testing.T) {
	var b strings.Builder
	b.WriteString("employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco\n")
	for range 2500 {
		b.WriteString("E1,employee,A,B,1980-01-01,F,93721,no\n")
	}
	var seen []int
	if _, err := census.ReadCSV(context.Background(), strings.NewReader(b.String()), census.Options{Progress: func(n int) { seen = append(seen, n) }}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[1] != 2000 {
		t.Errorf("progress %v", seen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := census.ReadCSV(ctx, strings.NewReader(b.String()), census.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read: %v", err)
	}
}

func TestReadHeaderReadsOnlyTheFirstRow(t *testing.T) {
	h, err := census.ReadHeader(context.Background(), writeFile(t, "c.csv", goodCSV))
	if err != nil || len(h) != 11 || h[4] != "DOB" {
		t.Fatalf("header %v, %v", h, err)
	}
	if _, err := census.ReadHeader(context.Background(), writeFile(t, "e.csv", "")); err == nil {
		t.Fatal("an empty file has a header")
	}
}
