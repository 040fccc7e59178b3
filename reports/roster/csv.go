package roster

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strings"
)

// WriteCSV writes the roster as one CSV table: every person, each
// family's subscriber first. Text that starts like a formula (=, +, -, @,
// tab, carriage return) gets a leading apostrophe, so that no spreadsheet
// evaluates it; the census reader takes it off again.
func WriteCSV(ctx context.Context, out io.Writer, src Source, o Options) (Summary, error) {
	bw := bufio.NewWriterSize(out, 64<<10)
	cw := csv.NewWriter(bw)
	rec := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		rec[i] = c.title
	}
	if err := cw.Write(rec); err != nil {
		return Summary{}, err
	}
	sum, err := walk(ctx, &src, o, func() []string { return make([]string, len(csvColumns)) }, func(p *person, rec *[]string) {
		for i, c := range csvColumns {
			(*rec)[i] = csvText(c.value(p))
		}
	}, func(rec *[]string) error { return cw.Write(*rec) })
	if err != nil {
		return sum, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return sum, err
	}
	return sum, bw.Flush()
}

// csvText is a cell as CSV text.
func csvText(c cell) string {
	switch c.kind {
	case date:
		return c.date.String()
	case money:
		if c.blank {
			return ""
		}
		return c.money.Decimal()
	}
	return defuse(c.text)
}

// defuse prefixes text that a spreadsheet would take for a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
