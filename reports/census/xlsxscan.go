package census

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The worksheets of a census are read by a reader of their XML made for
// the few elements a sheet's data uses (rows, cells, values, inline and
// shared strings), several times faster than excelize's general one. It
// gives the rows excelize gives, value for value; whatever it is not sure
// to read the same way (a comment or CDATA section, an odd cell type, an
// escaped character, rows out of order, XML that is not well formed) makes
// it give up with errUnusual, and the sheet is read again by excelize.

// errUnusual says a sheet holds XML the fast reader leaves to excelize.
var errUnusual = errors.New("the worksheet has XML only excelize reads")

// spreadsheetNS is the namespace of a workbook's parts.
const spreadsheetNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// maxRows is the last row of a worksheet.
const maxRows = 1_048_576

// maxColumns is the last column of a worksheet.
const maxColumns = 16_384

// maxToken is the longest element or text the reader takes in one piece.
const maxToken = 64 << 20

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
)

// xmlToken is a piece of the XML: its bytes are valid until the next one
// is read.
type xmlToken struct {
	kind     tokenKind
	name     []byte   // the local name of a start or end tag
	attrs    []attrKV // a start tag's attributes
	empty    bool     // <c/>
	prefixed bool     // <x:c>
	text     []byte   // the raw text of a text token
}

// xmlScanner cuts an XML stream into tags and texts.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error
	stack    []string // the open elements, to check each end tag
	attrs    []attrKV // the attributes of the last start tag
}

// scanBuffer is the size the reader's buffer starts at (tests make it
// small, to cut every token).
var scanBuffer = 256 << 10

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, scanBuffer)}
}

// fill reads more of the stream, keeping what is not consumed yet; false
// at the end of the stream.
func (s *xmlScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.err = errUnusual
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if errors.Is(err, io.EOF) {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.err = errUnusual // a damaged archive: excelize says how
			return false
		}
		if n > 0 {
			return true
		}
	}
}

// next returns the next token: tags with their names checked and matched,
// texts as written; comments and processing instructions are skipped.
func (s *xmlScanner) next() (xmlToken, error) {
	for {
		if s.pos == s.end && !s.fill() {
			if s.err != nil {
				return xmlToken{}, s.err
			}
			if len(s.stack) > 0 {
				return xmlToken{}, errUnusual // cut short
			}
			return xmlToken{kind: tokEOF}, nil
		}
		data := s.buf[s.pos:s.end]
		if data[0] != '<' {
			i := bytes.IndexByte(data, '<')
			if i < 0 {
				if s.fill() {
					continue
				}
				if s.err != nil {
					return xmlToken{}, s.err
				}
				i = len(data)
			}
			s.pos += i
			return xmlToken{kind: tokText, text: data[:i]}, nil
		}
		t, n, err := s.tag(data)
		if err != nil {
			return t, err
		}
		if n == 0 { // the tag goes on beyond the buffer
			if !s.fill() {
				if s.err != nil {
					return xmlToken{}, s.err
				}
				return xmlToken{}, errUnusual
			}
			continue
		}
		s.pos += n
		if t.kind == tokEOF {
			continue // a comment or a processing instruction
		}
		return t, nil
	}
}

var (
	commentStart = []byte("<!--")
	commentEnd   = []byte("-->")
	piEnd        = []byte("?>")
)

