package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// examplePlans is the worked example of DOMAIN.md §1.1 as a plans file.
const examplePlans = `{
  "areas": [{"id": "CA-04", "state": "CA", "zips": ["94612", "945"]}, {"id": "CA-07", "state": "CA", "zips": ["951"]}],
  "plans": [
    {"id": "GOLD80-HMO", "name": "Gold 80 HMO", "type": "HMO", "metal": "gold",
     "rating": {"method": "age", "curve": "federal-2018", "tobacco_factor": "1.15", "base_rates": {"CA-04": "440.00", "CA-07": "401.00"}}},
    {"id": "SILVER-CA04", "name": "Silver 70 PPO", "type": "PPO", "metal": "silver",
     "rating": {"method": "age", "base_rates": {"CA-04": "380.00"}}}
  ]}`

const quoteCensusHeader = "employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco\n"

// exampleCensus is the worked example's family (ages on 2026-01-01).
const exampleCensus = quoteCensusHeader +
	"E1,employee,Łukasz,Müller,1980-07-01,M,94612,yes\n" +
	"E1,spouse,Zoë,Müller,1982-07-01,F,94612,no\n" +
	"E1,child,Nguyễn,Müller,2008-07-01,U,,no\n" +
	"E1,child,Ana,Müller,2011-07-01,F,,no\n" +
	"E1,child,Ben,Müller,2015-07-01,M,,no\n" +
	"E1,child,Cy,Müller,2017-07-01,M,,no\n"

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func fixQuoteClock(t *testing.T) {
	t.Helper()
	quoteNow = func() time.Time { return time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { quoteNow = time.Now })
}

func TestQuoteWritesTheWorkedExampleAsJSON(t *testing.T) {
	fixQuoteClock(t)
	code, out, errOut := runCLI(t, "quote", "--census", writeTemp(t, "census.csv", exampleCensus),
		"--plans", writeTemp(t, "plans.json", examplePlans), "--effective", "2026-01-01", "--plan", "GOLD80-HMO")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Effective string `json:"effective_date"`
		Plans     []struct {
			PlanID  string `json:"plan_id"`
			Total   string `json:"total"`
			Members []struct {
				EmployeeID, Relationship, FirstName, LastName, Area, Premium string
				Age                                                          int
				Rated                                                        bool
			} `json:"members"`
		} `json:"plans"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	p := doc.Plans[0]
	if doc.Effective != "2026-01-01" || len(doc.Plans) != 1 || p.PlanID != "GOLD80-HMO" || p.Total != "2390.34" {
		t.Fatalf("output %s", out)
	}
	want := []string{"730.66", "597.08", "389.40", "336.60", "336.60", "0.00"}
	for i, m := range p.Members {
		if m.Premium != want[i] || m.Area != "CA-04" || m.Rated != (i < 5) {
			t.Errorf("member %d: %+v, want premium %s", i, m, want[i])
		}
	}
	if !strings.Contains(out, `"first_name": "Nguyễn"`) || !strings.Contains(out, `"relationship": "spouse"`) || p.Members[0].Age != 45 {
		t.Errorf("names, relationships or ages are off:\n%s", out)
	}
}

func TestQuoteWritesCSVWithATotalPerPlan(t *testing.T) {
	fixQuoteClock(t)
	code, out, errOut := runCLI(t, "quote", "--census", writeTemp(t, "census.csv", exampleCensus),
		"--plans", writeTemp(t, "plans.json", examplePlans), "--effective", "2026-01-01", "--format", "csv")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 15 || lines[7] != "GOLD80-HMO,total,,,,,,,,2390.34" || !strings.HasPrefix(lines[8], "SILVER-CA04,member,E1,employee,Łukasz") {
		t.Fatalf("exit %d %s\n%s", code, errOut, out)
	}
}

func TestQuoteRefusesBadInputWithoutPartialOutput(t *testing.T) {
	fixQuoteClock(t)
	far := quoteCensusHeader + "E1,employee,Ann,Lee,1980-01-01,F,94612,no\nE2,employee,Bo,Kim,1970-01-01,M,95112,no\n"
	tests := []struct {
		name, census, plans, want string
		extra                     []string
	}{
		{"a date of birth in the future", quoteCensusHeader + "E1,employee,Ann,Lee,2026-03-01,F,94612,no\n", examplePlans,
			"row 2, column date_of_birth: the date of birth 2026-03-01 is in the future", nil},
		{"an age over 120", quoteCensusHeader + "E1,employee,Ann,Lee,1890-03-01,F,94612,no\n", examplePlans,
			"row 2, column date_of_birth: the date of birth 1890-03-01 makes this person 135, older than 120", nil},
		{"a ZIP in no rating area", quoteCensusHeader + "E1,employee,Ann,Lee,1980-03-01,F,10001,no\n", examplePlans,
			"row 2, column zip: ZIP 10001 is in no rating area of the plan catalog", nil},
		{"a dependent before any employee", quoteCensusHeader + "E1,child,Kid,Lee,2015-03-01,F,94612,no\nE1,employee,Ann,Lee,1980-03-01,F,94612,no\n", examplePlans,
			"row 2, column relationship: a Child listed before the employee with ID E1", nil},
		{"a plan with no rate for the area", far, examplePlans,
			"plan SILVER-CA04 has no rate for area CA-07 (row 3, ZIP 95112, the first person living there)", nil},
		{"a malformed plans file", exampleCensus, strings.Replace(examplePlans, `"CA-04": "440.00",`, `"CA-04": "440.00"`, 1),
			"the plans file is not valid JSON at line 5, column", nil},
		{"a plan the file does not have", exampleCensus, examplePlans, "there is no plan PLATINUM in the plans file", []string{"--plan", "PLATINUM"}},
		{"a bad date in the census", quoteCensusHeader + "E1,employee,Ann,Lee,1980-13-01,F,94612,no\n", examplePlans,
			`row 2, column date_of_birth: 1980-13-01 is not a day on the calendar`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"quote", "--census", writeTemp(t, "census.csv", tt.census),
				"--plans", writeTemp(t, "plans.json", tt.plans), "--effective", "2026-01-01"}, tt.extra...)
			code, out, errOut := runCLI(t, args...)
			if code != 1 || out != "" || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr:\n%s\nwant: %s", code, out, errOut, tt.want)
			}
		})
	}
}

func TestPlansImportLoadsTheCatalogAllOrNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, errOut := runCLI(t, "demo", "--db", db, "--people", "300", "--groups", "2"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, _, errOut := runCLI(t, "plans", "import", writeTemp(t, "plans.json", examplePlans), "--db", db)
	if code != 1 || !strings.Contains(errOut, "ZIP 94612 is in both area CA-04 and area CA-06") {
		t.Fatalf("an area overlapping the demo's: exit %d, %s", code, errOut)
	}
	alaska := strings.NewReplacer(`"94612", "945"`, `"99501", "996"`, `"951"`, `"997"`).Replace(examplePlans)
	code, out, errOut := runCLI(t, "plans", "import", writeTemp(t, "plans.json", alaska), "--db", db)
	if code != 0 || !strings.Contains(out, "Imported 2 plans, 2 rating areas and 0 age curves from plans.json.") {
		t.Fatalf("exit %d %q %s", code, out, errOut)
	}
	bad := strings.Replace(alaska, `"metal": "silver"`, `"metal": "tin"`, 1)
	code, _, errOut = runCLI(t, "plans", "import", writeTemp(t, "bad.json", bad), "--db", db)
	if code != 1 || !strings.Contains(errOut, `plan SILVER-CA04: metal must be bronze, silver, gold or platinum, not "tin"`) {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
}
