package roster_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/roster"
)

func member(id, sub string, rel model.Relationship, first, last, born string) model.Member {
	return model.Member{ID: id, SubscriberID: sub, EmployeeID: "E1", Relationship: rel, FirstName: first, LastName: last,
		DateOfBirth: model.MustDate(born), Gender: model.GenderFemale, PlanID: "P1", Tier: model.TierFAM, Status: model.StatusActive,
		Effective: model.MustDate("2024-01-01"), Address: model.Address{Line1: "1 Main St", City: "Łódź", State: "CA", ZIP: "93721"}}
}

// families is a roster with the values that trip exports up: formulas,
// non-ASCII names, an ended coverage, a missing SSN.
func families() [][]model.Member {
	ann := member("a", "", model.RelEmployee, "Ann", "Müller", "1980-03-02")
	ann.SSN, ann.Phone, ann.Email, ann.Employment.HireDate = "123456789", "+1 559 555 0100", "@ann", model.MustDate("2019-05-06")
	bob := member("b", "a", model.RelSpouse, "=HYPERLINK(\"http://x\")", "Müller", "1981-07-09")
	cat := member("c", "a", model.RelChild, "-Cat", "Müller", "2010-01-20")
	cat.Status, cat.Termination, cat.TermReason = model.StatusTerminated, model.MustDate("2026-05-31"), "Other coverage"
	zed := member("z", "", model.RelEmployee, "Zoë", "Ångström", "1975-05-05")
	zed.EmployeeID, zed.Tier, zed.Status = "E2", model.TierEE, model.StatusCOBRA
	return [][]model.Member{{ann, bob, cat}, {zed}}
}

func source() roster.Source {
	plan := &model.Plan{ID: "P1", Name: "Gold PPO", Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018",
		BaseRates: map[string]model.Money{"area-1": 44000}}}
	return roster.Source{Group: model.Group{Name: "Rivera Bakery", Number: "G-7", RatingArea: "area-1"},
		Plans: map[string]*model.Plan{"P1": plan}, RatingDate: model.MustDate("2026-01-01"), Subscribers: 2, Dependents: 2,
		Families: func(ctx context.Context, fn func([]model.Member) error) error {
			for _, f := range families() {
				if err := fn(f); err != nil {
					return err
				}
			}
			return nil
		}}
}

// python returns a python3 that has openpyxl (python3-openpyxl, installed
// by scripts/install-deps.sh test).
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	t.Fatal("no python3 with openpyxl: run scripts/install-deps.sh test (python3-openpyxl)")
	return ""
}

type xcell struct {
	V  any    `json:"v"`
	T  string `json:"t"`
	F  string `json:"f"`
	DT string `json:"dt"`
}

type xsheet struct {
	Freeze string             `json:"freeze"`
	Filter string             `json:"filter"`
	Widths map[string]float64 `json:"widths"`
	Rows   [][]xcell          `json:"rows"`
}

// readWithOpenpyxl reads a workbook with openpyxl.
func readWithOpenpyxl(t *testing.T, path string) map[string]json.RawMessage {
	t.Helper()
	out, err := exec.Command(python(t), filepath.Join("testdata", "read_roster.py"), path).Output()
	if err != nil {
		t.Fatalf("openpyxl could not read the roster: %v", err)
	}
	var book map[string]json.RawMessage
	if err := json.Unmarshal(out, &book); err != nil {
		t.Fatal(err)
	}
	return book
}

func sheetOf(t *testing.T, book map[string]json.RawMessage, name string) xsheet {
	t.Helper()
	var s xsheet
	if err := json.Unmarshal(book[name], &s); err != nil {
		t.Fatalf("sheet %s: %v", name, err)
	}
	return s
}

// byHeader returns row r of a sheet as header → cell.
func byHeader(s xsheet, r int) map[string]xcell {
	out := map[string]xcell{}
	for i, h := range s.Rows[0] {
		out[h.V.(string)] = s.Rows[r][i]
	}
	return out
}

