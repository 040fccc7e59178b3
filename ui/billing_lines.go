package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// lineColumn is one column of an invoice's lines.
type lineColumn struct {
	title string
	width float32
	right bool
	value func(l *model.InvoiceLine) string
}

var currentLineColumns = []lineColumn{
	{"Employee ID", 100, false, func(l *model.InvoiceLine) string { return l.EmployeeID }},
	{"Subscriber", 150, false, func(l *model.InvoiceLine) string { return l.Name }},
	{"Plan", 134, false, func(l *model.InvoiceLine) string { return orDash(l.PlanName) }},
	{"Tier", 175, false, func(l *model.InvoiceLine) string { return l.Tier.Label() }},
	{"Covered", 70, true, func(l *model.InvoiceLine) string { return fmt.Sprint(l.Covered) }},
	{"Premium", 100, true, func(l *model.InvoiceLine) string { return l.Amount.String() }},
}

// retroLineColumns end with what changed, which takes the width the others
// leave.
var retroLineColumns = []lineColumn{
	{"Month", 85, false, func(l *model.InvoiceLine) string { return l.Month.Short() }},
	{"Member", 160, false, func(l *model.InvoiceLine) string { return l.Name }},
	{"Relationship", 132, false, func(l *model.InvoiceLine) string { return l.Relationship.Label() }},
	{"Change", 95, false, func(l *model.InvoiceLine) string { return l.Kind.Label() }},
	{"Amount", 100, true, func(l *model.InvoiceLine) string { return model.SignedMoney(l.Amount) }},
	{"What changed", 150, false, func(l *model.InvoiceLine) string { return l.Note }},
}

// lineTable shows invoice lines a row each, paged by the table (an
// invoice of a large group has thousands), with a header row.
type lineTable struct {
	cols  []lineColumn
	lines []model.InvoiceLine
	table *widget.Table
	// view is what the screen shows: the table, or the table in a layout
	// that stretches its last column.
	view fyne.CanvasObject
}

// newLineTable builds the table; with stretchLast its last column takes
// the width the others leave.
func newLineTable(cols []lineColumn, stretchLast bool) *lineTable {
	t := &lineTable{cols: cols}
	t.table = widget.NewTableWithHeaders(func() (int, int) { return len(t.lines), len(t.cols) },
		func() fyne.CanvasObject { return widget.NewLabel("Employee + spouse/DP") },
		func(id widget.TableCellID, o fyne.CanvasObject) { t.cell(id, o.(*widget.Label)) })
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Alignment = align(t.cols[id.Col].right) // before the text, whose setting redraws
		l.SetText(t.cols[id.Col].title)
	}
	widths := make([]float32, len(cols))
	for i, c := range cols {
		widths[i] = c.width
		t.table.SetColumnWidth(i, c.width)
	}
	t.view = t.table
	if stretchLast {
		t.view = stretchLastColumn(t.table, widths)
	}
	return t
}

func (t *lineTable) cell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(t.lines) {
		l.SetText("")
		return
	}
	c := t.cols[id.Col]
	l.Alignment = align(c.right)
	l.Truncation = fyne.TextTruncateEllipsis
	l.SetText(c.value(&t.lines[id.Row]))
}

func (t *lineTable) set(lines []model.InvoiceLine) {
	t.lines = lines
	t.table.Refresh()
	t.table.ScrollToTop()
}

func align(right bool) fyne.TextAlign {
	if right {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}
