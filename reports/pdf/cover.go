package pdf

// Cover is what a cover page shows: a small line above the title (the
// kind of document), the title, a subtitle, label–value pairs, and a note
// at the foot of the page.
type Cover struct {
	Kicker   string
	Title    string
	Subtitle string
	Fields   [][2]string
	Note     string
}

// Cover writes the cover page on the first page (start the document with
// Options.Cover so that it has no running header) and starts the next
// page for the body.
func (d *Doc) Cover(c Cover) {
	f := d.f
	_, ph := f.GetPageSize()
	f.SetY(ph * 0.28)
	f.SetFont(family, "B", 10)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(0, 6, c.Kicker, "", "L", false)
	f.SetDrawColor(20, 60, 110)
	f.SetLineWidth(0.8)
	f.Line(margin, f.GetY()+1, margin+40, f.GetY()+1)
	f.SetLineWidth(0.2)
	f.Ln(5)
	f.SetFont(family, "B", 24)
	f.SetTextColor(20, 60, 110)
	f.MultiCell(0, 11, c.Title, "", "L", false)
	f.Ln(2)
	f.SetFont(family, "", 13)
	f.SetTextColor(60, 60, 60)
	f.MultiCell(0, 7, c.Subtitle, "", "L", false)
	f.Ln(10)
	d.body()
	d.Fields(c.Fields)
	if c.Note != "" {
		f.SetY(ph - margin - 30)
		d.Note(c.Note)
	}
	f.AddPage()
}
