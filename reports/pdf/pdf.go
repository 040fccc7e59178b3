package pdf

import (
	_ "embed"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	regularFont []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldFont []byte
)

const (
	family   = "DejaVu"
	margin   = 15.0 // mm
	bodySize = 9.5
	lineH    = 5.0
)

// Options describe a document.
type Options struct {
	Title     string // in the header of every page and the file's metadata
	Subtitle  string // under the title on every page
	Author    string
	Landscape bool
	// Created is the date printed in the footer and the metadata; fixing
	// it makes the same input give the same file.
	Created time.Time
	// Cover leaves the running header off the first page, for a cover
	// page (see Doc.Cover).
	Cover bool
}

// Doc is a PDF being written.
type Doc struct {
	f *fpdf.Fpdf
	o Options
	// the font style and fill of the last table cell written ("-" and
	// -1 when a table header has set others)
	cellStyle string
	cellFill  int
}

// New starts a document on US Letter paper.
func New(o Options) *Doc {
	orient := "P"
	if o.Landscape {
		orient = "L"
	}
	if o.Created.IsZero() {
		o.Created = time.Now()
	}
	f := fpdf.New(orient, "mm", "Letter", "")
	f.AddUTF8FontFromBytes(family, "", regularFont)
	f.AddUTF8FontFromBytes(family, "B", boldFont)
	f.SetMargins(margin, margin+12, margin)
	f.SetAutoPageBreak(true, margin+6)
	f.SetTitle(o.Title, true)
	f.SetAuthor(o.Author, true)
	f.SetCreator("GroupDesk", true)
	f.SetCreationDate(o.Created)
	f.SetModificationDate(o.Created)
	f.AliasNbPages("{nb}")
	d := &Doc{f: f, o: o}
	f.SetHeaderFuncMode(d.header, true)
	f.SetFooterFunc(d.footer)
	f.AddPage()
	d.body()
	return d
}

func (d *Doc) body() {
	d.f.SetFont(family, "", bodySize)
	d.f.SetTextColor(20, 20, 20)
}

func (d *Doc) header() {
	f := d.f
	if d.o.Cover && f.PageNo() == 1 {
		return
	}
	f.SetY(margin - 4)
	f.SetFont(family, "B", 11)
	f.SetTextColor(20, 60, 110)
	f.CellFormat(0, 6, d.o.Title, "", 1, "L", false, 0, "")
	if d.o.Subtitle != "" {
		f.SetFont(family, "", 8.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 4.5, d.o.Subtitle, "", 1, "L", false, 0, "")
	}
	w, _ := f.GetPageSize()
	f.SetDrawColor(20, 60, 110)
	f.Line(margin, margin+9.5, w-margin, margin+9.5)
	f.SetY(margin + 12)
	d.body()
}

func (d *Doc) footer() {
	f := d.f
	f.SetY(-margin)
	f.SetFont(family, "", 8)
	f.SetTextColor(110, 110, 110)
	f.CellFormat(0, 5, "Prepared with GroupDesk on "+d.o.Created.Format("January 2, 2006"), "", 0, "L", false, 0, "")
	f.CellFormat(0, 5, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
}

// Write finishes the document and writes it.
func (d *Doc) Write(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("laying out the PDF: %w", err)
	}
	return d.f.Output(w)
}

// Pages is the number of pages written so far.
func (d *Doc) Pages() int { return d.f.PageCount() }

// width is the width between the margins.
func (d *Doc) width() float64 {
	w, _ := d.f.GetPageSize()
	return w - 2*margin
}

// room reports whether h more millimetres fit on the page.
func (d *Doc) room(h float64) bool {
	_, ph := d.f.GetPageSize()
	_, _, _, bottom := d.f.GetMargins()
	return d.f.GetY()+h <= ph-bottom
}
