package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/nacha"
)

// carrierBank is who the reference service draws premiums through: its
// bank (the ODFI) and the carrier's company identification, the "1" and
// FEIN of DOMAIN.md's 820 sample.
var carrierBank = nacha.Originator{Destination: "026009593", DestinationName: "GroupDesk Reference Bank", Origin: "1946543210",
	OriginName: "Example Health Plan", CompanyName: "Example Health", CompanyID: "1946543210", Description: "PREMIUM"}

// runInvoices is the daily billing job (from cron, say): it draws the
// payments due and the automatic payments of the invoices due, issues the
// invoices whose day has come, moves every invoice on (past due, the
// grace notice, cancellation for non-payment) and writes the day's debits
// as a NACHA file. --today replaces the clock; a second run on a day does
// nothing more (the payments drawn are not drawn again).
func runInvoices(ctx context.Context, args []string, out, errOut io.Writer) error {
	return runBillingJob(ctx, "invoices", args, out, errOut)
}

// runPayments is the job without issuing invoices: payments, statuses and
// the day's NACHA file.
func runPayments(ctx context.Context, args []string, out, errOut io.Writer) error {
	return runBillingJob(ctx, "payments", args, out, errOut)
}

func runBillingJob(ctx context.Context, name string, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("accountd "+name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database: SQLite file or postgres:// URL")
	on := fs.String("today", "", "the day to run for, YYYY-MM-DD (default: today)")
	achDir := fs.String("ach-dir", "", "the folder for the day's NACHA file (default: beside the database)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *dbPath == "" {
		fmt.Fprintf(errOut, "accountd %s: --db PATH is required\n", name)
		return errUsage
	}
	today, err := dayFlag(*on)
	if err != nil {
		return err
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := openServerDB(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.RunBilling(sys, today, &sqlite.BillingOptions{PaymentsOnly: name == "payments"})
	printBillingReport(out, today, rep)
	if err != nil {
		return err
	}
	if *achDir == "" {
		*achDir = filepath.Dir(*dbPath)
	}
	return writeACH(out, *achDir, today, rep.Drawn)
}

// dayFlag reads --today, or gives today's date.
func dayFlag(s string) (model.Date, error) {
	if s == "" {
		return model.DateOf(time.Now()), nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return d, model.Errorf(model.EINVALID, "--today: %v", err)
	}
	return d, nil
}

// writeACH writes the day's debits as ach-YYYYMMDD.txt; a day without
// debits writes nothing.
func writeACH(out io.Writer, dir string, day model.Date, drawn []model.Payment) error {
	if len(drawn) == 0 {
		fmt.Fprintln(out, "No debits today: no NACHA file.")
		return nil
	}
	entries := make([]nacha.Entry, len(drawn))
	var total model.Money
	for i, p := range drawn {
		entries[i] = nacha.Entry{Routing: p.Bank.Routing, Account: p.Bank.Account, Type: p.Bank.Type, Amount: p.Amount, ID: p.Confirmation, Name: p.Bank.Holder}
		total += p.Amount
	}
	path := filepath.Join(dir, "ach-"+day.Time().Format("20060102")+".txt")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("writing the NACHA file: %w", err)
	}
	created := day.Time().Add(6 * time.Hour) // the same file for the same day
	if err := nacha.Write(f, carrierBank, created, day, entries); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote %s: %d debits, %s.\n", path, len(entries), total)
	return nil
}

func printBillingReport(out io.Writer, today model.Date, rep sqlite.BillingReport) {
	fmt.Fprintf(out, "Billing job for %s:\n", today)
	drawn := make([]string, len(rep.Drawn))
	for i, p := range rep.Drawn {
		drawn[i] = fmt.Sprintf("%s from %s, confirmation %s", p.Amount, p.Bank.Masked().Describe(), p.Confirmation)
	}
	for _, part := range []struct {
		title string
		lines []string
	}{
		{"Invoices issued", rep.Issued}, {"Automatic payments", rep.Autopay}, {"Payments drawn", drawn},
		{"Invoices moved on", rep.Moved}, {"Problems", rep.Problems},
	} {
		if len(part.lines) == 0 {
			continue
		}
		fmt.Fprintf(out, "%s (%d):\n", part.title, len(part.lines))
		for _, l := range part.lines {
			fmt.Fprintln(out, "  "+l)
		}
	}
}
