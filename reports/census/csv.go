package census

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/groupdesk/groupdesk/model"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvSheet reads the rows of a CSV file.
type csvSheet struct {
	r   *csv.Reader
	row int
}

// sniffSize is how much of a file is looked at to decide what it is.
const sniffSize = 64 << 10

// newCSVSheet prepares a CSV file: its encoding (UTF-8 with or without a
// byte order mark, UTF-16 with one, or Windows-1252 when it is not valid
// UTF-8) and its delimiter (comma, semicolon or tab, whichever the header
// row has most of).
func newCSVSheet(in io.Reader) (*csvSheet, error) {
	br := bufio.NewReaderSize(in, sniffSize)
	head, _ := br.Peek(sniffSize)
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, fileProblem(1, "", "the file is empty: the first row must name the columns (employee_id, relationship, first_name, …)")
	}
	r, err := decoded(br, head)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord, cr.ReuseRecord, cr.Comma = -1, true, delimiter(head)
	return &csvSheet{r: cr}, nil
}

// decoded returns the file as UTF-8, refusing what is not text.
func decoded(br *bufio.Reader, head []byte) (io.Reader, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, fileProblem(0, "", "this is an Excel workbook, not a CSV file: give it the .xlsx extension")
	case bytes.IndexByte(head, 0) >= 0:
		return nil, fileProblem(0, "", "this is not a text file: a CSV census is text, one row per person")
	case !utf8.Valid(trimPartialRune(head)):
		return transform.NewReader(br, charmap.Windows1252.NewDecoder()), nil
	}
	return br, nil
}

// trimPartialRune drops a rune cut by the end of the sniffed bytes.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			break
		}
		b = b[:len(b)-1]
	}
	return b
}

func delimiter(head []byte) rune {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	best, n := ',', bytes.Count(line, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func (s *csvSheet) name() string { return "" }

// next returns the next row and its number, io.EOF at the end.
func (s *csvSheet) next() ([]string, int, error) {
	rec, err := s.r.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return nil, 0, io.EOF
	case errors.As(err, &pe):
		return nil, 0, fileProblem(s.row+1, "", fmt.Sprintf("the CSV is malformed (line %d, character %d: %v); save it again from the spreadsheet", pe.Line, pe.Column, pe.Err))
	case err != nil:
		return nil, 0, fmt.Errorf("reading the file: %w", err)
	}
	s.row++
	for i, v := range rec {
		rec[i] = unescapeFormula(v)
	}
	return rec, s.row, nil
}

// skip counts the remaining rows without keeping them.
func (s *csvSheet) skip() (int, error) {
	return remainingRows(s)
}

func (s *csvSheet) close() error { return nil }

// unescapeFormula undoes the apostrophe a CSV export puts before a cell
// that starts like a formula (=, +, -, @), so a round trip keeps values.
func unescapeFormula(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(v[1])) {
		return v[1:]
	}
	return v
}

// FileError is what stops the reading of a file: the file is not a
// census (not a spreadsheet, no header, a missing column, too many rows).
// Each problem says where.
type FileError struct {
	Problems []model.ImportProblem
}

func (e *FileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives the person's message as a model error, for screens.
func (e *FileError) Unwrap() error { return &model.Error{Code: model.EFORMAT, Message: e.Error()} }

// fileProblem is a FileError with one problem at a row (0: the whole file).
func fileProblem(row int, column, message string) *FileError {
	return &FileError{Problems: []model.ImportProblem{{Row: row, Column: column, Message: message}}}
}
