package census

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

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
	// Progress, when set, is called with the rows read so far (the sheets
	// of a workbook are read side by side: it is called from their
	// goroutines, one call at a time).
	Progress func(rows int)
	// headerOnly, when set, receives the header row and stops the reading.
	headerOnly *[]string
	// rows is how many rows the file has, when known: the records are
	// allocated once (growing a slice of 100,000 records by copying costs
	// more than reading them).
	rows int
	// records, when set, is where a sheet's records go (its capacity is
	// the sheet's rows): the sheets of a workbook are read into one list.
	records []model.CensusRecord
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

// remainingRows counts the rows left in a sheet read row by row.
func remainingRows(s interface{ next() ([]string, int, error) }) (int, error) {
	n := 0
	for {
		_, _, err := s.next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
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
	wb.open = open
	defer wb.close()
	wb.readSharedStrings()
	if o.headerOnly != nil {
		return wb.readSheets(ctx, wb.sheets[:1], o)
	}
	return wb.readSheets(ctx, wb.sheets, o)
}

// readSheets reads the sheets side by side, one goroutine each, and joins
// them in workbook order: the same records, problems and errors as reading
// them one after the other. Each sheet's length is checked before any of
// it is parsed; a sheet too long is the first error, then the errors of
// the sheets in order. A sheet that fails stops the sheets after it (the
// ones before it go on, since their errors come first).
func (wb *workbook) readSheets(ctx context.Context, sheets []sheetPart, o Options) (*Census, error) {
	counts := make([]int, len(sheets))
	if o.headerOnly == nil { // the header alone: length does not matter
		long := make([]error, len(sheets))
		var wg sync.WaitGroup
		for i, sp := range sheets {
			wg.Go(func() { counts[i], long[i] = wb.checkLength(sp, o.MaxRows) })
		}
		wg.Wait()
		if err := cmp.Or(long...); err != nil {
			return nil, err
		}
	}
	// The records of all the sheets are allocated at once, each sheet its
	// part, in order.
	offsets, space := make([]int, len(sheets)), 0
	for i, n := range counts {
		offsets[i] = space
		space += max(n-1, 0) // the header is not a record
	}
	var all []model.CensusRecord
	if space > 0 {
		all = make([]model.CensusRecord, space)
	}
	parts := make([]*Census, len(sheets))
	done := make([]int, len(sheets))
	errs := make([]error, len(sheets))
	stops := make([]context.CancelFunc, len(sheets))
	ctxs := make([]context.Context, len(sheets))
	for i := range sheets {
		ctxs[i], stops[i] = context.WithCancel(ctx)
		defer stops[i]()
	}
	prog := &progress{report: o.Progress, done: make([]int, len(sheets))}
	var wg sync.WaitGroup
	for i, sp := range sheets {
		wg.Go(func() {
			oi := o
			if all != nil && counts[i] > 1 {
				oi.records = all[offsets[i] : offsets[i] : offsets[i]+counts[i]-1]
			}
			oi.Progress = nil
			if o.Progress != nil {
				oi.Progress = func(n int) { prog.sheet(i, n) }
			}
			parts[i], done[i], errs[i] = wb.readSheet(ctxs[i], sp, oi)
			if errs[i] != nil {
				for _, stop := range stops[i+1:] {
					stop()
				}
			}
		})
	}
	wg.Wait()
	c := &Census{}
	total := 0
	for i, part := range parts {
		if errs[i] != nil {
			return c, errs[i]
		}
		if total += done[i]; total > o.MaxRows {
			return c, tooLong(sheets[i].name, done[i]+1, o.MaxRows)
		}
		if i == 0 {
			c.Header, c.Mapping = part.Header, part.Mapping
		}
		c.Ignored = appendNew(c.Ignored, part.Ignored)
		c.Problems = append(c.Problems, part.Problems...)
	}
	c.Records = join(parts, all, offsets, total)
	return c, nil
}

// join puts the sheets' records in one list: where they were read, in
// their parts of all (moved up over the rows a sheet left blank), or in a
// new list when a sheet's records outgrew its part.
func join(parts []*Census, all []model.CensusRecord, offsets []int, total int) []model.CensusRecord {
	if len(parts) == 1 {
		return parts[0].Records
	}
	inPlace := all != nil
	for i, part := range parts {
		recs := part.Records
		inPlace = inPlace && (len(recs) == 0 || (offsets[i] < len(all) && &recs[0] == &all[offsets[i]]))
	}
	if inPlace {
		n := 0
		for i, part := range parts {
			if offsets[i] != n {
				copy(all[n:], part.Records)
			}
			n += len(part.Records)
		}
		clear(all[n:]) // what was moved up is not kept twice
		return all[:n:n]
	}
	out := make([]model.CensusRecord, 0, total)
	for _, part := range parts {
		out = append(out, part.Records...)
	}
	return out
}

// fastReader is off in tests that read with excelize alone.
var fastReader = true

// readSheet reads one sheet of the workbook: with the fast reader, or
// with excelize when the sheet holds what the fast reader leaves to it.
func (wb *workbook) readSheet(ctx context.Context, sp sheetPart, o Options) (*Census, int, error) {
	if fastReader {
		if s, err := wb.scanSheet(sp); err == nil {
			c := &Census{}
			n, err := c.readSheet(ctx, s, o, 0)
			s.close()
			if !errors.Is(err, errUnusual) {
				return c, n, err
			}
		}
	}
	c := &Census{}
	s, err := wb.openSheet(sp)
	if err != nil {
		return c, 0, err
	}
	defer s.close()
	n, err := c.readSheet(ctx, s, o, 0)
	return c, n, err
}

// progress adds up the rows the sheets read so far; it reports one call
// at a time.
type progress struct {
	mu     sync.Mutex
	report func(rows int)
	done   []int
}

func (p *progress) sheet(i, rows int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done[i] = rows
	total := 0
	for _, n := range p.done {
		total += n
	}
	p.report(total)
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
