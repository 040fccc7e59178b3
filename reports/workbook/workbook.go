// Package workbook holds what GroupDesk's workbooks share: the styles of
// their header rows, amounts and marked cells, and how a finished workbook
// is written out.
package workbook

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// Styles are the cell styles the report workbooks use.
type Styles struct {
	Header int // white bold on dark blue, for a table's header row
	Money  int // dollars and cents, negative amounts with a minus sign
	Mark   int // bold on pale yellow, for what differs or changed
}

// NewStyles registers the styles in a workbook.
func NewStyles(x *excelize.File) (Styles, error) {
	var s Styles
	var err error
	if s.Header, err = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"143C6E"}}}); err != nil {
		return s, err
	}
	money := "$#,##0.00;-$#,##0.00"
	if s.Money, err = x.NewStyle(&excelize.Style{CustomNumFmt: &money}); err != nil {
		return s, err
	}
	s.Mark, err = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFECAA"}}})
	return s, err
}

// Write writes a finished workbook: it opens on its first sheet, and each
// sheet records the cells it uses (see RecordRanges).
func Write(x *excelize.File, w io.Writer) error {
	x.SetActiveSheet(0)
	if err := RecordRanges(x); err != nil {
		return err
	}
	_, err := x.WriteTo(w)
	return err
}

// RecordRanges sets every sheet's dimension (its used range) from A1 to
// its last used column and row. Readers that stream a workbook trust it to
// know how far a sheet goes — openpyxl in read-only mode among them — and
// cells written with SetSheetRow or SetCellValue leave it at A1, so such
// readers saw only the first cell.
func RecordRanges(x *excelize.File) error {
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("reading sheet %s: %w", sheet, err)
		}
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		if len(rows) == 0 || cols == 0 {
			continue
		}
		last, err := excelize.CoordinatesToCellName(cols, len(rows))
		if err != nil {
			return err
		}
		if err := x.SetSheetDimension(sheet, "A1:"+last); err != nil {
			return fmt.Errorf("recording the range of sheet %s: %w", sheet, err)
		}
	}
	return nil
}
