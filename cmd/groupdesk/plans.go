package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/groupdesk/groupdesk/model"
)

func runPlans(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("plans", "import FILE.json --db PATH", errOut)
	dbPath := fs.String("db", "", "the database to import the plan catalog into")
	if len(args) < 2 || args[0] != "import" {
		fmt.Fprintln(errOut, "groupdesk plans: say what to do: groupdesk plans import FILE.json --db PATH")
		fs.Usage()
		return errUsage
	}
	file := args[1]
	if err := parse(fs, args[2:]); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return model.Errorf(model.ENOTFOUND, "the plans file cannot be read: %v", err)
	}
	cat, err := model.ParseCatalog(data)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.ImportCatalog(ctx, cat); err != nil {
		return err
	}
	fmt.Fprintf(out, "Imported %d plans, %d rating areas and %d age curves from %s.\n",
		len(cat.Plans), len(cat.Areas), len(cat.Curves), filepath.Base(file))
	return nil
}
