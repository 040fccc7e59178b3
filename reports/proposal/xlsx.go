package proposal

import (
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/workbook"
	"github.com/xuri/excelize/v2"
)

// writeXLSX writes the proposal as a workbook: Summary, Comparison (with
// differences filled), and one sheet of employee costs per plan with the
// amounts as numbers in currency format.
func writeXLSX(w io.Writer, p *Proposal) error {
	x := excelize.NewFile()
	defer x.Close()
	st, err := workbook.NewStyles(x)
	if err != nil {
		return err
	}
	if err := summarySheet(x, p); err != nil {
		return err
	}
	if err := comparisonSheet(x, p, st); err != nil {
		return err
	}
	for i := range p.Quotes {
		if err := employeeSheet(x, p, &p.Quotes[i], i, st); err != nil {
			return err
		}
	}
	return workbook.Write(x, w)
}

func summarySheet(x *excelize.File, p *Proposal) error {
	const sheet = "Summary"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := [][]any{{p.title()}, {"Coverage effective", p.Census.Effective.String()},
		{"Employees", p.Census.Employees()}, {"People", len(p.Census.People)}, {"Census", p.Source},
		{"Employer contribution", p.Contribution.Describe()}, {"Pay periods a year", p.Contribution.PayPeriods}, {"Rounding", model.DeductionRule}}
	for i, r := range rows {
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	return x.SetColWidth(sheet, "A", "A", 24)
}

func comparisonSheet(x *excelize.File, p *Proposal, st workbook.Styles) error {
	const sheet = "Comparison"
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	head := []any{"Section", "Item"}
	for _, q := range p.Quotes {
		head = append(head, q.Plan.Name)
	}
	if err := x.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(head), 1)
	x.SetCellStyle(sheet, "A1", end, st.Header)
	for i, r := range model.ComparePlans(p.Census, p.Quotes, p.Contribution) {
		row := []any{r.Section, r.Label}
		for _, v := range r.Values {
			row = append(row, v)
		}
		cell := fmt.Sprintf("A%d", i+2)
		if err := x.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
		if r.Differ {
			from, _ := excelize.CoordinatesToCellName(3, i+2)
			to, _ := excelize.CoordinatesToCellName(len(row), i+2)
			x.SetCellStyle(sheet, from, to, st.Mark)
		}
	}
	x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	return x.SetColWidth(sheet, "B", end[:1], 28)
}

func employeeSheet(x *excelize.File, p *Proposal, q *model.PlanQuote, i int, st workbook.Styles) error {
	sheet := fmt.Sprintf("Plan %d", i+1)
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	x.SetCellValue(sheet, "A1", q.Plan.Name+" ("+q.Plan.ID+")")
	head := []any{"Employee ID", "Employee", "Coverage", "People", "Premium / month", "Employer / month", "Employee / month",
		"Deduction per pay period", "Deductions one cent more"}
	x.SetSheetRow(sheet, "A2", &head)
	x.SetCellStyle(sheet, "A2", "I2", st.Header)
	if q.Err != nil {
		return x.SetCellValue(sheet, "A3", model.ErrorMessage(q.Err))
	}
	cost := p.Contribution.Cost(p.Census, q)
	for f, fc := range cost.Families {
		sub := p.Census.Subscriber(f)
		row := []any{sub.EmployeeID, sub.FirstName + " " + sub.LastName, p.Census.Families[f].Tier.Label(), len(p.Census.Families[f].Members),
			dollars(fc.Premium), dollars(fc.Employer), dollars(fc.Employee), dollars(fc.Deduction), fc.Extra}
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", f+3), &row); err != nil {
			return err
		}
	}
	last := len(cost.Families) + 2
	x.SetCellStyle(sheet, "E3", fmt.Sprintf("H%d", last), st.Money)
	x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	return x.SetColWidth(sheet, "A", "I", 18)
}

// dollars is the amount as a number for a spreadsheet cell. Cents divide
// exactly into the binary fraction Excel stores for two decimals' display.
func dollars(m model.Money) float64 { return float64(m) / 100 }