// tag reads the tag at the start of data and its length (0: data ends
// before the tag does). A tokEOF kind is a comment or instruction.
func (s *xmlScanner) tag(data []byte) (xmlToken, int, error) {
	if len(data) < 2 {
		return xmlToken{}, 0, nil
	}
	switch data[1] {
	case '?':
		i := bytes.Index(data[2:], piEnd)
		if i < 0 {
			return xmlToken{}, 0, nil
		}
		i += 2
		target := data[2:i]
		if j := bytes.IndexAny(target, " \t\n"); j >= 0 {
			target = target[:j]
		}
		if !isName(target) {
			return xmlToken{}, 0, errUnusual
		}
		if err := checkProlog(data[:i]); err != nil {
			return xmlToken{}, 0, err
		}
		return xmlToken{kind: tokEOF}, i + 2, nil
	case '!':
		if len(data) < 4 {
			return xmlToken{}, 0, nil
		}
		if !bytes.HasPrefix(data, commentStart) {
			return xmlToken{}, 0, errUnusual // CDATA, DOCTYPE
		}
		i := bytes.Index(data[4:], commentEnd)
		if i < 0 {
			return xmlToken{}, 0, nil
		}
		if body := data[4 : 4+i]; bytes.Contains(body, []byte("--")) || bytes.HasSuffix(body, []byte("-")) {
			return xmlToken{}, 0, errUnusual // XML forbids -- in a comment
		}
		return xmlToken{kind: tokEOF}, 4 + i + 3, nil
	case '/':
		i := bytes.IndexByte(data, '>')
		if i < 0 {
			return xmlToken{}, 0, nil
		}
		name := data[2:i]
		if len(name) == 0 {
			return xmlToken{}, 0, errUnusual
		}
		if c := name[len(name)-1]; c == ' ' || c == '\t' || c == '\n' {
			name = bytes.TrimRight(name, " \t\n")
		}
		if !isName(name) || len(s.stack) == 0 || s.stack[len(s.stack)-1] != string(name) {
			return xmlToken{}, 0, errUnusual
		}
		s.stack = s.stack[:len(s.stack)-1]
		return xmlToken{kind: tokEnd, name: localName(name)}, i + 1, nil
	}
	// a start tag: its end is the first > outside quotes
	var quote byte
	end := -1
	for i := 1; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return xmlToken{}, 0, errUnusual
		case c == '>':
			end = i
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return xmlToken{}, 0, nil
	}
	body := data[1:end]
	t := xmlToken{kind: tokStart}
	if len(body) > 0 && body[len(body)-1] == '/' {
		t.empty, body = true, body[:len(body)-1]
	}
	n := 0
	for n < len(body) && body[n] != ' ' && body[n] != '\t' && body[n] != '\n' {
		n++
	}
	name := body[:n]
	if !isName(name) {
		return xmlToken{}, 0, errUnusual
	}
	t.name = localName(name)
	t.prefixed = len(t.name) < len(name)
	var err error
	if s.attrs, err = parseAttrs(s.attrs[:0], body[n:]); err != nil {
		return xmlToken{}, 0, err
	}
	t.attrs = s.attrs
	if !t.empty {
		s.stack = append(s.stack, internName(name))
	}
	return t, end + 1, nil
}

// checkProlog accepts the XML declaration of a UTF-8 document, version
// 1.0.
func checkProlog(pi []byte) error {
	body, ok := bytes.CutPrefix(pi, []byte("<?xml"))
	if !ok || (len(body) > 0 && body[0] != ' ' && body[0] != '\t' && body[0] != '\n') {
		return nil // another instruction
	}
	attrs, err := parseAttrs(nil, bytes.TrimSpace(body))
	if err != nil {
		return err
	}
	for _, a := range attrs {
		switch string(a.name) {
		case "version":
			if string(a.value) != "1.0" {
				return errUnusual
			}
		case "encoding":
			if !strings.EqualFold(string(a.value), "utf-8") {
				return errUnusual
			}
		case "standalone":
		default:
			return errUnusual
		}
	}
	return nil
}

// nameBytes marks the bytes of a name: 1 anywhere, 2 not first.
var nameBytes = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1, 1
	}
	t['_'], t[':'] = 1, 1
	for c := '0'; c <= '9'; c++ {
		t[c] = 2
	}
	t['-'], t['.'] = 2, 2
	return t
}()

// isName accepts the plain ASCII names worksheets use, with one prefix at
// most.
func isName(b []byte) bool {
	if len(b) == 0 || nameBytes[b[0]] != 1 {
		return false
	}
	colon := -1
	for i, c := range b {
		if nameBytes[c] == 0 {
			return false
		}
		if c == ':' {
			if colon >= 0 {
				return false
			}
			colon = i
		}
	}
	return colon != 0 && colon != len(b)-1
}

func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// internName is a tag's name as a string, without allocating for the
// usual ones.
func internName(b []byte) string {
	switch string(b) {
	case "row":
		return "row"
	case "c":
		return "c"
	case "v":
		return "v"
	case "is":
		return "is"
	case "t":
		return "t"
	case "r":
		return "r"
	case "f":
		return "f"
	}
	return string(b)
}

// attrKV is an attribute: its local name and its value as written.
type attrKV struct{ name, value []byte }

