// Package xlsxrange records the cells each sheet of a workbook uses.
//
// A sheet's dimension (its used range) is what readers that stream a
// workbook trust to know how far it goes — openpyxl in read-only mode and
// other streaming readers among them. Cells written with SetSheetRow or
// SetCellValue leave it at A1, so such readers saw only the first cell.
package xlsxrange

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Record sets every sheet's dimension from A1 to its last used column and
// row. Call it once the workbook is written, before it is saved.
func Record(x *excelize.File) error {
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
