package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/census"
)

// importFlags are the options of `groupdesk import`.
type importFlags struct {
	db, group, errorsTo, defaultPlan, termDate string
	dryRun, skipBad, undo                      bool
	maps                                       mapFlag
}

// mapFlag collects --map field=Header options.
type mapFlag map[model.CensusField]string

func (m mapFlag) String() string { return "" }

func (m mapFlag) Set(v string) error {
	field, header, ok := strings.Cut(v, "=")
	f, known := model.ParseCensusField(strings.TrimSpace(field))
	if !ok || !known {
		return fmt.Errorf("--map takes field=Header with a census field (employee_id, date_of_birth, …), not %q", v)
	}
	m[f] = strings.TrimSpace(header)
	return nil
}

func runImport(ctx context.Context, args []string, out, errOut io.Writer) error {
	if len(args) > 0 && args[0] == "834" {
		return runImport834(ctx, args[1:], out, errOut)
	}
	fs := newFlags("import", "FILE --db PATH --group GROUP [--dry-run] [--skip-bad-rows] [--map field=Header]… | --undo --db PATH --group GROUP", errOut)
	f := importFlags{maps: mapFlag{}}
	fs.StringVar(&f.db, "db", "", "the database to import into")
	fs.StringVar(&f.group, "group", "", "the group: its number or ID")
	fs.BoolVar(&f.dryRun, "dry-run", false, "show what the import would do, and change nothing")
	fs.BoolVar(&f.skipBad, "skip-bad-rows", false, "leave out the families whose rows have errors, and import the rest")
	fs.BoolVar(&f.undo, "undo", false, "undo the group's last import instead")
	fs.StringVar(&f.errorsTo, "errors", "", "write the problems found to this CSV file")
	fs.StringVar(&f.defaultPlan, "default-plan", "", "the plan of new employees when the file has no plan column")
	fs.StringVar(&f.termDate, "term-date", "", "last day of coverage of people missing from the file (default: end of this month)")
	fs.Var(f.maps, "map", "read a field from a column the automatic mapping missed: field=Header (repeatable)")
	file, err := parseWithFile(fs, args, !hasFlag(args, "undo"))
	if err != nil {
		return err
	}
	if err := requireDB(fs, f.db); err != nil {
		return err
	}
	if f.group == "" {
		fmt.Fprintln(errOut, "--group GROUP is required")
		return errUsage
	}
	db, err := openExisting(ctx, f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	g, err := findGroup(ctx, db, f.group)
	if err != nil {
		return err
	}
	if f.undo {
		return undoImport(ctx, db, g, out)
	}
	return importFile(ctx, db, g, file, f, out)
}

// parseWithFile parses flags that may come before or after the FILE
// argument; wantFile says whether FILE is required.
func parseWithFile(fs *flag.FlagSet, args []string, wantFile bool) (string, error) {
	file := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", err
		}
		return "", errUsage
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return "", errUsage
		}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		return "", errUsage
	}
	if wantFile && file == "" {
		fmt.Fprintln(fs.Output(), "the census file to import is required")
		fs.Usage()
		return "", errUsage
	}
	return file, nil
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "-"+name || a == "--"+name || strings.HasPrefix(a, "--"+name+"=") || strings.HasPrefix(a, "-"+name+"=") {
			return true
		}
	}
	return false
}

// findGroup finds a group by its number or ID.
func findGroup(ctx context.Context, db *sqlite.DB, key string) (model.Group, error) {
	groups, err := db.Groups(ctx, "")
	if err != nil {
		return model.Group{}, err
	}
	for _, g := range groups {
		if g.ID == key || strings.EqualFold(g.Number, key) {
			return g.Group, nil
		}
	}
	return model.Group{}, model.Errorf(model.ENOTFOUND, "There is no group %q in this database (give its number or ID; `groupdesk groups` lists them).", key)
}

// importFile reads the file, prints the preview and the problems, and
// applies the import unless it is a dry run or an error remains.
func importFile(ctx context.Context, db *sqlite.DB, g model.Group, file string, f importFlags, out io.Writer) error {
	c, err := census.ReadFile(ctx, file, census.Options{Map: f.maps})
	if err != nil {
		var fe *census.FileError
		if errors.As(err, &fe) {
			writeProblemsFile(f.errorsTo, fe.Problems)
			return fmt.Errorf("%s cannot be imported:\n%s", file, indent(fe.Error()))
		}
		return err
	}
	plan, err := planFor(ctx, db, g, c, f)
	if err != nil {
		return err
	}
	printPlan(out, g, c, plan)
	if err := writeProblemsFile(f.errorsTo, plan.Problems); err != nil {
		return err
	}
	switch {
	case plan.Blocked():
		return model.Errorf(model.EINVALID, "Nothing was imported: the file has %d errors. Fix them, or run again with --skip-bad-rows to leave those families out.", plan.Errors())
	case f.dryRun:
		fmt.Fprintln(out, "\nDry run: nothing was imported.")
		return nil
	case plan.Empty():
		fmt.Fprintln(out, "\nThe file changes nothing: nothing to import.")
		return nil
	}
	b, err := db.ApplyImport(ctx, plan)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nImported %s: %d added, %d changed, %d terminated. To undo: groupdesk import --undo --db %s --group %s\n",
		b.File, b.Adds, b.Changes, b.Terms, f.db, g.Number)
	return nil
}

// planFor compares the census with the group's roster.
func planFor(ctx context.Context, db *sqlite.DB, g model.Group, c *census.Census, f importFlags) (*model.ImportPlan, error) {
	roster, err := db.ImportRoster(ctx, g.ID)
	if err != nil {
		return nil, err
	}
	plans, err := db.Plans(ctx)
	if err != nil {
		return nil, err
	}
	rules, err := db.Rules(ctx)
	if err != nil {
		return nil, err
	}
	term, err := model.ParseDate(f.termDate)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "--term-date: %v", err)
	}
	today := model.DateOf(time.Now())
	return model.PlanImport(roster, c.Records, c.Problems, model.ImportOptions{GroupID: g.ID, File: c.File, Today: today, Plans: plans,
		DefaultPlan: f.defaultPlan, TermDate: term, Retro: rules.RetroFor("", g.Address.State), ExcludeBad: f.skipBad, NewID: sqlite.NewID}), nil
}

func writeProblemsFile(path string, probs []model.ImportProblem) error {
	if path == "" {
		return nil
	}
	w, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing the problems: %w", err)
	}
	if err := census.WriteProblems(w, probs); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func undoImport(ctx context.Context, db *sqlite.DB, g model.Group, out io.Writer) error {
	b, err := db.UndoImport(ctx, g.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Undid the import of %s (%s): %d removed, %d restored.\n", b.File, b.AppliedAt.Local().Format("Jan 2, 2006 3:04 PM"),
		b.Adds, b.Changes+b.Terms)
	return nil
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }
