package census

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// workbook is an XLSX file: the zip archive, checked and pre-scanned
// before excelize reads it, and the sheets to import.
type workbook struct {
	zip    *zip.Reader
	sheets []sheetPart
	sst    []string // the shared strings, when the fast reader read them
	// excelizeOnly leaves every sheet to excelize: the shared strings are
	// there but unusual (excelize reads them for every row), or the
	// archive unpacks to more than excelize is let unpack.
	excelizeOnly bool
	// open opens the workbook with excelize, for the sheets the fast
	// reader leaves to it; once.
	open    func() (*excelize.File, error)
	opening sync.Once
	file    *excelize.File
	fileErr error
}

// excel is the workbook opened by excelize.
func (wb *workbook) excel() (*excelize.File, error) {
	wb.opening.Do(func() {
		if wb.file, wb.fileErr = wb.open(); wb.fileErr != nil {
			if wb.file != nil {
				wb.file.Close()
			}
			wb.file = nil
			wb.fileErr = fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook excelize can read: %v", wb.fileErr))
		}
	})
	return wb.file, wb.fileErr
}

// close closes what excelize opened.
func (wb *workbook) close() {
	wb.opening.Do(func() {}) // no opening after this
	if wb.file != nil {
		wb.file.Close()
	}
}

// part is a file of the archive, or nil; the last of that name, as
// excelize takes it (and with \ read as /).
func (wb *workbook) part(name string) *zip.File {
	return wb.partWhere(func(n string) bool { return n == name })
}

// sharedStringsPart is the shared strings part, whose name excelize
// takes in any case.
func (wb *workbook) sharedStringsPart() *zip.File {
	return wb.partWhere(func(n string) bool { return strings.EqualFold(n, "xl/sharedStrings.xml") })
}

// partWhere is the last file of the archive whose name (with \ read as /)
// matches, or nil.
func (wb *workbook) partWhere(match func(name string) bool) *zip.File {
	var part *zip.File
	for _, f := range wb.zip.File {
		if match(strings.ReplaceAll(f.Name, "\\", "/")) {
			part = f
		}
	}
	return part
}

// unpacksTooLarge reports an archive whose files unpack to more than
// excelize is let unpack.
func (wb *workbook) unpacksTooLarge() bool {
	var total uint64
	for _, f := range wb.zip.File {
		if f.UncompressedSize64 > maxUnzipped {
			return true
		}
		if total += f.UncompressedSize64; total > maxUnzipped {
			return true
		}
	}
	return false
}

// maxSharedStrings is the largest shared strings part the fast reader
// takes (excelize reads larger ones another way).
const maxSharedStrings = 16 << 20

// readSharedStrings reads the shared strings for the fast reader; none
// when they are unusual (the sheets that use them are left to excelize).
func (wb *workbook) readSharedStrings() {
	if wb.unpacksTooLarge() {
		wb.excelizeOnly = true
		return
	}
	f := wb.sharedStringsPart()
	if f == nil {
		return
	}
	wb.excelizeOnly = true
	if f.UncompressedSize64 > maxSharedStrings {
		return
	}
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	if sst, err := readSharedStrings(rc); err == nil {
		wb.sst, wb.excelizeOnly = sst, false
	}
}

// scanSheet opens a sheet for the fast reader.
func (wb *workbook) scanSheet(s sheetPart) (*scanSheet, error) {
	f := wb.part(s.part)
	if f == nil || wb.excelizeOnly {
		return nil, errUnusual
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errUnusual
	}
	return &scanSheet{sheet: s.name, x: newXMLScanner(rc), close_: rc.Close, sst: wb.sst}, nil
}

// sheetPart is a worksheet: its name and its part in the archive.
type sheetPart struct{ name, part string }

// maxUnzipped bounds what excelize may unpack: a zip bomb stops here.
const maxUnzipped = 1 << 30

// openWorkbook checks that the bytes are an XLSX workbook and finds the
// sheets to import: Subscribers then Dependents when both are there (a
// roster GroupDesk exported), otherwise the first sheet.
func openWorkbook(ra io.ReaderAt, size int64) (*workbook, error) {
	head := make([]byte, 8)
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	switch {
	case size == 0:
		return nil, fileProblem(1, "", "the file is empty: the first row must name the columns (employee_id, relationship, first_name, …)")
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fileProblem(0, "", "this is an Excel 97-2003 workbook (.xls) or an encrypted one; save it as .xlsx (Excel Workbook) or CSV")
	case !bytes.HasPrefix(head, []byte("PK")):
		return nil, fileProblem(0, "", "this is not an Excel workbook: an .xlsx file is a zip archive, and this one is not (was another kind of file renamed .xlsx?)")
	}
	z, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook: the archive is damaged (%v)", err))
	}
	sheets, err := workbookSheets(z)
	if err != nil {
		return nil, err
	}
	return &workbook{zip: z, sheets: pickSheets(sheets)}, nil
}

