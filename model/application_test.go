package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

var sha = strings.Repeat("ab", 32)

// goodApplication is a complete application of a three-employee bakery.
func goodApplication() *model.Application {
	emp2, emp3 := qp(model.RelEmployee, 33), qp(model.RelEmployee, 51)
	emp2.EmployeeID, emp3.EmployeeID = "E2", "E3"
	return &model.Application{
		Company: model.Company{LegalName: "Łódź Bakery LLC", FEIN: "94-1234567", Industry: "Bakery",
			Address: model.Address{Line1: "1 Broadway", City: "Oakland", State: "CA", ZIP: "94612"}},
		EmployeesTotal: 5, EmployeesEligible: 4, Waivers: []model.Waiver{{Name: "Ana Ruiz", Reason: "Medicare"}},
		Effective: quoteEffective,
		Census:    []model.QuotePerson{qp(model.RelEmployee, 45), qp(model.RelChild, 10), emp2, emp3},
		PlanIDs:   []string{"GOLD80-HMO"}, Contribution: model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 6000, PayPeriods: 26},
		Documents: []model.AppDocument{{Kind: "wage_report", FileName: "de9c.pdf", SHA256: sha},
			{Kind: "enrollment_forms", FileName: "forms.pdf", SHA256: sha}, {Kind: "waiver_forms", FileName: "w.pdf", SHA256: sha}},
		Status: model.AppDraft,
	}
}

func checkInput(t *testing.T) model.CheckInput {
	return model.CheckInput{Settings: model.DefaultCarrierSettings, Catalog: exampleCatalog(t), Today: model.MustDate("2025-11-20")}
}

func TestAGoodApplicationPassesEveryCheck(t *testing.T) {
	if err := model.ChecksError(goodApplication().Checks(checkInput(t))); err != nil {
		t.Fatal(describeAll(err))
	}
}

func TestApplicationChecksSayWhatIsWrong(t *testing.T) {
	tests := []struct {
		name   string
		change func(a *model.Application)
		want   string
	}{
		{"101 eligible employees in California is not a small group", func(a *model.Application) { a.EmployeesTotal, a.EmployeesEligible = 200, 101 },
			"Small group size: 101 eligible employees: California small group: 1–100 eligible employees."},
		{"60 eligible employees in Oregon is not a small group", func(a *model.Application) {
			a.Company.Address.State, a.EmployeesTotal, a.EmployeesEligible = "OR", 60, 60
		}, "1–50 eligible employees"},
		{"too few enroll", func(a *model.Application) { a.EmployeesTotal, a.EmployeesEligible = 10, 10 },
			"Participation: 3 of 9 eligible employees without other coverage enroll (33.33%); the carrier needs 70%."},
		{"the employer pays too little", func(a *model.Application) { a.Contribution.Percent = 4000 },
			"Employer contribution: Under Gold 80 HMO the employer pays $254.14 toward employee Nguyễn, less than 50% of the employee-only premium ($317.68)."},
		{"a flat amount too small for the oldest", func(a *model.Application) {
			a.Contribution = model.Contribution{Basis: model.ContribFlat, Flat: 35000, PayPeriods: 12}
		}, "less than 50% of the employee-only premium ($410.30)"},
		{"a document is missing", func(a *model.Application) { a.Documents = a.Documents[:1] },
			"Required documents: Attach: Employee enrollment forms; Waiver forms of the employees who decline."},
		{"a broker needs the broker of record form", func(a *model.Application) { a.Broker = "Harbor Benefits" },
			"Attach: Broker of record authorization."},
		{"an effective date mid-month", func(a *model.Application) { a.Effective = model.MustDate("2026-01-15") },
			"Effective date: Coverage begins on the first of a month, not 2026-01-15."},
		{"a composite plan for a small group", func(a *model.Application) { a.PlanIDs = []string{"LG-HMO"} },
			"Plans: Large Group HMO is a composite-rated large-group plan"},
		{"a bad FEIN", func(a *model.Application) { a.Company.FEIN = "12-34" }, `Company: The FEIN has nine digits (12-3456789); "12-34" does not.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := goodApplication()
			tt.change(a)
			err := model.ChecksError(a.Checks(checkInput(t)))
			if err == nil || !strings.Contains(describeAll(err), tt.want) {
				t.Fatalf("got:\n%s\nwant: %s", describeAll(err), tt.want)
			}
		})
	}
}

func TestApplicationMovesFollowTheTable(t *testing.T) {
	tests := []struct {
		from, to model.ApplicationStatus
		carrier  bool
		ok       bool
	}{
		{model.AppDraft, model.AppSubmitted, false, true},
		{model.AppSubmitted, model.AppInReview, true, true},
		{model.AppInReview, model.AppApproved, true, true},
		{model.AppInReview, model.AppNeedsInfo, true, true},
		{model.AppNeedsInfo, model.AppSubmitted, false, true},
		{model.AppApproved, model.AppActive, true, true},
		{model.AppDraft, model.AppApproved, false, false},
		{model.AppSubmitted, model.AppApproved, true, false},
		{model.AppSubmitted, model.AppDraft, false, false},
		{model.AppActive, model.AppDraft, true, false},
	}
	for _, tt := range tests {
		err := model.CheckMove(tt.from, tt.to, tt.carrier)
		if (err == nil) != tt.ok {
			t.Errorf("%s → %s by carrier=%v: %v", tt.from, tt.to, tt.carrier, err)
		}
	}
}
