package roster

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// Store is what a roster export reads.
type Store interface {
	Group(ctx context.Context, id string) (model.Group, error)
	Plans(ctx context.Context) ([]model.Plan, error)
	model.RosterService
}

// NewSource gathers what an export of a group needs, rated on the start of
// the plan year that contains today.
func NewSource(ctx context.Context, st Store, groupID string, today model.Date) (Source, error) {
	var src Source
	g, err := st.Group(ctx, groupID)
	if err != nil {
		return src, err
	}
	plans, err := st.Plans(ctx)
	if err != nil {
		return src, err
	}
	src = Source{Group: g, Plans: map[string]*model.Plan{}, RatingDate: g.PlanYearStart(today),
		Families: func(ctx context.Context, fn func([]model.Member) error) error { return st.EachFamily(ctx, groupID, fn) }}
	for i := range plans {
		src.Plans[plans[i].ID] = &plans[i]
	}
	src.Subscribers, src.Dependents, err = st.RosterCounts(ctx, groupID)
	return src, err
}

// Format is a roster file's format, from its name.
func Format(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".xlsx", ".csv":
		return ext[1:], nil
	default:
		return "", model.Errorf(model.EINVALID, "A roster is exported as .xlsx or .csv, not %q.", ext)
	}
}

// WriteFile writes the roster to path, XLSX or CSV by its extension. The
// file appears whole or not at all: it is written beside and renamed.
func WriteFile(ctx context.Context, path string, src Source, o Options) (Summary, error) {
	format, err := Format(path)
	if err != nil {
		return Summary{}, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".roster-*.tmp")
	if err != nil {
		return Summary{}, model.Errorf(model.EINVALID, "Cannot write in %s: %v", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	write := WriteXLSX
	if format == "csv" {
		write = WriteCSV
	}
	sum, err := write(ctx, tmp, src, o)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return sum, err
	}
	return sum, os.Rename(tmp.Name(), path)
}