func TestAnExportedWorkbookReadsBackInOpenpyxl(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	sum, err := roster.WriteFile(context.Background(), path, source(), roster.Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	book := readWithOpenpyxl(t, path)
	var names []string
	json.Unmarshal(book["sheets"], &names)
	if strings.Join(names, ",") != "Subscribers,Dependents,Summary" {
		t.Fatalf("sheets %v", names)
	}
	subs, deps := sheetOf(t, book, "Subscribers"), sheetOf(t, book, "Dependents")
	if len(subs.Rows) != 3 || len(deps.Rows) != 3 {
		t.Fatalf("%d subscriber rows and %d dependent rows, want 2 people each", len(subs.Rows)-1, len(deps.Rows)-1)
	}
	for _, s := range []xsheet{subs, deps} {
		if s.Freeze != "A2" || !strings.HasPrefix(s.Filter, "A1:") && !strings.HasPrefix(s.Filter, "$A$1:") || s.Widths["A"] == 0 {
			t.Errorf("freeze %q, filter %q, widths %v", s.Freeze, s.Filter, s.Widths)
		}
	}
	ann := byHeader(subs, 1)
	want := map[string]any{"Employee ID": "E1", "First name": "Ann", "Last name": "Müller", "Date of birth": "1980-03-02",
		"SSN": "***-**-6789", "Phone": "+1 559 555 0100", "Email": "@ann", "Hire date": "2019-05-06", "Plan": "P1", "Plan name": "Gold PPO",
		"Coverage tier": "FAM", "Status": "active", "City": "Łódź"}
	for h, v := range want {
		if ann[h].V != v {
			t.Errorf("Ann's %s = %v (%s), want %v", h, ann[h].V, ann[h].T, v)
		}
	}
	if ann["Date of birth"].T != "date" || ann["Hire date"].T != "date" || ann["Effective date"].T != "date" {
		t.Errorf("dates are not dates: %+v", ann["Date of birth"])
	}
	// Ann 45 (1.444 → 635.36), Bob 44 (1.397 → 614.68); Cat's coverage ended.
	if p := ann["Monthly premium"]; p.V != 1250.04 || p.T != "number" || !strings.Contains(p.F, "$") {
		t.Errorf("premium %+v, want $1,250.04 as currency", p)
	}
	if sum.MonthlyPremium != 125004+78584 { // and Zoë on COBRA, 51: 1.786 → 785.84
		t.Errorf("summary premium %s", sum.MonthlyPremium)
	}
	bob, cat := byHeader(deps, 1), byHeader(deps, 2)
	if bob["First name"].V != `=HYPERLINK("http://x")` || bob["First name"].DT != "s" || cat["First name"].V != "-Cat" {
		t.Errorf("formula-like names are not text: %+v %+v", bob["First name"], cat["First name"])
	}
	if cat["Termination date"].V != "2026-05-31" || cat["Status"].V != "terminated" || cat["Subscriber"].V != "Ann Müller" {
		t.Errorf("Cat: %+v", cat)
	}
}

func TestSSNsAreShownOnlyWhenAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	if _, err := roster.WriteFile(context.Background(), path, source(), roster.Options{Unmasked: true}); err != nil {
		t.Fatal(err)
	}
	subs := sheetOf(t, readWithOpenpyxl(t, path), "Subscribers")
	if got := byHeader(subs, 1)["SSN"].V; got != "123-45-6789" {
		t.Errorf("unmasked SSN %v", got)
	}
}

func TestTheCSVDefusesFormulas(t *testing.T) {
	var b bytes.Buffer
	if _, err := roster.WriteCSV(context.Background(), &b, source(), roster.Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want a header and 4 people", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	checks := []struct {
		row       int
		col, want string
	}{
		{1, "Phone", "'+1 559 555 0100"}, {1, "Email", "'@ann"}, {2, "First name", `'=HYPERLINK("http://x")`},
		{3, "First name", "'-Cat"}, {1, "Date of birth", "1980-03-02"}, {1, "Monthly premium", "1250.04"}, {2, "Monthly premium", ""},
		{1, "SSN", "***-**-6789"}, {4, "Status", "cobra"},
	}
	for _, c := range checks {
		if got := rows[c.row][col[c.col]]; got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.col, got, c.want)
		}
	}
}

func TestAFailedExportLeavesNoFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	src := source()
	src.Families = func(context.Context, func([]model.Member) error) error { return context.Canceled }
	if _, err := roster.WriteFile(context.Background(), path, src, roster.Options{}); err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	if _, err := roster.WriteFile(context.Background(), filepath.Join(t.TempDir(), "roster.pdf"), source(), roster.Options{}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a .pdf export: %v", err)
	}
}
