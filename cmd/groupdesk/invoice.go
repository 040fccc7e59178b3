package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/invoice"
)

// invoiceFlags are the options of the invoice exports.
type invoiceFlags struct {
	db, group, period, unit, out string
}

func parseInvoiceFlags(name string, args []string, errOut io.Writer) (invoiceFlags, error) {
	fs := newFlags("export "+name, "--db PATH --group GROUP --period YYYY-MM --out FILE.pdf|FILE.xlsx [--unit UNIT]", errOut)
	var f invoiceFlags
	fs.StringVar(&f.db, "db", "", "the database to read")
	fs.StringVar(&f.group, "group", "", "the group: its number or ID")
	fs.StringVar(&f.period, "period", "", "the month the invoice bills, YYYY-MM")
	fs.StringVar(&f.unit, "unit", "", "the billing unit, for a group billed by unit")
	fs.StringVar(&f.out, "out", "", "the file to write: .pdf or .xlsx")
	if err := parse(fs, args); err != nil {
		return f, err
	}
	if err := requireDB(fs, f.db); err != nil {
		return f, err
	}
	if err := requireOptions(fs, option{"--group GROUP", f.group}, option{"--period YYYY-MM", f.period}, option{"--out FILE", f.out}); err != nil {
		return f, err
	}
	return f, nil
}

// runExportInvoice writes a group's invoice for a month as a PDF statement
// or a workbook of its lines.
func runExportInvoice(ctx context.Context, args []string, out, errOut io.Writer) error {
	f, err := parseInvoiceFlags("invoice", args, errOut)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	g, inv, err := findInvoice(ctx, db, f)
	if err != nil {
		return err
	}
	if err := invoice.WriteFile(f.out, &invoice.Statement{Group: g, Invoice: &inv, Prepared: time.Now()}); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote invoice %s of %s for %s to %s: %d lines, %d retroactive, %s due %s (%s).\n", inv.Number, g.Name,
		inv.Period.Label(), filepath.Base(f.out), len(inv.Lines), len(inv.Retro), inv.AmountDue, inv.DueOn.US(), inv.Status.Label())
	return nil
}

// runExportReconciliation compares a group's invoice for a month with the
// roster and writes the discrepancy report.
func runExportReconciliation(ctx context.Context, args []string, out, errOut io.Writer) error {
	f, err := parseInvoiceFlags("reconciliation", args, errOut)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, f.db)
	if err != nil {
		return err
	}
	defer db.Close()
	_, inv, err := findInvoice(ctx, db, f)
	if err != nil {
		return err
	}
	r, err := db.ReconcileInvoice(ctx, inv.ID)
	if err != nil {
		return err
	}
	if err := invoice.WriteDiscrepancies(f.out, &r); err != nil {
		return err
	}
	fmt.Fprintf(out, "Compared invoice %s with the roster: %d discrepancies (%s) written to %s.\n", inv.Number, len(r.Items),
		model.SignedMoney(r.Net()), filepath.Base(f.out))
	return nil
}

// findInvoice finds the group's invoice for the month (and unit), with
// its lines.
func findInvoice(ctx context.Context, db *sqlite.DB, f invoiceFlags) (model.Group, model.Invoice, error) {
	g, err := findGroup(ctx, db, f.group)
	if err != nil {
		return g, model.Invoice{}, err
	}
	p, err := model.ParsePeriod(f.period)
	if err != nil {
		return g, model.Invoice{}, model.Errorf(model.EINVALID, "--period: %v", err)
	}
	invs, err := db.Invoices(ctx, g.ID, p)
	if err != nil {
		return g, model.Invoice{}, err
	}
	var units []string
	for _, inv := range invs {
		if inv.Period != p {
			continue
		}
		units = append(units, inv.Unit)
		if inv.Unit == f.unit || (f.unit == "" && len(g.BillingUnits) == 0) {
			full, err := db.Invoice(ctx, inv.ID)
			return g, full, err
		}
	}
	if len(units) > 0 {
		return g, model.Invoice{}, model.Errorf(model.EINVALID, "%s is billed by unit: say which with --unit (%s).", g.Name, strings.Join(units, ", "))
	}
	return g, model.Invoice{}, model.Errorf(model.ENOTFOUND, "%s has no invoice for %s in this database.", g.Name, p.Label())
}

// seedDemoBilling plays out the demo's two years of billing on the
// desktop's own database, as the account service would have: invoices,
// payments, one returned, one group in its grace period, and the roster
// changes the carrier learnt late made on the day it did. progress, when
// not nil, is told the days played so far.
func seedDemoBilling(ctx context.Context, db *sqlite.DB, sc *demo.Billing, progress func(done, total int)) error {
	carrier := model.WithPrincipal(ctx, &model.Principal{UserID: "demo-carrier", Name: "Carrier (demo)", System: true})
	if _, err := db.SeedBillingProgress(carrier, sc, progress); err != nil {
		return fmt.Errorf("seeding the demo's invoices: %w", err)
	}
	return nil
}
