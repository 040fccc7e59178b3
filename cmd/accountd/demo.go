package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// DemoPassword is the password of every demo user. The demo is for trying
// GroupDesk out on one machine; accountd prints it with the users.
const DemoPassword = "groupdesk-demo"

func runDemo(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("accountd demo", flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database, SQLite file or postgres:// URL (must hold no groups)")
	people := fs.Int("people", 48000, "approximate number of people in the book")
	seed := fs.Int64("seed", 1, "seed of the generator (the desktop's demo uses the same)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *dbPath == "" {
		fmt.Fprintln(errOut, "accountd demo: --db PATH is required")
		return errUsage
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := sqlite.OpenServer(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if empty, err := db.IsEmpty(sys); err != nil || !empty {
		if err == nil {
			err = model.Errorf(model.EINVALID, "%s already holds groups; seed the demo into a new database", db.Path)
		}
		return err
	}
	o := demo.Options{Seed: *seed, People: *people, Today: model.DateOf(time.Now())}
	book := demo.Generate(o)
	billing, known := demo.NewBilling(o, book) // the roster changes the carrier learnt late come later
	if err := db.Load(sys, known, nil); err != nil {
		return fmt.Errorf("loading the demo book: %w", err)
	}
	for _, u := range book.Users {
		if err := db.SetPassword(sys, u.ID, DemoPassword); err != nil {
			return fmt.Errorf("setting the password of %s: %w", u.Email, err)
		}
	}
	printUsers(out, book)
	if err := seedRenewals(sys, db, o, out); err != nil {
		return err
	}
	if err := seedVault(sys, db, o, book, out); err != nil {
		return err
	}
	return seedBilling(sys, db, billing, out)
}

// printUsers lists the demo users with their roles, to sign in with.
func printUsers(out io.Writer, b *model.Book) {
	groups := map[string]string{}
	for _, g := range b.Groups {
		groups[g.ID] = g.Name
	}
	roles := map[string][]string{}
	for _, g := range b.Grants {
		roles[g.UserID] = append(roles[g.UserID], fmt.Sprintf("%s of %s", g.Role.Label(), groups[g.GroupID]))
	}
	fmt.Fprintf(out, "Seeded %d groups, %d members and %d users. Every demo user's password is %q.\n\n", len(b.Groups), len(b.Members), len(b.Users), DemoPassword)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tACCESS")
	for _, u := range b.Users {
		access := "—"
		if rs := roles[u.ID]; len(rs) > 0 {
			access = rs[0]
			if len(rs) > 1 {
				access += fmt.Sprintf(" (+%d more groups)", len(rs)-1)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", u.Email, u.Name, access)
	}
	tw.Flush()
}
