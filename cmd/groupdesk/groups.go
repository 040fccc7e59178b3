package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// groupRow is one line of `groupdesk groups`.
type groupRow struct {
	Number      string `json:"number"`
	Name        string `json:"name"`
	Segment     string `json:"segment"`
	Subscribers int    `json:"subscribers"`
	Dependents  int    `json:"dependents"`
}

func runGroups(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("groups", "--db PATH [--format table|json]", errOut)
	dbPath := fs.String("db", "", "the database to read")
	format := fs.String("format", "table", "output format: table or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(errOut, "--format must be table or json, not %q\n", *format)
		return errUsage
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	groups, err := db.Groups(ctx, "")
	if err != nil {
		return err
	}
	rows := make([]groupRow, 0, len(groups))
	for _, g := range groups {
		rows = append(rows, groupRow{g.Number, g.Name, string(g.Segment), g.Subscribers, g.Dependents})
	}
	if *format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NUMBER\tNAME\tSEGMENT\tSUBSCRIBERS\tDEPENDENTS")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\n", r.Number, r.Name, r.Segment, r.Subscribers, r.Dependents)
	}
	return tw.Flush()
}

// openExisting opens a database that must already exist: a batch command
// reading a mistyped path should say so, not create an empty database.
func openExisting(ctx context.Context, path string) (*sqlite.DB, error) {
	if !fileExists(path) {
		return nil, model.Errorf(model.ENOTFOUND, "%s does not exist", path)
	}
	return sqlite.Open(ctx, path)
}