// parseAttrs appends the attributes of a tag, written name="value"
// (spaces around = allowed) with plain values.
func parseAttrs(dst []attrKV, attrs []byte) ([]attrKV, error) {
	i := 0
	for {
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\n') {
			i++
		}
		if i == len(attrs) {
			return dst, nil
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && attrs[i] != ' ' && attrs[i] != '\t' && attrs[i] != '\n' {
			i++
		}
		name := attrs[start:i]
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\n') {
			i++
		}
		if !isName(name) || i == len(attrs) || attrs[i] != '=' {
			return dst, errUnusual
		}
		i++
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\n') {
			i++
		}
		if i == len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
			return dst, errUnusual
		}
		q := attrs[i]
		end := bytes.IndexByte(attrs[i+1:], q)
		if end < 0 {
			return dst, errUnusual
		}
		v := attrs[i+1 : i+1+end]
		if _, ok := plainText(v); !ok || bytes.IndexByte(v, '&') >= 0 || bytes.IndexByte(v, '<') >= 0 {
			return dst, errUnusual
		}
		i += end + 2
		if i < len(attrs) && attrs[i] != ' ' && attrs[i] != '\t' && attrs[i] != '\n' {
			return dst, errUnusual
		}
		dst = append(dst, attrKV{localName(name), v})
	}
}

// attr returns the value of a tag's attribute of a local name; two of the
// same name are unusual.
func attr(t xmlToken, name string) ([]byte, bool, error) {
	var val []byte
	found := false
	for _, a := range t.attrs {
		if string(a.name) == name {
			if found {
				return nil, false, errUnusual
			}
			val, found = a.value, true
		}
	}
	return val, found, nil
}

// plainText reports whether b is UTF-8 text XML allows, without a carriage
// return (which XML turns into a line feed), and whether it is ASCII.
func plainText(b []byte) (ascii, ok bool) {
	ascii = true
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' {
			return false, false
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		return true, true
	}
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF {
			return false, false
		}
		b = b[n:]
	}
	return false, true
}

// checkText accepts a text XML allows, whose value is not wanted.
func checkText(raw []byte) error {
	if bytes.IndexByte(raw, '&') < 0 {
		if _, ok := plainText(raw); !ok {
			return errUnusual
		}
		return nil
	}
	_, err := unescape(raw)
	return err
}

// unescape returns the text a raw XML text stands for.
func unescape(raw []byte) (string, error) {
	if _, ok := plainText(raw); !ok {
		return "", errUnusual
	}
	amp := bytes.IndexByte(raw, '&')
	if amp < 0 {
		return string(raw), nil
	}
	out := make([]byte, 0, len(raw))
	for amp >= 0 {
		out = append(out, raw[:amp]...)
		raw = raw[amp:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 {
			return "", errUnusual
		}
		switch ref := string(raw[1:semi]); ref {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "apos":
			out = append(out, '\'')
		case "quot":
			out = append(out, '"')
		default:
			r, ok := charRef(ref)
			if !ok {
				return "", errUnusual
			}
			out = utf8.AppendRune(out, r)
		}
		raw = raw[semi+1:]
		amp = bytes.IndexByte(raw, '&')
	}
	out = append(out, raw...)
	return string(out), nil
}

// charRef reads #65 or #x41; only characters XML allows, and no carriage
// return.
func charRef(ref string) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	}
	r := rune(n)
	if err != nil || ref[1] == '+' || (len(ref) > 2 && ref[2] == '+') {
		return 0, false
	}
	switch {
	case r == 0x09 || r == 0x0A:
	case r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
	default:
		return 0, false
	}
	return r, true
}

// scanSheet reads a worksheet's rows with the fast reader.
type scanSheet struct {
	sheet  string
	x      *xmlScanner
	close_ func() error
	sst    []string
	in     bool // inside sheetData
	done   bool
	row    int      // the row last returned
	next_  int      // the row read ahead, 0 when none
	cells  []string // the cells of next_
	err    error
}

func (s *scanSheet) name() string { return s.sheet }

func (s *scanSheet) close() error { return s.close_() }

