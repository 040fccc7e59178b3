package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// runRenewals is the renewal job, run once a day (from cron, say): it makes
// the offers whose window opened, auto-renews what nothing was submitted
// for by the cutoff and starts the new plan year of renewals whose date
// came. --today replaces the clock, to catch up on a missed day or try a
// date out; a second run on a day does nothing more.
func runRenewals(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("accountd renewals", flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database: SQLite file or postgres:// URL")
	on := fs.String("today", "", "the day to run for, YYYY-MM-DD (default: today)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *dbPath == "" {
		fmt.Fprintln(errOut, "accountd renewals: --db PATH is required")
		return errUsage
	}
	today := model.DateOf(time.Now())
	if *on != "" {
		d, err := model.ParseDate(*on)
		if err != nil {
			return model.Errorf(model.EINVALID, "--today: %v", err)
		}
		today = d
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := openServerDB(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.RunRenewals(sys, today)
	printRenewalReport(out, today, rep)
	return err
}

func printRenewalReport(out io.Writer, today model.Date, rep sqlite.RenewalReport) {
	fmt.Fprintf(out, "Renewal job for %s:\n", today)
	for _, part := range []struct {
		title string
		lines []string
	}{
		{"Offers made", rep.Offered}, {"Auto-renewed (nothing submitted by the cutoff)", rep.AutoRenewed},
		{"New plan year started", rep.MadeEffective}, {"Waiting for a decision past the renewal date", rep.Waiting},
		{"No offer could be made", rep.Problems},
	} {
		if len(part.lines) == 0 {
			continue
		}
		fmt.Fprintf(out, "%s (%d):\n", part.title, len(part.lines))
		for _, l := range part.lines {
			fmt.Fprintln(out, "  "+l)
		}
	}
	if len(rep.Offered)+len(rep.AutoRenewed)+len(rep.MadeEffective)+len(rep.Waiting)+len(rep.Problems) == 0 {
		fmt.Fprintln(out, "Nothing to do.")
	}
}

// runRenewal is the carrier's admin command that decides on a submitted
// renewal: in review, needs information (with a note), accepted.
func runRenewal(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("accountd renewal", flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database: SQLite file or postgres:// URL")
	id := fs.String("id", "", "the renewal's ID")
	status := fs.String("status", "", "in_review, needs_information or accepted")
	note := fs.String("note", "", "a note for the group (required for needs_information)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *dbPath == "" || *id == "" || *status == "" {
		fmt.Fprintln(errOut, "accountd renewal: --db PATH, --id ID and --status STATE are required")
		return errUsage
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := openServerDB(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.MoveRenewal(sys, *id, model.RenewalStatus(*status), *note)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "The renewal of %s is now %s.\n", r.Effective, r.Status.Label())
	return nil
}

// seedRenewals files the demo's renewal rate table and runs the renewal
// job for every day of the longest window up to today, as if it had run
// daily: the groups whose window is open have their offer, made the day
// it opened.
func seedRenewals(ctx context.Context, db *sqlite.DB, o demo.Options, out io.Writer) error {
	if err := db.SaveRenewalRates(ctx, demo.RenewalRates(o)); err != nil {
		return fmt.Errorf("filing the demo's renewal rates: %w", err)
	}
	lead, err := db.LongestLead(ctx)
	if err != nil {
		return err
	}
	rep, err := db.CatchUpRenewals(ctx, o.Today.AddDays(-lead), o.Today)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%d renewal offers are open; run `accountd renewals --db PATH` daily to move renewals on.\n", len(rep.Offered)-len(rep.AutoRenewed))
	return nil
}