// workbookSheets reads the sheet names and parts, in workbook order.
func workbookSheets(z *zip.Reader) ([]sheetPart, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(z, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXMLPart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	var out []sheetPart
	for _, s := range wb.Sheets {
		out = append(out, sheetPart{name: s.Name, part: targets[s.RID]})
	}
	if len(out) == 0 {
		return nil, fileProblem(0, "", "this workbook has no worksheet")
	}
	return out, nil
}

// readXMLPart decodes a small part of the archive.
func readXMLPart(z *zip.Reader, name string, v any) error {
	for _, f := range z.File {
		if !strings.EqualFold(f.Name, name) {
			continue
		}
		if f.UncompressedSize64 > 16<<20 {
			return fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook: its %s is %d MB", name, f.UncompressedSize64>>20))
		}
		rc, err := f.Open()
		if err != nil {
			return fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook: %s cannot be read (%v)", name, err))
		}
		defer rc.Close()
		if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v); err != nil {
			return fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook: %s is damaged (%v)", name, err))
		}
		return nil
	}
	return fileProblem(0, "", "this is not an Excel workbook: it has no "+name+" (a zip archive of something else, renamed .xlsx?)")
}

func pickSheets(all []sheetPart) []sheetPart {
	var subs, deps *sheetPart
	for i := range all {
		switch strings.ToLower(all[i].name) {
		case "subscribers":
			subs = &all[i]
		case "dependents":
			deps = &all[i]
		}
	}
	if subs != nil && deps != nil {
		return []sheetPart{*subs, *deps}
	}
	return all[:1]
}

// rowCount counts the rows of a sheet by scanning its XML for row
// elements, without parsing it: a million rows take a fraction of a
// second. Sheets too small to exceed limit are not scanned. It stops
// counting beyond stopAt.
func (wb *workbook) rowCount(s sheetPart, limit int) (int, error) {
	f := wb.part(s.part)
	if f == nil {
		return 0, fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook: sheet %s has no data part", s.name))
	}
	// A row is at least `<row r="1"/>` (12 bytes) or `<row>` plus a cell.
	if f.UncompressedSize64 < uint64(limit)*12 {
		return 0, nil
	}
	rc, err := f.Open()
	if err != nil {
		return 0, fileProblem(0, "", fmt.Sprintf("sheet %s cannot be read: %v", s.name, err))
	}
	defer rc.Close()
	return countRows(rc)
}

// countRows counts the row start tags of a sheet's XML (<row …> or
// <x:row …>, not </x:row>) in one pass.
func countRows(r io.Reader) (int, error) {
	const keep = 40 // bytes kept from one chunk to the next: a tag with its prefix
	buf := make([]byte, 256<<10)
	carry, from := 0, 0
	n := 0
	for {
		k, err := io.ReadFull(r, buf[carry:])
		chunk := buf[:carry+k]
		n += countRowTags(chunk, from)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("reading the sheet: %w", err)
		}
		// the matches from len-3 on were not looked at: they need the byte
		// after "row"
		carry = copy(buf, chunk[len(chunk)-keep:])
		from = keep - 3
	}
}

var rowName = []byte("row")

// countRowTags counts the row start tags whose "row" begins at from or
// after and is followed by a byte of the chunk.
func countRowTags(chunk []byte, from int) int {
	n := 0
	for i := from; ; {
		j := bytes.Index(chunk[i:], rowName)
		if j < 0 {
			return n
		}
		p := i + j
		if p+3 >= len(chunk) {
			return n
		}
		i = p + 1
		switch chunk[p+3] {
		case ' ', '>', '/', '\t', '\n', '\r':
		default:
			continue
		}
		if p == 0 {
			continue
		}
		if chunk[p-1] == '<' {
			n++
			continue
		}
		if chunk[p-1] != ':' {
			continue
		}
		// <prefix:row, the prefix made of name characters
		q := p - 2
		for q >= 0 && q >= p-34 && nameBytes[chunk[q]] != 0 && chunk[q] != ':' {
			q--
		}
		if q >= 0 && q < p-2 && chunk[q] == '<' {
			n++
		}
	}
}

// xlsxSheet streams the rows of one sheet with excelize.
type xlsxSheet struct {
	sheet string
	rows  *excelize.Rows
	row   int
}

func (wb *workbook) openSheet(s sheetPart) (*xlsxSheet, error) {
	file, err := wb.excel()
	if err != nil {
		return nil, err
	}
	rows, err := file.Rows(s.name)
	if err != nil {
		return nil, fileProblem(0, "", fmt.Sprintf("sheet %s cannot be read: %v", s.name, err))
	}
	return &xlsxSheet{sheet: s.name, rows: rows}, nil
}

func (s *xlsxSheet) name() string { return s.sheet }

var rawCells = excelize.Options{RawCellValue: true}

func (s *xlsxSheet) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, fileProblem(s.row+1, "", fmt.Sprintf("sheet %s is damaged: %v", s.sheet, err))
		}
		return nil, 0, io.EOF
	}
	s.row++
	cells, err := s.rows.Columns(rawCells)
	if err != nil {
		return nil, 0, fileProblem(s.row, "", fmt.Sprintf("sheet %s is damaged: %v", s.sheet, err))
	}
	return cells, s.row, nil
}

func (s *xlsxSheet) skip() (int, error) {
	n := 0
	for s.rows.Next() {
		n++
	}
	return n, s.rows.Error()
}

func (s *xlsxSheet) close() error { return s.rows.Close() }