// next returns the rows as excelize does: every row from 1 to the last
// one, those the sheet leaves out empty.
func (s *scanSheet) next() ([]string, int, error) {
	if s.err != nil {
		return nil, 0, s.err
	}
	if s.next_ == 0 && !s.done {
		if err := s.readRow(); err != nil {
			s.err = err
			return nil, 0, err
		}
	}
	if s.next_ == 0 {
		return nil, 0, io.EOF
	}
	s.row++
	if s.row < s.next_ {
		return nil, s.row, nil
	}
	s.next_ = 0
	return s.cells, s.row, nil
}

func (s *scanSheet) skip() (int, error) {
	return remainingRows(s)
}

// readRow reads the next row element into cells and next_; next_ stays 0
// at the end of the sheet's data.
func (s *scanSheet) readRow() error {
	for !s.in {
		t, err := s.x.next()
		if err != nil {
			return err
		}
		switch {
		case t.kind == tokEOF:
			return errUnusual // no sheetData
		case t.kind == tokText:
			if err := checkText(t.text); err != nil {
				return err
			}
		case t.kind != tokStart:
		case string(t.name) == "sheetData":
			if t.empty {
				s.done = true
				return nil
			}
			s.in = true
		case isCellElement(t.name):
			return errUnusual
		}
	}
	for {
		t, err := s.x.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokText:
			if err := checkText(t.text); err != nil {
				return err
			}
		case tokEnd: // sheetData: what follows is not read
			s.done = true
			return nil
		case tokStart:
			if string(t.name) != "row" {
				return errUnusual
			}
			return s.readCells(t)
		default:
			return errUnusual
		}
	}
}

func isCellElement(name []byte) bool {
	switch string(name) {
	case "row", "c", "v", "is", "f":
		return true
	}
	return false
}

// readCells reads a row element's cells.
func (s *scanSheet) readCells(row xmlToken) error {
	num := s.row + 1
	if s.next_ != 0 {
		return errUnusual
	}
	if r, ok, err := attr(row, "r"); err != nil {
		return err
	} else if ok {
		n, err := strconv.Atoi(string(r))
		if err != nil || n <= s.row || n > maxRows || r[0] == '+' || r[0] == '0' {
			return errUnusual
		}
		num = n
	}
	if num > maxRows {
		return errUnusual
	}
	s.next_, s.cells = num, s.cells[:0]
	if row.empty {
		return nil
	}
	col := 0
	for {
		t, err := s.x.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokText:
			if err := checkText(t.text); err != nil {
				return err
			}
		case tokEnd:
			return nil // </row>
		case tokStart:
			if string(t.name) != "c" {
				return errUnusual
			}
			if col, err = s.readCell(t, col); err != nil {
				return err
			}
		default:
			return errUnusual
		}
	}
}

// readCell reads a cell element after the one at column col, and returns
// its column.
func (s *scanSheet) readCell(c xmlToken, col int) (int, error) {
	col++
	ref, ok, err := attr(c, "r")
	if err != nil {
		return 0, err
	}
	if ok {
		if col, err = cellColumn(ref); err != nil {
			return 0, err
		}
	}
	typ, _, err := attr(c, "t")
	if err != nil {
		return 0, err
	}
	// the tag's bytes do not outlive the next token
	shared, inlineStr := string(typ) == "s", string(typ) == "inlineStr"
	if string(typ) == "d" {
		return 0, errUnusual
	}
	var v, inline string
	var hasV, hasF, hasIS bool
	if !c.empty {
		for {
			t, err := s.x.next()
			if err != nil {
				return 0, err
			}
			if t.kind == tokEnd {
				break // </c>
			}
			if t.kind == tokText {
				if err := checkText(t.text); err != nil {
					return 0, err
				}
				continue
			}
			switch string(t.name) {
			case "v":
				if hasV {
					return 0, errUnusual
				}
				hasV = true
				if v, err = textOnly(s.x, t); err != nil {
					return 0, err
				}
			case "f":
				hasF = true
				if _, err = textOnly(s.x, t); err != nil {
					return 0, err
				}
			case "is":
				if hasIS {
					return 0, errUnusual
				}
				hasIS = true
				if inline, err = readRichText(s.x, t); err != nil {
					return 0, err
				}
			default:
				return 0, errUnusual
			}
		}
	}
	val := v
	switch {
	case shared && v != "":
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(s.sst) {
			return 0, errUnusual
		}
		val = s.sst[i]
	case inlineStr && hasIS:
		val = inline
	}
	if val != "" || hasF {
		for len(s.cells) < col-1 {
			s.cells = append(s.cells, "")
		}
		s.cells = append(s.cells, val)
	}
	return col, nil
}

