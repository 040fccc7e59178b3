package census

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// errHeaderOnly stops a read once the header is taken.
var errHeaderOnly = errors.New("header read")

// progressEvery is how often, in rows, Progress is called.
const progressEvery = 1000

// readSheet reads a header row and the rows below it. done counts the
// rows read from earlier sheets, for the limit and the progress.
func (c *Census) readSheet(ctx context.Context, s sheet, o Options, done int) (int, error) {
	o = o.withDefaults()
	p, err := c.readHeader(s, o)
	if err != nil {
		return done, err
	}
	start := done
	switch {
	case o.records != nil:
		c.Records = o.records[:0]
	case c.Records == nil && o.rows > 0:
		c.Records = make([]model.CensusRecord, 0, o.rows)
	}
	for {
		cells, row, err := s.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return done, inSheet(err, s.name())
		}
		if blank(cells) {
			continue
		}
		if done++; done > o.MaxRows {
			rest, err := s.skip()
			if errors.Is(err, errUnusual) {
				return done, err
			}
			return done, tooLong(s.name(), done-start+rest+1, o.MaxRows)
		}
		c.Records = append(c.Records, p.parse(cells, row))
		if done%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return done, err
			}
			if o.Progress != nil {
				o.Progress(done)
			}
		}
	}
	if done == start {
		return done, inSheet(fileProblem(2, "", "there is a header row but no people below it"), s.name())
	}
	return done, nil
}

// readHeader reads the first row and maps its columns.
func (c *Census) readHeader(s sheet, o Options) (*rowParser, error) {
	header, _, err := s.next()
	if errors.Is(err, io.EOF) {
		return nil, inSheet(fileProblem(1, "", "the file is empty: the first row must name the columns (employee_id, relationship, first_name, …)"), s.name())
	}
	if err != nil {
		return nil, inSheet(err, s.name())
	}
	header = append([]string(nil), header...) // the reader reuses its rows
	if o.headerOnly != nil {
		*o.headerOnly = header
		return nil, errHeaderOnly
	}
	if len(header) > 256 {
		return nil, inSheet(fileProblem(1, "", fmt.Sprintf("the first row has %d columns; a census has a few dozen at most", len(header))), s.name())
	}
	m, ignored, probs := AutoMap(header, o.Map)
	probs = append(probs, m.missing()...)
	if len(probs) > 0 {
		return nil, inSheet(&FileError{Problems: headerProblems(header, probs)}, s.name())
	}
	if c.Header == nil {
		c.Header, c.Mapping = header, m
	}
	c.Ignored = appendNew(c.Ignored, ignored)
	return newRowParser(s.name(), m, &c.Problems), nil
}

// headerProblems explains a header the mapping failed on; a row with no
// census column at all is not a header.
func headerProblems(header []string, probs []model.ImportProblem) []model.ImportProblem {
	recognised := 0
	for _, h := range header {
		if f, ok := byName[normalize(h)]; ok && required(f) {
			recognised++
		}
	}
	if recognised > 0 {
		return probs
	}
	shown := strings.Join(header[:min(len(header), 4)], ", ")
	return []model.ImportProblem{{Row: 1, Message: fmt.Sprintf(
		"the first row (%s) names no census column: it must be a header row naming the columns employee_id, relationship, first_name, last_name, date_of_birth, gender, zip and tobacco",
		shown)}}
}

// inSheet puts the sheet's name on a FileError's problems.
func inSheet(err error, name string) error {
	var fe *FileError
	if name == "" || !errors.As(err, &fe) {
		return err
	}
	for i := range fe.Problems {
		fe.Problems[i].Sheet = name
	}
	return fe
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func appendNew(list, more []string) []string {
	for _, m := range more {
		found := false
		for _, l := range list {
			found = found || l == m
		}
		if !found {
			list = append(list, m)
		}
	}
	return list
}

func required(f model.CensusField) bool {
	for _, r := range model.RequiredCensusFields {
		if r == f {
			return true
		}
	}
	return false
}
