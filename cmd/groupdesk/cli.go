package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/groupdesk/groupdesk"
	"github.com/groupdesk/groupdesk/model"
)

// Version is the app's version, from FyneApp.toml.
var Version = groupdesk.Version()

// command is one subcommand of groupdesk.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, out, errOut io.Writer) error
}

func commands() []command {
	return []command{
		{"audit", "check that the audit log's hash chain is intact (audit verify)", runAudit},
		{"demo", "write a deterministic demo book of business into a database", runDemo},
		{"export", "export a group's roster to Excel or CSV (export roster), its renewal (export renewal), an invoice (export invoice) or its reconciliation (export reconciliation) to PDF or Excel, or a contract version to PDF (export contract); a group's X12 834 enrollment file (export 834) or a payment's 820 (export 820)", runExport},
		{"groups", "list the groups in a database", runGroups},
		{"import", "import a census or roster file into a group, with a preview; compare a carrier's 834 with the roster (import 834 FILE --compare: exit status 1 when they differ)", runImport},
		{"plans", "import a plans file (plans, rating areas, age curves) into a database (plans import)", runPlans},
		{"quote", "quote a census across plans, as JSON or CSV", runQuote},
		{"sync", "sync a database with the account service once, signing in if needed", runSync},
		{"version", "print the version", func(_ context.Context, _ []string, out, _ io.Writer) error {
			fmt.Fprintln(out, "GroupDesk", Version)
			return nil
		}},
	}
}

// errUsage marks an error in the command line itself (exit status 2).
var errUsage = errors.New("usage")

// run is main without the process: it parses args, runs the subcommand or
// the GUI, and returns the exit status.
func run(args []string, out, errOut io.Writer) int {
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		for _, c := range commands() {
			if c.name == args[0] {
				return exitStatus(c.run(ctx, args[1:], out, errOut), errOut)
			}
		}
		fmt.Fprintf(errOut, "groupdesk: unknown command %q\n\n", args[0])
		usage(errOut)
		return 2
	}
	fs := flag.NewFlagSet("groupdesk", flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the database to open (default: "+defaultDBPath()+")")
	screen := fs.String("screen", "", "the screen to open on: home, members, calendar, settings…")
	themeName := fs.String("theme", "", "light or dark for this run (default: the Settings choice)")
	fs.Usage = func() {} // --help prints the usage once, to stdout, below
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(out)
			return 0
		}
		usage(errOut)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(errOut, "groupdesk: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *themeName != "" && *themeName != "light" && *themeName != "dark" {
		fmt.Fprintf(errOut, "groupdesk: --theme is light or dark, not %q\n", *themeName)
		return 2
	}
	return exitStatus(runGUI(ctx, guiOptions{db: *dbPath, screen: *screen, theme: *themeName}), errOut)
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `GroupDesk %s — run an employer's group health plan account from the desktop.

Usage:
  groupdesk [--db PATH] [--screen NAME] [--theme light|dark]   open the app (default database: %s)
  groupdesk COMMAND [options]      run a command and exit

Commands:
`, Version, defaultDBPath())
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'groupdesk COMMAND --help' for a command's options.\n")
}

// exitStatus prints an error for a person and returns the exit status:
// 0 on success, 2 for a usage error, 1 otherwise.
func exitStatus(err error, errOut io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(errOut, "groupdesk:", describe(err))
	return 1
}

// describe gives the person's message of a domain error, and the whole
// chain of anything else.
func describe(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		if len(e.Details) > 0 {
			lines := []string{}
			for _, d := range e.Details {
				lines = append(lines, "  "+d.Error())
			}
			return e.Message + "\n" + strings.Join(lines, "\n")
		}
		return e.Error()
	}
	return err.Error()
}

// newFlags returns a flag set for a subcommand that prints its usage to
// errOut and reports bad flags as usage errors.
func newFlags(name, synopsis string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("groupdesk "+name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(errOut, "Usage: groupdesk %s %s\n\nOptions:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses a subcommand's flags; a bad flag is a usage error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	return nil
}

// option is a command-line option as a person writes it ("--out FILE")
// with the value given.
type option struct{ name, value string }

// requireOptions checks that every option was given, and otherwise says
// which ones the command needs.
func requireOptions(fs *flag.FlagSet, opts ...option) error {
	names := make([]string, len(opts))
	missing := false
	for i, o := range opts {
		names[i] = o.name
		missing = missing || o.value == ""
	}
	if !missing {
		return nil
	}
	last := len(names) - 1
	if last == 0 {
		fmt.Fprintln(fs.Output(), names[0], "is required")
		return errUsage
	}
	fmt.Fprintln(fs.Output(), strings.Join(names[:last], ", ")+" and "+names[last], "are required")
	return errUsage
}

// requireDB checks that --db was given.
func requireDB(fs *flag.FlagSet, path string) error {
	err := requireOptions(fs, option{"--db PATH", path})
	if err != nil {
		fs.Usage()
	}
	return err
}
