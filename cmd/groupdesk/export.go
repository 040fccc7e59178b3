package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/roster"
)

func runExport(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("export", "roster --db PATH --group GROUP --out FILE.xlsx|FILE.csv [--unmasked]", errOut)
	dbPath := fs.String("db", "", "the database to read")
	group := fs.String("group", "", "the group: its number or ID")
	outPath := fs.String("out", "", "the file to write: .xlsx (Subscribers, Dependents, Summary) or .csv")
	unmasked := fs.Bool("unmasked", false, "write SSNs in full (needs the members.edit permission)")
	if len(args) > 0 && args[0] == "renewal" {
		return runExportRenewal(ctx, args[1:], out, errOut)
	}
	if len(args) > 0 && args[0] == "invoice" {
		return runExportInvoice(ctx, args[1:], out, errOut)
	}
	if len(args) > 0 && args[0] == "reconciliation" {
		return runExportReconciliation(ctx, args[1:], out, errOut)
	}
	if len(args) > 0 && args[0] == "contract" {
		return runExportContract(ctx, args[1:], out, errOut)
	}
	if len(args) > 0 && args[0] == "834" {
		return runExport834(ctx, args[1:], out, errOut)
	}
	if len(args) > 0 && args[0] == "820" {
		return runExport820(ctx, args[1:], out, errOut)
	}
	if len(args) == 0 || args[0] != "roster" {
		fmt.Fprintln(errOut, "groupdesk export: say what to export: groupdesk export roster …, renewal …, invoice …, reconciliation …, contract …, 834 … or 820 …")
		fs.Usage()
		return errUsage
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if err := requireOptions(fs, option{"--group GROUP", *group}, option{"--out FILE", *outPath}); err != nil {
		return err
	}
	if _, err := roster.Format(*outPath); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	g, err := findGroup(ctx, db, *group)
	if err != nil {
		return err
	}
	if *unmasked {
		if err := model.PrincipalFrom(ctx).Check(g.ID, model.PermMembersEdit); err != nil {
			return err
		}
	}
	src, err := roster.NewSource(ctx, db, g.ID, model.DateOf(time.Now()))
	if err != nil {
		return err
	}
	sum, err := roster.WriteFile(ctx, *outPath, src, roster.Options{Unmasked: *unmasked, Now: time.Now()})
	if err != nil {
		return err
	}
	ssns := "SSNs masked"
	if *unmasked {
		ssns = "SSNs in full: keep the file safe"
	}
	fmt.Fprintf(out, "Wrote %d people of %s (%d subscribers, %d dependents) to %s; %s.\n",
		sum.People, g.Name, src.Subscribers, src.Dependents, filepath.Base(*outPath), ssns)
	return nil
}
