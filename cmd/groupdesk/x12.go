package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/x12"
)

// runExport834 writes a group's 834: the full file of its enrollment, or
// the changes since a day.
func runExport834(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("export 834", "--db PATH --group GROUP [--since YYYY-MM-DD] --out FILE [--carrier NAME] [--carrier-id ID] [--unmasked] [--test]", errOut)
	dbPath := fs.String("db", "", "the database to read")
	group := fs.String("group", "", "the group: its number or ID")
	since := fs.String("since", "", "write the changes recorded from this day on (BGN08 2) instead of the full file (BGN08 4)")
	outPath := fs.String("out", "", "the file to write")
	carrier := fs.String("carrier", "", "the carrier's name (N1*IN)")
	carrierID := fs.String("carrier-id", "", "the carrier's FEIN or the ID it gave the group (ISA08, N1*IN)")
	unmasked := fs.Bool("unmasked", false, "identify members by their SSNs (needs the members.edit permission); otherwise by GroupDesk's member ID")
	test := fs.Bool("test", false, "mark the file as test data (ISA15 T)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if err := requireOptions(fs, option{"--group GROUP", *group}, option{"--out FILE", *outPath}); err != nil {
		return err
	}
	o := x12.Options834{Carrier: x12.Carrier{Name: *carrier, ID: *carrierID}, Unmasked: *unmasked, Test: *test, Now: time.Now()}
	if *since != "" {
		d, err := model.ParseDate(*since)
		if err != nil {
			fmt.Fprintf(errOut, "--since %q is not a date (YYYY-MM-DD)\n", *since)
			return errUsage
		}
		o.Since = d
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
	o.On = model.DateOf(db.Now())
	var sum x12.Summary834
	err = atomicfile.Write(*outPath, func(w io.Writer) error {
		var err error
		sum, err = x12.Export834(ctx, db, g.ID, w, o)
		return err
	})
	if err != nil {
		return err
	}
	ids := "members identified by GroupDesk's member ID, SSNs left out"
	if *unmasked {
		ids = "members identified by SSN: keep the file safe"
	}
	if o.Since.IsZero() {
		fmt.Fprintf(out, "Wrote the full 834 of %s (%s) to %s: %d subscribers and %d dependents enrolled on %s; control number %09d; %s.\n",
			g.Name, g.Number, filepath.Base(*outPath), sum.Subscribers, sum.Dependents, o.On.US(), sum.Control, ids)
		return nil
	}
	fmt.Fprintf(out, "Wrote the 834 of the changes to %s (%s) since %s to %s: %d additions, %d changes, %d terminations, %d reinstatements; control number %09d; %s.\n",
		g.Name, g.Number, o.Since.US(), filepath.Base(*outPath), sum.Adds, sum.Changes, sum.Terms, sum.Reinstatements, sum.Control, ids)
	return nil
}

// runExport820 writes the 820 of a payment.
func runExport820(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("export 820", "--db PATH --payment ID --out FILE [--detail member|summary] [--carrier NAME] [--carrier-id ID] [--test]", errOut)
	dbPath := fs.String("db", "", "the database to read")
	payment := fs.String("payment", "", "the payment: its ID or confirmation number")
	outPath := fs.String("out", "", "the file to write")
	detail := fs.String("detail", "", "member: one remittance per subscriber; summary: the invoice and its member count (default: per member when the payment pays its invoice whole)")
	carrier := fs.String("carrier", "", "the carrier's name (N1*PE)")
	carrierID := fs.String("carrier-id", "", "the carrier's FEIN or the ID it gave the group")
	test := fs.Bool("test", false, "mark the file as test data (ISA15 T)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if err := requireOptions(fs, option{"--payment ID", *payment}, option{"--out FILE", *outPath}); err != nil {
		return err
	}
	d := x12.Detail(*detail)
	if d != x12.DetailAuto && d != x12.DetailMember && d != x12.DetailSummary {
		fmt.Fprintf(errOut, "--detail is member or summary, not %q\n", *detail)
		return errUsage
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	var sum x12.Summary820
	err = atomicfile.Write(*outPath, func(w io.Writer) error {
		var err error
		sum, err = x12.Export820(ctx, db, *payment, w, x12.Options820{Detail: d, Carrier: x12.Carrier{Name: *carrier, ID: *carrierID}, Test: *test, Now: time.Now()})
		return err
	})
	if err != nil {
		return err
	}
	how := "the summary"
	if sum.Detail == x12.DetailMember {
		how = fmt.Sprintf("a remittance for each of %d subscribers", sum.Members)
	}
	fmt.Fprintf(out, "Wrote the 820 of payment %s (%s on invoice %s) to %s with %s; control number %09d.\n",
		*payment, sum.Amount, sum.Invoice, filepath.Base(*outPath), how, sum.Control)
	return nil
}

// runImport834 compares a carrier's full 834 with a group's roster and
// prints the discrepancies; it changes nothing.
func runImport834(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("import 834", "FILE --db PATH --group GROUP --compare [--on YYYY-MM-DD]\n\n"+
		"Compares the carrier's full 834 (BGN08 4) with the group's roster and prints the discrepancies:\n"+
		"people missing on either side, coverage, plan, tier, dates and personal details that differ.\n"+
		"It changes nothing. Exit status: 0 when the file matches the roster, 1 when discrepancies are\n"+
		"found or the file cannot be read (the error names the segment), 2 for a usage error.", errOut)
	dbPath := fs.String("db", "", "the database to compare with")
	group := fs.String("group", "", "the group: its number or ID")
	compare := fs.Bool("compare", false, "compare the file with the roster (required: the file is not applied)")
	onFlag := fs.String("on", "", "the day to compare on (default: the file's effective date, DTP*007)")
	file, err := parseWithFile(fs, args, true)
	if err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if *group == "" {
		fmt.Fprintln(errOut, "--group GROUP is required")
		return errUsage
	}
	if !*compare {
		fmt.Fprintln(errOut, "groupdesk import 834 compares the carrier's file with the roster and changes nothing: add --compare")
		return errUsage
	}
	var on model.Date
	if *onFlag != "" {
		if on, err = model.ParseDate(*onFlag); err != nil {
			fmt.Fprintf(errOut, "--on %q is not a date (YYYY-MM-DD)\n", *onFlag)
			return errUsage
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "Cannot read %s: %v", file, err)
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
	r, err := x12.Compare834(ctx, db, g.ID, data, filepath.Base(file), on)
	if err != nil {
		return err
	}
	printEnrollmentReport(out, &r)
	if !r.Clean() {
		return model.Errorf(model.EINVALID, "%d discrepancies between the carrier's enrollment and the roster of group %s.", len(r.Items), g.Number)
	}
	return nil
}

func printEnrollmentReport(out io.Writer, r *model.DiscrepancyReport) {
	fmt.Fprintf(out, "%s: %s compared with the roster of %s (%s).\n", r.Title, r.Source, r.GroupName, r.GroupNumber)
	if r.Clean() {
		fmt.Fprintf(out, "No discrepancy: the carrier's %d members match the roster.\n", r.Compared)
		return
	}
	fmt.Fprintf(out, "%d discrepancies:\n", len(r.Items))
	for _, k := range model.DiscrepancyKinds {
		n := r.Count(k)
		if n == 0 {
			continue
		}
		fmt.Fprintf(out, "\n%s (%d)\n", k.Label(), n)
		for _, d := range r.Items {
			if d.Kind == k {
				fmt.Fprintf(out, "  %-10s %s\n             roster: %s\n             carrier: %s\n", d.EmployeeID, d.Detail, d.Expected, d.Found)
			}
		}
	}
}
