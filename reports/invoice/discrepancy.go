package invoice

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/pdf"
	"github.com/groupdesk/groupdesk/reports/workbook"
	"github.com/xuri/excelize/v2"
)

// WriteDiscrepancies writes a reconciliation's discrepancy report as PDF
// or XLSX, by the file's extension, to send to the carrier.
func WriteDiscrepancies(path string, r *model.DiscrepancyReport) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return atomicfile.Write(path, func(w io.Writer) error { return discrepancyPDF(w, r) })
	case ".xlsx":
		return atomicfile.Write(path, func(w io.Writer) error { return discrepancyXLSX(w, r) })
	}
	return model.Errorf(model.EINVALID, "A discrepancy report is a .pdf or an .xlsx file, not %s.", filepath.Base(path))
}

// discrepancySummary is the report in label–value pairs.
func discrepancySummary(r *model.DiscrepancyReport) [][2]string {
	pairs := [][2]string{
		{"Group", fmt.Sprintf("%s (%s)", r.GroupName, r.GroupNumber)},
		{"Compared", fmt.Sprintf("%s: %d lines", r.Source, r.Compared)},
		{"Billed", r.Found.String()},
		{"Expected from the roster", r.Expected.String()},
		{"Found", fmt.Sprintf("%d discrepancies, %s in all (positive: billed too much)", len(r.Items), model.SignedMoney(r.Net()))},
	}
	for _, k := range model.DiscrepancyKinds {
		if n := r.Count(k); n > 0 {
			pairs = append(pairs, [2]string{k.Label(), fmt.Sprint(n)})
		}
	}
	return pairs
}

func discrepancyPDF(w io.Writer, r *model.DiscrepancyReport) error {
	doc := pdf.New(pdf.Options{Title: r.Title, Subtitle: r.GroupName + " · " + r.Source, Author: "GroupDesk", Landscape: true, Created: r.Prepared})
	doc.Fields(discrepancySummary(r))
	if r.Clean() {
		doc.Paragraph("Every line matches the roster and the rates, and every retroactive line matches a recorded change.")
		return doc.Write(w)
	}
	t := pdf.Table{Columns: []pdf.Column{{Title: "Kind", Weight: 1.6}, {Title: "Month", Weight: 0.8}, {Title: "Employee ID", Weight: 0.9},
		{Title: "Name", Weight: 1.5}, {Title: "GroupDesk expects", Weight: 1.9}, {Title: "Carrier billed", Weight: 1.9},
		{Title: "Difference", Weight: 0.9, Align: pdf.Right}}}
	for _, d := range r.Items {
		t.Rows = append(t.Rows, []string{d.Kind.Label(), d.Month.Short(), d.EmployeeID, d.Name, d.Expected, d.Found, model.SignedMoney(d.Amount)})
	}
	doc.Table(t)
	doc.Heading("Details")
	for _, d := range r.Items {
		doc.Paragraph(d.Kind.Label() + ": " + d.Detail + ".")
	}
	return doc.Write(w)
}

func discrepancyXLSX(w io.Writer, r *model.DiscrepancyReport) error {
	x := excelize.NewFile()
	defer x.Close()
	st, err := workbook.NewStyles(x)
	if err != nil {
		return err
	}
	if err := x.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	rows := [][]any{{r.Title}, {}}
	for _, p := range discrepancySummary(r) {
		rows = append(rows, []any{p[0], p[1]})
	}
	for i, row := range rows {
		if err := x.SetSheetRow("Summary", fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	x.SetColWidth("Summary", "A", "B", 36)
	if err := itemsSheet(x, st, r.Items); err != nil {
		return err
	}
	return workbook.Write(x, w)
}

func itemsSheet(x *excelize.File, st workbook.Styles, items []model.Discrepancy) error {
	const sheet = "Discrepancies"
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	head := []any{"Kind", "Month", "Employee ID", "Name", "Expected", "Found", "Difference", "Detail"}
	if err := x.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	x.SetCellStyle(sheet, "A1", "H1", st.Header)
	for i, d := range items {
		row := []any{d.Kind.Label(), d.Month.String(), d.EmployeeID, d.Name, d.Expected, d.Found, dollars(d.Amount), d.Detail}
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &row); err != nil {
			return err
		}
	}
	if len(items) > 0 {
		x.SetCellStyle(sheet, "G2", fmt.Sprintf("G%d", len(items)+1), st.Money)
	}
	x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	return x.SetColWidth(sheet, "A", "H", 22)
}
