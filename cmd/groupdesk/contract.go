package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/contract"
)

func runExportContract(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("export contract", "--db PATH --group GROUP [--version V] --out FILE.pdf", errOut)
	dbPath := fs.String("db", "", "the database to read")
	group := fs.String("group", "", "the group: its number or ID")
	version := fs.String("version", "", "the contract version's number (default: the one in force today)")
	outPath := fs.String("out", "", "the PDF file to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if err := requireOptions(fs, option{"--group GROUP", *group}, option{"--out FILE.pdf", *outPath}); err != nil {
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
	k, err := contractVersion(ctx, db, g, *version)
	if err != nil {
		return err
	}
	c := &contract.Contract{Group: g, Contract: &k, Prepared: time.Now()}
	if err := contract.WriteFile(*outPath, c); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote contract version %d of %s (%s, %s) to %s: %d plans.\n", k.Number, g.Name, k.Kind.Label(), k.Period(),
		filepath.Base(*outPath), len(k.Plans))
	return nil
}

// contractVersion is the group's contract version numbered so, or the one
// in force today.
func contractVersion(ctx context.Context, db *sqlite.DB, g model.Group, version string) (model.Contract, error) {
	cs, err := db.Contracts(ctx, g.ID)
	if err != nil {
		return model.Contract{}, err
	}
	if len(cs) == 0 {
		return model.Contract{}, model.Errorf(model.ENOTFOUND, "%s has no contract on this computer yet: sync to fetch the group's contracts.", g.Name)
	}
	if version == "" {
		if k, ok := model.CurrentContract(cs, model.DateOf(db.Now())); ok {
			return k, nil
		}
		return cs[len(cs)-1], nil
	}
	n, err := strconv.Atoi(version)
	if err != nil {
		return model.Contract{}, model.Errorf(model.EINVALID, "--version %q is not a number: give the version's number, 1 to %d.", version, cs[0].Number)
	}
	for _, k := range cs {
		if k.Number == n {
			return k, nil
		}
	}
	return model.Contract{}, model.Errorf(model.ENOTFOUND, "%s has no contract version %d: its versions are numbered 1 to %d.", g.Name, n, cs[0].Number)
}

// seedDemoVault files the demo book's contracts and documents as the
// carrier's, as if pulled from the account service.
func seedDemoVault(ctx context.Context, db *sqlite.DB, o demo.Options, book *model.Book) error {
	carrier := model.WithPrincipal(ctx, &model.Principal{UserID: "demo-carrier", Name: "Carrier (demo)", System: true})
	if err := db.SaveContracts(carrier, demo.Contracts(o, book)); err != nil {
		return fmt.Errorf("filing the demo's contracts: %w", err)
	}
	docs := demo.Documents(o, book)
	ds, fs := make([]model.Document, len(docs)), make([]model.NewFile, len(docs))
	for i := range docs {
		ds[i], fs[i] = docs[i].Doc, docs[i].File
	}
	if err := db.SeedDocuments(carrier, ds, fs); err != nil {
		return fmt.Errorf("filing the demo's documents: %w", err)
	}
	return nil
}
