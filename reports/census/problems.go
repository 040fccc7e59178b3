package census

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/groupdesk/groupdesk/model"
)

// WriteProblems writes problems as CSV (sheet, row, column, severity,
// message), for the person fixing the file in a spreadsheet.
func WriteProblems(w io.Writer, probs []model.ImportProblem) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"sheet", "row", "column", "severity", "problem"}); err != nil {
		return err
	}
	for _, p := range probs {
		sev := "error"
		if p.Warning {
			sev = "warning"
		}
		row := ""
		if p.Row > 0 {
			row = strconv.Itoa(p.Row)
		}
		if err := cw.Write([]string{p.Sheet, row, p.Column, sev, defuse(p.Message)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps a message that starts like a formula from being evaluated.
func defuse(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
