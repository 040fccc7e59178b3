package invoice

import (
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/workbook"
	"github.com/xuri/excelize/v2"
)

// writeXLSX writes the invoice as a workbook: Summary, Lines (the current
// period) and Retroactive, amounts as numbers in currency format.
func writeXLSX(w io.Writer, s *Statement) error {
	x := excelize.NewFile()
	defer x.Close()
	st, err := workbook.NewStyles(x)
	if err != nil {
		return err
	}
	if err := summarySheet(x, st, s); err != nil {
		return err
	}
	if err := linesSheet(x, st, "Lines", s.Invoice.Lines); err != nil {
		return err
	}
	if err := linesSheet(x, st, "Retroactive", s.Invoice.Retro); err != nil {
		return err
	}
	return workbook.Write(x, w)
}

func summarySheet(x *excelize.File, st workbook.Styles, s *Statement) error {
	const sheet = "Summary"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := [][]any{{s.title()}, {s.subtitle()}, {}}
	for _, p := range s.summary() {
		rows = append(rows, []any{p[0], p[1]})
	}
	rows = append(rows, []any{})
	amounts := []model.Money{s.Invoice.PreviousBalance, -s.Invoice.PaymentsReceived, s.Invoice.PaymentsReturned, s.Invoice.Current,
		s.Invoice.RetroTotal, s.Invoice.AmountDue}
	for i, p := range s.statementRows() {
		rows = append(rows, []any{p[0], dollars(amounts[i])})
	}
	for i, r := range rows {
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	first := len(rows) - len(amounts) + 1
	x.SetCellStyle(sheet, fmt.Sprintf("B%d", first), fmt.Sprintf("B%d", len(rows)), st.Money)
	return x.SetColWidth(sheet, "A", "B", 34)
}

var lineHead = []any{"Month", "Kind", "Employee ID", "Name", "Relationship", "Plan ID", "Plan", "Tier", "Covered", "Amount", "Note"}

func linesSheet(x *excelize.File, st workbook.Styles, sheet string, lines []model.InvoiceLine) error {
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	if err := x.SetSheetRow(sheet, "A1", &lineHead); err != nil {
		return err
	}
	x.SetCellStyle(sheet, "A1", "K1", st.Header)
	for i, l := range lines {
		row := []any{l.Month.String(), l.Kind.Label(), l.EmployeeID, l.Name, l.Relationship.Label(), l.PlanID, l.PlanName, string(l.Tier),
			l.Covered, dollars(l.Amount), l.Note}
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &row); err != nil {
			return err
		}
	}
	if len(lines) > 0 {
		x.SetCellStyle(sheet, "J2", fmt.Sprintf("J%d", len(lines)+1), st.Money)
	}
	x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	x.AutoFilter(sheet, fmt.Sprintf("A1:K%d", max(len(lines)+1, 2)), nil)
	return x.SetColWidth(sheet, "A", "K", 16)
}

// dollars is an amount as a number for a spreadsheet cell.
func dollars(m model.Money) float64 { return float64(m) / 100 }
