package proposal_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/proposal"
	"github.com/xuri/excelize/v2"
)

const plansFile = `{"areas": [{"id": "CA-04", "state": "CA", "zips": ["945"]}],
  "plans": [
    {"id": "G", "name": "Gold 80 HMO", "type": "HMO", "metal": "gold", "rating": {"method": "age", "base_rates": {"CA-04": "440.00"}},
     "benefits": {"deductible_single": "0.00", "oop_max_single": "8700.00", "primary_care_copay": "35.00"}},
    {"id": "S", "name": "Silver 70 PPO", "type": "PPO", "metal": "silver", "rating": {"method": "age", "base_rates": {"CA-04": "380.00"}},
     "benefits": {"deductible_single": "2500.00", "oop_max_single": "8700.00", "primary_care_copay": "50.00"}}]}`

func testProposal(t *testing.T) *proposal.Proposal {
	t.Helper()
	cat, err := model.ParseCatalog([]byte(plansFile))
	if err != nil {
		t.Fatal(err)
	}
	areas, _ := model.NewAreaIndex(cat.Areas)
	people := []model.QuotePerson{
		{EmployeeID: "1", Relationship: model.RelEmployee, FirstName: "Łukasz", LastName: "Müller", DateOfBirth: model.MustDate("1980-07-01"), ZIP: "94501"},
		{EmployeeID: "1", Relationship: model.RelChild, FirstName: "Nguyễn", LastName: "Müller", DateOfBirth: model.MustDate("2015-07-01")},
		{EmployeeID: "2", Relationship: model.RelEmployee, FirstName: "Zoë", LastName: "Öztürk", DateOfBirth: model.MustDate("1990-02-01"), ZIP: "94502"},
	}
	c, probs := model.PrepareCensus(people, model.CensusOptions{Effective: model.MustDate("2027-01-01"), Areas: areas})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	quotes, err := model.QuotePlans(c, cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &proposal.Proposal{Prospect: "Łódź Bakery LLC", Source: "census.csv", Census: c, Quotes: quotes,
		Contribution: model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 5000, PayPeriods: 26}, Prepared: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}
}

func TestTheProposalPDFNamesThePlansAndTheirTotals(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	p := testProposal(t)
	path := filepath.Join(t.TempDir(), "proposal.pdf")
	if err := proposal.WriteFile(path, p); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, q := range p.Quotes {
		if !strings.Contains(text, q.Plan.Name) || !strings.Contains(text, q.Total.String()) {
			t.Errorf("the PDF lacks %s or its total %s", q.Plan.Name, q.Total)
		}
	}
	for _, want := range []string{"Łódź Bakery LLC", "Łukasz Müller", "Zoë Öztürk", "half", "Deduction (26 / year)"} {
		if want == "half" {
			want = "The employer pays 50% of the employee-only premium"
		}
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestTheProposalWorkbookHoldsAmountsAsNumbers(t *testing.T) {
	p := testProposal(t)
	path := filepath.Join(t.TempDir(), "proposal.xlsx")
	if err := proposal.WriteFile(path, p); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); strings.Join(got, ",") != "Summary,Comparison,Plan 1,Plan 2" {
		t.Fatalf("sheets %v", got)
	}
	for _, sheet := range x.GetSheetList() { // the used range, for streaming readers
		if d, _ := x.GetSheetDimension(sheet); d == "A1" || d == "" {
			t.Errorf("sheet %s records its used range as %q", sheet, d)
		}
	}
	v, _ := x.GetCellValue("Plan 1", "B3", excelize.Options{RawCellValue: true})
	prem, _ := x.GetCellValue("Plan 1", "E3", excelize.Options{RawCellValue: true})
	cost := p.Contribution.Cost(p.Census, &p.Quotes[0])
	if v != "Łukasz Müller" || prem != cost.Families[0].Premium.Decimal() && prem+"0" != cost.Families[0].Premium.Decimal() {
		t.Errorf("first employee %q with premium %q, want %s", v, prem, cost.Families[0].Premium.Decimal())
	}
	if err := proposal.WriteFile(filepath.Join(t.TempDir(), "p.doc"), p); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a .doc proposal: %v", err)
	}
}
