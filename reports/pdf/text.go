package pdf

// Heading starts a section, on a new page when little room is left.
func (d *Doc) Heading(text string) {
	if !d.room(24) {
		d.f.AddPage()
	}
	d.f.Ln(2)
	d.f.SetFont(family, "B", 12.5)
	d.f.SetTextColor(20, 60, 110)
	d.f.MultiCell(0, 7, text, "", "L", false)
	d.f.Ln(1)
	d.body()
}

// Paragraph writes wrapped text.
func (d *Doc) Paragraph(text string) {
	d.body()
	d.f.MultiCell(0, lineH, text, "", "L", false)
	d.f.Ln(2)
}

// Note writes small grey text: sources, assumptions, rounding rules.
func (d *Doc) Note(text string) {
	d.f.SetFont(family, "", 8)
	d.f.SetTextColor(90, 90, 90)
	d.f.MultiCell(0, 4, text, "", "L", false)
	d.f.Ln(1.5)
	d.body()
}

// Fields writes label–value pairs in two columns.
func (d *Doc) Fields(pairs [][2]string) {
	lw := d.width() * 0.3
	for _, p := range pairs {
		if !d.room(lineH) {
			d.f.AddPage()
		}
		d.f.SetFont(family, "B", bodySize)
		d.f.CellFormat(lw, lineH, p[0], "", 0, "L", false, 0, "")
		d.f.SetFont(family, "", bodySize)
		d.f.MultiCell(0, lineH, p[1], "", "L", false)
	}
	d.f.Ln(2)
}

// Subheading writes a bold line that starts a numbered clause, kept with
// at least two lines of what follows.
func (d *Doc) Subheading(text string) {
	if !d.room(3 * lineH) {
		d.f.AddPage()
	}
	d.f.SetFont(family, "B", bodySize)
	d.f.MultiCell(0, lineH, text, "", "L", false)
	d.body()
}
