package census

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The fast worksheet reader must give what excelize gives, row for row and
// value for value, or give up (errUnusual) and leave the sheet to excelize.

// workbookWith is an XLSX archive of one sheet, Census, with the given
// worksheet XML and shared strings part (none when nil).
func workbookWith(t testing.TB, sheet, sst []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Census" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", string(sheet)},
	}
	if sst != nil {
		parts = append(parts, struct{ name, body string }{"xl/sharedStrings.xml", string(sst)})
	}
	for _, p := range parts {
		w, err := z.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// maxCompared is how many rows of a sheet are compared (a fuzzed row
// number can make a million empty rows).
const maxCompared = 10_000

type sheetRow struct {
	num   int
	cells []string
}

// fastRows reads the sheet with the fast reader; errUnusual when it gives
// up.
func fastRows(data []byte) ([]sheetRow, error) {
	wb, err := openWorkbook(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	wb.readSharedStrings()
	s, err := wb.scanSheet(wb.sheets[0])
	if err != nil {
		return nil, err
	}
	defer s.close()
	var out []sheetRow
	for {
		cells, n, err := s.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if out = append(out, sheetRow{n, slices.Clone(cells)}); len(out) == maxCompared {
			return out, nil
		}
	}
}

// excelizeRows reads the sheet as the census reader reads it with
// excelize.
func excelizeRows(data []byte) ([]sheetRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelOptions)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	wb := &workbook{file: f}
	wb.opening.Do(func() {})
	s, err := wb.openSheet(sheetPart{name: "Census"})
	if err != nil {
		return nil, err
	}
	defer s.close()
	var out []sheetRow
	for {
		cells, n, err := s.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if out = append(out, sheetRow{n, slices.Clone(cells)}); len(out) == maxCompared {
			return out, nil
		}
	}
}

// sameRows fails when the fast reader read the sheet differently.
func sameRows(t *testing.T, sheet, sst []byte) (fast bool) {
	t.Helper()
	data := workbookWith(t, sheet, sst)
	got, err := fastRows(data)
	if errors.Is(err, errUnusual) {
		return false
	}
	if err != nil {
		t.Fatalf("the fast reader failed otherwise than giving up: %v", err)
	}
	// the same with a buffer that cuts every token: it is refilled
	// under the reader's feet
	for _, size := range []int{1, 5, 64} {
		scanBuffer = size
		small, err := fastRows(data)
		scanBuffer = 256 << 10
		if err != nil || fmt.Sprint(small) != fmt.Sprint(got) {
			t.Fatalf("with a buffer of %d bytes the fast reader read %v (%v), not %v\nsheet: %q\nsst: %q", size, small, err, got, sheet, sst)
		}
	}
	want, werr := excelizeRows(data)
	if werr != nil {
		// excelize refuses the workbook or the sheet: the fast reader must
		// not have read it.
		t.Fatalf("excelize fails (%v) where the fast reader read %v\nsheet: %q\nsst: %q", werr, got, sheet, sst)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Fatalf("the fast reader read\n%v\nexcelize read\n%v\nsheet: %q\nsst: %q", got, want, sheet, sst)
	}
	for i := range got {
		if got[i].num != want[i].num || !slices.Equal(got[i].cells, want[i].cells) {
			t.Fatalf("row %d: the fast reader read %d %q, excelize %d %q\nsheet: %q\nsst: %q", i, got[i].num, got[i].cells, want[i].num, want[i].cells, sheet, sst)
		}
	}
	return true
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>`

const sheetTail = `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`

const sstXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Employee ID</t></si><si><t xml:space="preserve"> Rivera &amp; Sons </t></si><si><r><rPr><b/></rPr><t>Ri</t></r><r><t>vera</t></r></si><si><t>Ann</t><rPh sb="0" eb="1"><t>アン</t></rPh><phoneticPr fontId="1"/></si></sst>`

// sheetCases are worksheets as Excel, LibreOffice, GroupDesk and others
// write them, and some they do not; the fast reader reads each the way
// excelize does, or leaves it to excelize (the last ones).
var sheetCases = []struct {
	name, rows string
	fast       bool
}{
	{"inline strings and numbers", `<row r="1"><c r="A1" t="inlineStr"><is><t>Employee ID</t></is></c><c r="B1" t="inlineStr"><is><t>DOB</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>E1</t></is></c><c r="B2" s="2"><v>36375</v></c></row>`, true},
	{"shared strings, rich text and phonetics", `<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`, true},
	{"gaps between cells and rows", `<row r="2"><c r="C2" t="str"><v>x</v></c><c r="F2"><v>1.5</v></c></row><row r="5"><c r="B5" t="b"><v>1</v></c></row>`, true},
	{"cells without references", `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>3</v></c></row><row><c><v>4</v></c></row>`, true},
	{"formulas, empty values and errors", `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>""</f><v></v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" s="3"/></row>`, true},
	{"entities and character references", `<row r="1"><c r="A1" t="inlineStr"><is><t>O&apos;Brien &lt;&gt; &#233;&#x4E2D;</t></is></c><c r="B1" t="str"><v>a&amp;b</v></c></row>`, true},
	{"prefixed elements", `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pre</x:t></x:is></x:c></x:row>`, true},
	{"rich inline text and whitespace", "<row r=\"1\">\n  <c r=\"A1\" t=\"inlineStr\"><is><r><t xml:space=\"preserve\">  two </t></r><r><rPr><i/></rPr><t>runs</t></r></is></c>\n</row>\n", true},
	{"single quotes and spaced attributes", `<row r='1' ><c r = 'A1'  t='inlineStr' ><is><t>q</t></is></c></row>`, true},
	{"empty rows", `<row r="1"/><row r="3"><c r="A3"><v>1</v></c></row>`, true},
	{"a comment", `<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>`, true},
	{"text before the rows", `x<row r="1"><c r="A1"><v>1</v></c></row>`, true},
	{"a comment with two dashes", `<row r="1"><!-- a -- b --><c r="A1"><v>1</v></c></row>`, false},
	{"a name with two prefixes", `<x:y:row r="1"><c r="A1"><v>1</v></c></x:y:row>`, false},
	{"a CDATA section", `<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>`, false},
	{"an escaped character", `<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>`, false},
	{"a date cell", `<row r="1"><c r="A1" t="d"><v>2026-01-02T00:00:00Z</v></c></row>`, false},
	{"rows out of order", `<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>`, false},
	{"a carriage return", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row>", false},
	{"an absolute reference", `<row r="1"><c r="$A$1"><v>1</v></c></row>`, false},
	{"a shared string out of range", `<row r="1"><c r="A1" t="s"><v>9</v></c></row>`, false},
	{"a mismatched end tag", `<row r="1"><c r="A1"><v>1</x></c></row>`, false},
}

// prologCases are worksheets whose beginning is unusual.
var prologCases = []struct {
	name, head string
	fast       bool
}{
	{"a byte order mark", "\xef\xbb\xbf" + sheetHead, true},
	{"no declaration", sheetHead[strings.Index(sheetHead, "\n")+1:], true},
	{"XML 1.1", strings.Replace(sheetHead, `version="1.0"`, `version="1.1"`, 1), false},
	{"another encoding", strings.Replace(sheetHead, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), false},
	{"a lower-case encoding", strings.Replace(sheetHead, `encoding="UTF-8"`, `encoding="utf-8"`, 1), true},
}

// sstCases are shared strings parts excelize reads in its own way.
var sstCases = []struct {
	name, sst string
	fast      bool
}{
	{"a second element after the strings", `<sst xmlns="` + spreadsheetNS + `"><si><t>a</t></si></sst><si><t>b</t></si>`, false}, // string 1 is not there
	{"no namespace", `<sst><si><t>a</t></si><si><t>b</t></si></sst>`, false},
	{"another root", `<strings xmlns="` + spreadsheetNS + `"><si><t>a</t></si></strings>`, false},
	{"an empty part", ``, false}, // strings 0 and 1 are not there
}

func TestTheFastReaderReadsSheetsAsExcelizeDoes(t *testing.T) {
	for _, c := range sstCases {
		t.Run(c.name, func(t *testing.T) {
			rows := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>7</v></c></row>`
			fast := sameRows(t, []byte(sheetHead+rows+sheetTail), []byte(c.sst))
			if fast != c.fast {
				t.Errorf("read by the fast reader: %v, want %v", fast, c.fast)
			}
		})
	}
	for _, c := range prologCases {
		t.Run(c.name, func(t *testing.T) {
			fast := sameRows(t, []byte(c.head+`<row r="1"><c r="A1"><v>1</v></c></row>`+sheetTail), nil)
			if fast != c.fast {
				t.Errorf("read by the fast reader: %v, want %v", fast, c.fast)
			}
		})
	}
	for _, c := range sheetCases {
		t.Run(c.name, func(t *testing.T) {
			fast := sameRows(t, []byte(sheetHead+c.rows+sheetTail), []byte(sstXML))
			if fast != c.fast {
				t.Errorf("read by the fast reader: %v, want %v", fast, c.fast)
			}
		})
	}
}

func FuzzFastSheetReader(f *testing.F) {
	for _, c := range sheetCases {
		f.Add([]byte(sheetHead+c.rows+sheetTail), []byte(sstXML))
	}
	for _, c := range sstCases {
		f.Add([]byte(sheetHead+`<row r="1"><c r="A1" t="s"><v>1</v></c></row>`+sheetTail), []byte(c.sst))
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		sameRows(t, sheet, sst)
	})
}

// WithExcelizeOnly runs fn with the sheets read by excelize alone.
func WithExcelizeOnly(fn func()) {
	fastReader = false
	defer func() { fastReader = true }()
	fn()
}

// TestRowsAreCountedOnceEach counts the row start tags of a sheet larger
// than the counter's buffer: plain and prefixed, with or without
// attributes, empty, but not end tags, other elements or text.
func TestRowsAreCountedOnceEach(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData>`)
	want := 0
	for i := range 30_000 {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>an arrow </t></is></c></row>`, i+1, i+1)
		case 1:
			fmt.Fprintf(&b, `<x:row r="%d"><x:c><x:v>%d</x:v></x:c></x:row>`, i+1, i)
		case 2:
			fmt.Fprintf(&b, "<row\n>throw/row></row>")
		case 3:
			fmt.Fprintf(&b, `<row/><rows>x</rows>`)
		case 4:
			fmt.Fprintf(&b, `<longerprefix_2:row spans="1:3"></longerprefix_2:row>`)
		}
		want++
	}
	b.WriteString(`</sheetData></worksheet>`)
	n, err := countRows(strings.NewReader(b.String()))
	if err != nil || n != want {
		t.Fatalf("counted %d rows (%v), want %d", n, err, want)
	}
}

// FastReadsAll reports whether the fast reader reads every sheet of a
// workbook to import without leaving one to excelize.
func FastReadsAll(data []byte) (bool, error) {
	wb, err := openWorkbook(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false, err
	}
	wb.readSharedStrings()
	for _, sp := range wb.sheets {
		s, err := wb.scanSheet(sp)
		if err != nil {
			return false, nil
		}
		_, err = s.skip()
		s.close()
		if errors.Is(err, errUnusual) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
	return true, nil
}
