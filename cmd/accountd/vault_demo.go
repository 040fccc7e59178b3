package main

import (
	"context"
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// seedVault files the demo book's contract versions and documents; they
// go to the change feed for whoever holds documents.view.
func seedVault(ctx context.Context, db *sqlite.DB, o demo.Options, book *model.Book, out io.Writer) error {
	contracts := demo.Contracts(o, book)
	if err := db.SaveContracts(ctx, contracts); err != nil {
		return fmt.Errorf("filing the demo's contracts: %w", err)
	}
	docs := demo.Documents(o, book)
	ds, fs := make([]model.Document, len(docs)), make([]model.NewFile, len(docs))
	for i := range docs {
		ds[i], fs[i] = docs[i].Doc, docs[i].File
	}
	if err := db.SeedDocuments(ctx, ds, fs); err != nil {
		return fmt.Errorf("filing the demo's documents: %w", err)
	}
	fmt.Fprintf(out, "Filed %d contract versions and %d documents in the groups' vaults.\n", len(contracts), len(docs))
	return nil
}
