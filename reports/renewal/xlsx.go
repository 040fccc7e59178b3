package renewal

import (
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/workbook"
	"github.com/xuri/excelize/v2"
)

// writeXLSX writes the comparison as a workbook: Summary, Plans, Benefit
// changes, Side by side and Members, amounts as numbers in currency format.
func writeXLSX(w io.Writer, c *Comparison) error {
	x := excelize.NewFile()
	defer x.Close()
	st, err := workbook.NewStyles(x)
	if err != nil {
		return err
	}
	for _, sheet := range []func(*excelize.File, *Comparison, workbook.Styles) error{summarySheet, plansSheet, benefitsSheet, sideSheet, membersSheet} {
		if err := sheet(x, c, st); err != nil {
			return err
		}
	}
	return workbook.Write(x, w)
}

// table writes a header row and rows from A1 on, with the money columns
// (1-based) in currency format, and freezes the header.
func table(x *excelize.File, sheet string, st workbook.Styles, head []any, rows [][]any, moneyCols ...int) error {
	if err := x.SetSheetRow(sheet, "A1", &head); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(head), 1)
	x.SetCellStyle(sheet, "A1", end, st.Header)
	for i, r := range rows {
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &r); err != nil {
			return err
		}
	}
	for _, col := range moneyCols {
		from, _ := excelize.CoordinatesToCellName(col, 2)
		to, _ := excelize.CoordinatesToCellName(col, len(rows)+1)
		x.SetCellStyle(sheet, from, to, st.Money)
	}
	x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	last, _ := excelize.ColumnNumberToName(len(head))
	return x.SetColWidth(sheet, "A", last, 18)
}

func summarySheet(x *excelize.File, c *Comparison, st workbook.Styles) error {
	const sheet = "Summary"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := [][]any{{c.title()}, {c.subtitle()}}
	for _, p := range c.summary() {
		rows = append(rows, []any{p[0], p[1]})
	}
	rows = append(rows, []any{"Rating", RatingNote})
	for i, r := range rows {
		if err := x.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	return x.SetColWidth(sheet, "A", "A", 24)
}

func plansSheet(x *excelize.File, c *Comparison, st workbook.Styles) error {
	const sheet = "Plans"
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	var rows [][]any
	for _, p := range c.Review.Plans {
		rows = append(rows, []any{p.From.ID, p.From.Name, p.To.ID, p.To.Name, p.Discontinued, p.Subscribers, p.Members,
			dollars(p.Current), dollars(p.Renewal), dollars(p.Change()), model.ChangePercent(p.Current, p.Renewal)})
	}
	rv := c.Review
	rows = append(rows, []any{"Total", "", "", "", "", rv.Subscribers(), len(rv.Members), dollars(rv.Current), dollars(rv.Renewal),
		dollars(rv.Renewal - rv.Current), model.ChangePercent(rv.Current, rv.Renewal)})
	head := []any{"Plan ID today", "Plan today", "Plan ID at renewal", "Renews into", "Discontinued", "Subscribers", "Members",
		"Today / month", "At renewal / month", "Change", "Change %"}
	return table(x, sheet, st, head, rows, 8, 9, 10)
}

func benefitsSheet(x *excelize.File, c *Comparison, st workbook.Styles) error {
	const sheet = "Benefit changes"
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	names := c.Renewal.Offer.PlanNames()
	var rows [][]any
	for _, b := range c.benefitChanges() {
		rows = append(rows, []any{names[b.PlanID], b.Item, b.Before, b.After})
	}
	return table(x, sheet, st, []any{"Plan today", "Item", "Today", "At renewal"}, rows)
}

func sideSheet(x *excelize.File, c *Comparison, st workbook.Styles) error {
	const sheet = "Side by side"
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	head := []any{"Section", "Item"}
	for _, q := range c.Compared {
		head = append(head, q.Plan.Name)
	}
	var rows [][]any
	for _, r := range c.Compare {
		row := []any{r.Section, r.Label}
		for _, v := range r.Values {
			row = append(row, v)
		}
		rows = append(rows, row)
	}
	if err := table(x, sheet, st, head, rows); err != nil {
		return err
	}
	for i, r := range c.Compare {
		if r.Differ {
			from, _ := excelize.CoordinatesToCellName(3, i+2)
			to, _ := excelize.CoordinatesToCellName(len(head), i+2)
			x.SetCellStyle(sheet, from, to, st.Mark)
		}
	}
	return nil
}

func membersSheet(x *excelize.File, c *Comparison, st workbook.Styles) error {
	const sheet = "Members"
	if _, err := x.NewSheet(sheet); err != nil {
		return err
	}
	names := c.Renewal.Offer.PlanNames()
	var rows [][]any
	for _, m := range c.Review.Members {
		rows = append(rows, []any{m.Name, m.Relationship.Label(), names[m.From], names[m.To], m.AgeNow, m.AgeAt,
			dollars(m.Current), dollars(m.Renewal), dollars(m.Change()), m.Rated})
	}
	head := []any{"Member", "Relationship", "Plan today", "Plan at renewal", "Age today", "Age at renewal",
		"Today / month", "At renewal / month", "Change", "Charged at renewal"}
	return table(x, sheet, st, head, rows, 7, 8, 9)
}

// dollars is the amount as a number for a spreadsheet cell.
func dollars(m model.Money) float64 { return float64(m) / 100 }
