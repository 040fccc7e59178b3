package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// runApplication is the carrier's admin command that moves an enrollment
// application through its states; approving one creates its group.
func runApplication(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("accountd application", flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database: SQLite file or postgres:// URL")
	id := fs.String("id", "", "the application's ID")
	status := fs.String("status", "", "in_review, needs_information, approved or active")
	note := fs.String("note", "", "a note for the applicant (required for needs_information)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *dbPath == "" || *id == "" || *status == "" {
		fmt.Fprintln(errOut, "accountd application: --db PATH, --id ID and --status STATE are required")
		return errUsage
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := openServerDB(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := db.MoveApplication(sys, *id, model.ApplicationStatus(*status), *note)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Application of %s is now %s.\n", a.Company.LegalName, a.Status.Label())
	if a.Status == model.AppApproved {
		fmt.Fprintf(out, "It became group %s with %d people; the applicant has access to it.\n", a.GroupID, len(a.Census))
	}
	return nil
}

// runPlans imports a plans file into the service's catalog, from where it
// reaches every desktop by sync.
func runPlans(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("accountd plans", flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database: SQLite file or postgres:// URL")
	if len(args) < 2 || args[0] != "import" {
		fmt.Fprintln(errOut, "accountd plans: say what to do: accountd plans import FILE.json --db PATH")
		return errUsage
	}
	if err := fs.Parse(args[2:]); err != nil || *dbPath == "" {
		fmt.Fprintln(errOut, "accountd plans import: --db PATH is required")
		return errUsage
	}
	data, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	cat, err := model.ParseCatalog(data)
	if err != nil {
		return err
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := openServerDB(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.ImportCatalog(sys, cat); err != nil {
		return err
	}
	fmt.Fprintf(out, "Imported %d plans and %d rating areas; desktops receive them at their next sync.\n", len(cat.Plans), len(cat.Areas))
	return nil
}

// openServerDB opens an existing service database.
func openServerDB(ctx context.Context, path string) (*sqlite.DB, error) {
	if _, err := os.Stat(path); err != nil && !sqlite.IsPostgres(path) {
		return nil, model.Errorf(model.ENOTFOUND, "%s does not exist", path)
	}
	return sqlite.OpenServer(ctx, path)
}
