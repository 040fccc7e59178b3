package roster

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/xuri/excelize/v2"
)

// styles are the workbook's cell styles.
type styles struct{ header, date, money, bold int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	dateFmt, moneyFmt := "mm/dd/yyyy", `"$"#,##0.00`
	for _, st := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}},
			Border: []excelize.Border{{Type: "bottom", Color: "7F9DB9", Style: 1}}}},
		{&s.date, &excelize.Style{CustomNumFmt: &dateFmt}},
		{&s.money, &excelize.Style{CustomNumFmt: &moneyFmt}},
		{&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
	} {
		id, err := f.NewStyle(st.style)
		if err != nil {
			return s, fmt.Errorf("making the workbook's styles: %w", err)
		}
		*st.id = id
	}
	return s, nil
}

// WriteXLSX writes the roster as a workbook: Subscribers (with each
// family's monthly premium), Dependents and Summary. Each sheet has a
// frozen header row, filters and column widths; dates are dates and money
// is currency. Text is written as text cells, which no spreadsheet
// evaluates, whatever it starts with.
func WriteXLSX(ctx context.Context, out io.Writer, src Source, o Options) (Summary, error) {
	defer boundGC(src.Subscribers + src.Dependents)()
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return Summary{}, err
	}
	if err := addSheets(f); err != nil {
		return Summary{}, err
	}
	subs, err := newSheetWriter(f, st, "Subscribers", subscriberColumns, src.Subscribers)
	if err != nil {
		return Summary{}, err
	}
	deps, err := newSheetWriter(f, st, "Dependents", dependentColumns, src.Dependents)
	if err != nil {
		return Summary{}, err
	}
	sum, err := walk(ctx, &src, o, newXLSXRow, func(p *person, r *xlsxRow) {
		if p.m.IsSubscriber() {
			r.render(subs, p)
		} else {
			r.render(deps, p)
		}
	}, func(r *xlsxRow) error { return r.sheet.sw.SetRow(r.ref, r.vals) })
	if err != nil {
		return sum, err
	}
	for _, sw := range []*sheetWriter{subs, deps} {
		if err := sw.sw.Flush(); err != nil {
			return sum, fmt.Errorf("writing sheet %s: %w", sw.name, err)
		}
	}
	if err := writeSummary(f, st, &src, &sum, o); err != nil {
		return sum, err
	}
	return sum, writeZip(f, out)
}

// writeZip writes the workbook straight to out. excelize's own writers
// assemble the whole zip in memory first (tens of megabytes for 100,000
// people); its ZipWriter hook lets the archive go to out instead, its
// parts compressed side by side (zipParts).
func writeZip(f *excelize.File, out io.Writer) error {
	f.ZipWriter = func(io.Writer) excelize.ZipWriter { return newZipParts(out) }
	_, err := f.WriteToBuffer()
	return err
}

func addSheets(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", "Subscribers"); err != nil {
		return err
	}
	for _, name := range []string{"Dependents", "Summary"} {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	return nil
}

// sheetWriter streams one sheet's rows: the reader renders them (cols,
// st, rows), the writer hands them to sw.
type sheetWriter struct {
	name string
	sw   *excelize.StreamWriter
	st   styles
	cols []column
	rows int // rendered so far, with the header
}

// newSheetWriter starts a sheet: the filter over its rows (set before
// streaming, which is when excelize writes it), the frozen header, the
// widths, and the header row.
func newSheetWriter(f *excelize.File, st styles, name string, cols []column, rows int) (*sheetWriter, error) {
	last, _ := excelize.CoordinatesToCellName(len(cols), rows+1)
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return nil, fmt.Errorf("filtering sheet %s: %w", name, err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
		header[i] = excelize.Cell{StyleID: st.header, Value: c.title}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{StyleID: st.header}); err != nil {
		return nil, err
	}
	return &sheetWriter{name: name, sw: sw, st: st, cols: cols, rows: 1}, nil
}

// xlsxRow is one row as excelize takes it: the cell reference of its first
// cell, and its values, nil for nothing, a string for text, and a pointer
// to a styled number (cells) for a date or an amount; excelize takes a
// *Cell as it takes a Cell, and the pointer costs no allocation.
type xlsxRow struct {
	sheet *sheetWriter
	ref   string
	vals  []any
	cells []excelize.Cell
}

func newXLSXRow() xlsxRow {
	n := max(len(subscriberColumns), len(dependentColumns))
	return xlsxRow{vals: make([]any, 0, n), cells: make([]excelize.Cell, n)}
}

// render fills the row with a person's cells on sheet s, the next row.
func (r *xlsxRow) render(s *sheetWriter, p *person) {
	s.rows++
	r.sheet, r.ref, r.vals = s, "A"+strconv.Itoa(s.rows), r.vals[:len(s.cols)]
	for i, c := range s.cols {
		r.vals[i] = r.value(i, s.st, c.value(p))
	}
}

// value is a cell as excelize writes it, styled numbers kept in r.cells[i].
func (r *xlsxRow) value(i int, st styles, c cell) any {
	switch {
	case c.kind == date && !c.date.IsZero():
		r.cells[i] = excelize.Cell{StyleID: st.date, Value: serial(c.date)}
		return &r.cells[i]
	case c.kind == money && !c.blank:
		r.cells[i] = excelize.Cell{StyleID: st.money, Value: float64(c.money) / 100}
		return &r.cells[i]
	case c.kind == text && c.text != "":
		return c.text
	}
	return nil
}

// excelEpoch is day 0 of Excel's 1900 date system (as corrected for its
// phantom February 29, 1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is a date as a spreadsheet's day number.
func serial(d model.Date) int {
	return int(d.Time().Sub(excelEpoch).Hours() / 24)
}
