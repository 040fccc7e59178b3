package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/groupdesk/groupdesk/model"
)

// quoteScreenOf brings the Quote screen forward.
func quoteScreenOf(t *testing.T, s *Shell) *quoteScreen {
	t.Helper()
	if !s.ShowScreen("Quote") {
		t.Fatal("there is no Quote screen")
	}
	return s.front.(*quoteScreen)
}

// quoteCensusFile is a small Bay Area census: ZIPs of the demo's areas.
const quoteCensusFile = `employee_id,relationship,first_name,last_name,date_of_birth,gender,zip,tobacco
1,employee,Łukasz,Müller,1980-07-01,M,94612,no
1,spouse,Zoë,Müller,1982-03-09,F,94612,no
1,child,Nguyễn,Müller,2015-07-01,U,94612,no
2,employee,Ana,Ruiz,1992-11-30,F,94103,yes
3,employee,Bo,Kim,1961-01-15,M,94110,no
`

func choosePlans(t *testing.T, q *quoteScreen, n int) []string {
	t.Helper()
	var picked []string
	for _, o := range q.plans.Options {
		if strings.Contains(o, "CA-") && len(picked) < n {
			picked = append(picked, o)
		}
	}
	q.plans.SetSelected(picked)
	return picked
}

func TestAQuoteFromACensusRecomputesAsTheContributionChangesAndExportsAProposal(t *testing.T) {
	s, _, _ := newTestShell(t)
	q := quoteScreenOf(t, s)
	path := filepath.Join(t.TempDir(), "bay-census.csv")
	if err := os.WriteFile(path, []byte(quoteCensusFile), 0o600); err != nil {
		t.Fatal(err)
	}
	q.loadCensusFile(path)
	choosePlans(t, q, 3)
	if q.census == nil || q.census.Employees() != 3 || len(q.quotes) != 3 {
		t.Fatalf("status %q; %d quotes", q.status.Text, len(q.quotes))
	}
	for _, pq := range q.quotes {
		if pq.Err != nil || pq.Total <= 0 {
			t.Fatalf("%s: %v %s", pq.Plan.ID, pq.Err, pq.Total)
		}
	}
	employer := func() model.Money { c := q.contrib.Cost(q.census, &q.quotes[0]); return c.Employer }
	before := employer()
	if !gridHas(q.results, before.String()) {
		t.Fatalf("the results do not show the employer's cost %s", before)
	}
	q.controls.percent.SetText("")
	test.Type(q.controls.percent, "500") // refused: the totals stay at the last valid value
	if q.controls.problem.Text == "" || employer() != before {
		t.Fatalf("a 500%% contribution: problem %q, employer %s", q.controls.problem.Text, employer())
	}
	q.controls.percent.SetText("")
	test.Type(q.controls.percent, "75")
	after := employer()
	if after <= before || !gridHas(q.results, after.String()) {
		t.Fatalf("at 75%% the employer pays %s (was %s); the grid shows it: %v", after, before, gridHas(q.results, after.String()))
	}
	q.controls.dependent.SetText("50")
	if employer() <= after {
		t.Fatal("a dependent contribution did not raise the employer's cost")
	}

	q.setCompared(q.quotes[0].Plan.ID, true)
	q.setCompared(q.quotes[1].Plan.ID, true)
	if len(q.compared()) != 2 || !gridHas(q.side, q.quotes[0].Plan.Name) || !gridHas(q.side, q.quotes[1].Plan.Name) {
		t.Fatal("the two plans are not side by side")
	}
	if !boldDifference(q) {
		t.Error("no difference between the plans is highlighted")
	}

	out := filepath.Join(t.TempDir(), "proposal.pdf")
	q.exportTo(out)
	text := pdfText(t, out)
	for _, pq := range q.compared() {
		if !strings.Contains(text, pq.Plan.Name) || !strings.Contains(text, pq.Total.String()) {
			t.Errorf("the proposal lacks %s or its total %s", pq.Plan.Name, pq.Total)
		}
	}
	if !strings.Contains(text, "Łukasz Müller") {
		t.Error("the proposal lacks the employees' names")
	}
	if err := q.saveScenario("Bay census, 75%"); err != nil {
		t.Fatal(err)
	}
	list, _ := s.quotes().Scenarios(s.deps.Ctx)
	if len(list) != 1 || len(list[0].Compare) != 2 {
		t.Fatalf("saved scenarios %+v", list)
	}
}

func TestAQuoteOfTheGroupsRosterRatesEveryone(t *testing.T) {
	s, _, _ := newTestShell(t)
	q := quoteScreenOf(t, s)
	q.useRoster()
	if q.census == nil || len(q.quotes) == 0 {
		t.Fatalf("status: %s", q.status.Text)
	}
	for _, pq := range q.quotes {
		if pq.Err != nil {
			t.Errorf("%s: %v", pq.Plan.ID, pq.Err)
		}
	}
}

// gridHas reports whether a label under o shows text.
func gridHas(o interface{ Refresh() }, text string) bool {
	found := false
	walk(o, func(l string, _ bool) { found = found || strings.Contains(l, text) })
	return found
}

func boldDifference(q *quoteScreen) bool {
	found := false
	walk(q.side, func(_ string, bold bool) { found = found || bold })
	return found
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