// cellColumn reads the column of a reference such as B12.
func cellColumn(ref []byte) (int, error) {
	i := 0
	col := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		if i++; col > maxColumns {
			return 0, errUnusual
		}
	}
	if i == 0 || i == len(ref) || ref[i] == '0' {
		return 0, errUnusual
	}
	row, err := strconv.Atoi(string(ref[i:]))
	if err != nil || row < 1 || row > maxRows || ref[i] == '+' {
		return 0, errUnusual
	}
	return col, nil
}

// readRichText reads an inline or shared string: its t element, or the t
// elements of its runs, as excelize joins them; phonetic runs and run
// properties are left out.
func readRichText(x *xmlScanner, start xmlToken) (string, error) {
	if start.empty {
		return "", nil
	}
	var own, runs string
	hasT := false
	for {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		switch {
		case t.kind == tokText:
			if err := checkText(t.text); err != nil {
				return "", err
			}
		case t.kind == tokEnd:
			out := own + runs
			if strings.Contains(out, "_x") {
				return "", errUnusual // an escaped character
			}
			return out, nil
		case string(t.name) == "t":
			if hasT {
				return "", errUnusual
			}
			hasT = true
			if own, err = textOnly(x, t); err != nil {
				return "", err
			}
		case string(t.name) == "r":
			run, err := readRun(x, t)
			if err != nil {
				return "", err
			}
			runs += run
		case string(t.name) == "rPh" || string(t.name) == "phoneticPr":
			if err := skipElement(x, t); err != nil {
				return "", err
			}
		default:
			return "", errUnusual
		}
	}
}

// readRun reads a rich text run: its t element; its properties are left
// out.
func readRun(x *xmlScanner, start xmlToken) (string, error) {
	if start.empty {
		return "", nil
	}
	text, hasT := "", false
	for {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		switch {
		case t.kind == tokText:
			if err := checkText(t.text); err != nil {
				return "", err
			}
		case t.kind == tokEnd:
			return text, nil
		case string(t.name) == "t":
			if hasT {
				return "", errUnusual
			}
			hasT = true
			if text, err = textOnly(x, t); err != nil {
				return "", err
			}
		case string(t.name) == "rPr":
			if err := skipElement(x, t); err != nil {
				return "", err
			}
		default:
			return "", errUnusual
		}
	}
}

// textOnly reads the text of an element that holds only text.
func textOnly(x *xmlScanner, start xmlToken) (string, error) {
	if start.empty {
		return "", nil
	}
	text, texts := "", 0
	for {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		switch t.kind {
		case tokText:
			if texts++; texts > 1 {
				return "", errUnusual
			}
			if text, err = unescape(t.text); err != nil {
				return "", err
			}
		case tokEnd:
			return text, nil
		default:
			return "", errUnusual
		}
	}
}

// skipElement passes over an element and what it holds.
func skipElement(x *xmlScanner, start xmlToken) error {
	if start.empty {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokStart:
			if !t.empty {
				depth++
			}
		case tokEnd:
			depth--
		case tokText:
			if err := checkText(t.text); err != nil {
				return err
			}
		default:
			return errUnusual
		}
	}
	return nil
}

// readSharedStrings reads a workbook's shared strings (xl/sharedStrings.xml,
// where excelize looks for them) with the fast reader.
func readSharedStrings(r io.Reader) ([]string, error) {
	x := newXMLScanner(r)
	var out []string
	inSST := false
	for {
		t, err := x.next()
		if err != nil {
			return nil, err
		}
		switch {
		case t.kind == tokEOF:
			return out, nil
		case t.kind == tokText:
			if err := checkText(t.text); err != nil {
				return nil, err
			}
		case t.kind == tokEnd:
			if inSST {
				return out, nil // excelize reads the first element only
			}
		case !inSST && string(t.name) == "sst":
			// excelize wants the spreadsheet namespace, unprefixed here
			ns, _, err := attr(t, "xmlns")
			if err != nil || string(ns) != spreadsheetNS || t.prefixed {
				return nil, errUnusual
			}
			inSST = !t.empty
		case inSST && string(t.name) == "si":
			s, err := readRichText(x, t)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		default:
			return nil, errUnusual
		}
	}
}
