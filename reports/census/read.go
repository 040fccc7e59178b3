package census

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/xuri/excelize/v2"
)

// MaxRows is the most people one file may hold.
const MaxRows = 200_000

// Options say how to read a file.
type Options struct {
	// Map overrides the automatic column mapping: field → header text, ""
	// for "this file has no such column".
	Map map[model.CensusField]string
	// MaxRows is the limit of data rows (MaxRows when 0).
	MaxRows int
	// Progress, when set, is called with the rows read so far.
	Progress func(rows int)
	// headerOnly, when set, receives the header row and stops the reading.
	headerOnly *[]string
	// rows is how many rows the file has, when known: the records are
	// allocated once (growing a slice of 100,000 records by copying costs
	// more than reading them).
	rows int
}

// Census is a file read: its records, its problems, and how its columns
// were understood.
type Census struct {
	File     string
	Header   []string // the header row (of the first sheet)
	Mapping  Mapping
	Ignored  []string // header cells that map to no field
	Records  []model.CensusRecord
	Problems []model.ImportProblem
}

// sheet is a source of rows: a CSV file or a worksheet.
type sheet interface {
	name() string
	next() ([]string, int, error) // io.EOF at the end
	skip() (int, error)           // counts the remaining rows
	close() error
}

// ReadFile reads a census file, CSV or XLSX by its extension. A file that
// cannot be read as a census gives a *FileError saying where and why.
func ReadFile(ctx context.Context, path string, o Options) (*Census, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, model.Errorf(model.ENOTFOUND, "%s cannot be opened: %v", filepath.Base(path), errors.Unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	var c *Census
	if isWorkbook(path) {
		c, err = readXLSX(ctx, f, st.Size(), func() (*excelize.File, error) { return excelize.OpenFile(path, excelOptions) }, o)
	} else {
		o.rows = countLines(f)
		c, err = readCSV(ctx, f, o)
	}
	if c != nil {
		c.File = path
	}
	return c, err
}

// isWorkbook reports whether a file name says XLSX.
func isWorkbook(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xls":
		return true
	}
	return false
}

// ReadCSV reads a CSV census from a reader.
func ReadCSV(ctx context.Context, r io.Reader, o Options) (*Census, error) { return readCSV(ctx, r, o) }

// ReadXLSX reads an XLSX census held in memory.
func ReadXLSX(ctx context.Context, data []byte, o Options) (*Census, error) {
	open := func() (*excelize.File, error) { return excelize.OpenReader(bytes.NewReader(data), excelOptions) }
	return readXLSX(ctx, bytes.NewReader(data), int64(len(data)), open, o)
}

var excelOptions = excelize.Options{UnzipSizeLimit: maxUnzipped}

func readCSV(ctx context.Context, r io.Reader, o Options) (*Census, error) {
	s, err := newCSVSheet(r)
	if err != nil {
		return nil, err
	}
	c := &Census{}
	_, err = c.readSheet(ctx, s, o, 0)
	return c, err
}

func readXLSX(ctx context.Context, ra io.ReaderAt, size int64, open func() (*excelize.File, error), o Options) (*Census, error) {
	o = o.withDefaults()
	wb, err := openWorkbook(ra, size)
	if err != nil {
		return nil, err
	}
	for _, s := range wb.sheets {
		if o.headerOnly != nil {
			break // the header alone is read: length does not matter
		}
		n, err := wb.checkLength(s, o.MaxRows)
		if err != nil {
			return nil, err
		}
		o.rows += n
	}
	if wb.file, err = open(); err != nil {
		return nil, fileProblem(0, "", fmt.Sprintf("this is not an Excel workbook excelize can read: %v", err))
	}
	defer wb.file.Close()
	c := &Census{}
	done := 0
	for _, sp := range wb.sheets {
		s, err := wb.openSheet(sp)
		if err != nil {
			return c, err
		}
		done, err = c.readSheet(ctx, s, o, done)
		s.close()
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

// checkLength refuses a sheet with more rows than the limit before any of
// it is parsed, and returns its row count (0 for a sheet too small to be
// counted).
func (wb *workbook) checkLength(s sheetPart, maxRows int) (int, error) {
	n, err := wb.rowCount(s, maxRows+1)
	if err != nil {
		return 0, err
	}
	if n > maxRows+1 {
		return 0, tooLong(s.name, n, maxRows)
	}
	return n, nil
}

// countLines counts the lines of a file and rewinds it; 0 when it cannot.
func countLines(f *os.File) int {
	buf := make([]byte, 256<<10)
	n := 0
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err != nil {
			break
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0
	}
	return min(n+1, MaxRows+2)
}

// tooLong refuses a sheet of rows rows (the header included).
func tooLong(sheet string, rows, maxRows int) *FileError {
	msg := fmt.Sprintf("the file has %s rows; GroupDesk imports at most %s people at a time. Split the file and import the parts one after the other",
		thousands(rows), thousands(maxRows))
	e := fileProblem(maxRows+2, "", msg)
	e.Problems[0].Sheet = sheet
	return e
}

func (o Options) withDefaults() Options {
	if o.MaxRows <= 0 {
		o.MaxRows = MaxRows
	}
	return o
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ReadHeader reads only the header row of a file (of its first sheet to
// import), for choosing the column mapping.
func ReadHeader(ctx context.Context, path string) ([]string, error) {
	var header []string
	_, err := ReadFile(ctx, path, Options{headerOnly: &header})
	if header != nil {
		return header, nil
	}
	return nil, err
}
