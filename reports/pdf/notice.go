package pdf

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// Notice writes a boxed title and text in type of the given size, in
// points: the notices a law wants printed no smaller than a size (the
// California premium bill wording, at 12 points at least). The box moves
// to a new page rather than split.
func (d *Doc) Notice(title, text string, size float64) {
	lh := size * ptToMM * 1.3
	d.f.SetFont(family, "", size)
	lines := len(d.f.SplitText(text, d.width()-4))
	if title != "" {
		lines++
	}
	if !d.room(float64(lines)*lh + 6) {
		d.f.AddPage()
	}
	x, y := d.f.GetXY()
	d.f.SetDrawColor(20, 60, 110)
	d.f.SetLineWidth(0.4)
	d.f.Rect(x, y, d.width(), float64(lines)*lh+4, "D")
	d.f.SetXY(x+2, y+2)
	if title != "" {
		d.f.SetFont(family, "B", size)
		d.f.CellFormat(d.width()-4, lh, title, "", 2, "L", false, 0, "")
		d.f.SetX(x + 2)
	}
	d.f.SetFont(family, "", size)
	d.f.MultiCell(d.width()-4, lh, text, "", "L", false)
	d.f.SetLineWidth(0.2)
	d.f.SetY(y + float64(lines)*lh + 7)
	d.body()
}
