package pdf

// Align says where a column's text sits.
type Align string

const (
	Left   Align = "L"
	Right  Align = "R" // amounts
	Center Align = "C"
)

// Column is a table column: its title, its share of the width and how its
// cells are aligned.
type Column struct {
	Title  string
	Weight float64 // relative width; 0 counts as 1
	Align  Align
}

// Table is a table to write. Rows hold the cells' text; Mark, when set,
// says which cells to highlight (a difference between compared plans, say);
// Bold rows are totals.
type Table struct {
	Columns []Column
	Rows    [][]string
	Mark    func(row, col int) bool
	Bold    func(row int) bool
	// Carry lists the columns whose last value is written again on the
	// first row of a new page when that row leaves them empty, the last
	// of them marked "(continued)": a plan's name over the rest of its
	// rates.
	Carry []int
}

const rowH = 6.0

// Table writes a table whose header row repeats at the top of every page
// it runs onto. Text too long for its cell is cut with an ellipsis, so
// every row keeps one height.
func (d *Doc) Table(t Table) {
	widths := d.widths(t.Columns)
	d.tableHeader(t.Columns, widths)
	carried := map[int]string{}
	for r, row := range t.Rows {
		top := false
		if !d.room(rowH) {
			d.f.AddPage()
			d.tableHeader(t.Columns, widths)
			top = true
		}
		bold := t.Bold != nil && t.Bold(r)
		for _, c := range t.Carry {
			if c < len(row) && row[c] != "" {
				carried[c] = row[c]
			}
		}
		for c, w := range widths {
			text := ""
			if c < len(row) {
				text = row[c]
			}
			if top && text == "" && carried[c] != "" {
				text = carried[c]
				if c == t.Carry[len(t.Carry)-1] {
					text += " (continued)"
				}
			}
			mark := t.Mark != nil && t.Mark(r, c)
			d.cell(w, text, t.Columns[c].Align, bold || mark, mark, r%2 == 1)
		}
		d.f.Ln(rowH)
	}
	d.f.Ln(3)
	d.body()
}

func (d *Doc) widths(cols []Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += max(c.Weight, 1)
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = d.width() * max(c.Weight, 1) / total
	}
	return out
}

func (d *Doc) tableHeader(cols []Column, widths []float64) {
	d.f.SetFont(family, "B", 8.5)
	d.f.SetFillColor(20, 60, 110)
	d.f.SetTextColor(255, 255, 255)
	for i, c := range cols {
		d.f.CellFormat(widths[i], rowH+1, d.fit(c.Title, widths[i]), "", 0, string(alignOf(c.Align)), true, 0, "")
	}
	d.f.Ln(rowH + 1)
	d.body()
	d.cellStyle, d.cellFill = "-", -1
}

// cell writes one cell of a row, changing the font and the fill only
// when they differ from the cell before (a page's content stays small
// and a long table quick to write).
func (d *Doc) cell(w float64, text string, align Align, bold, mark, stripe bool) {
	style := ""
	if bold {
		style = "B"
	}
	if style != d.cellStyle {
		d.f.SetFont(family, style, 8.5)
		d.cellStyle = style
	}
	fill := 0
	switch {
	case mark:
		fill = 1
	case stripe:
		fill = 2
	}
	if fill != d.cellFill {
		switch fill {
		case 1:
			d.f.SetFillColor(255, 236, 170)
		case 2:
			d.f.SetFillColor(242, 245, 250)
		default:
			d.f.SetFillColor(255, 255, 255)
		}
		d.cellFill = fill
	}
	d.f.CellFormat(w, rowH, d.fit(text, w), "B", 0, string(alignOf(align)), true, 0, "")
}

func alignOf(a Align) Align {
	if a == "" {
		return Left
	}
	return a
}

// fit cuts text to the cell's width (less padding), ending it with "…".
func (d *Doc) fit(text string, w float64) string {
	room := w - 2.2
	if d.f.GetStringWidth(text) <= room {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && d.f.GetStringWidth(string(r)+"…") > room {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
