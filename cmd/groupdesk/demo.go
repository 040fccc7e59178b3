package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

func runDemo(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("demo", "--db PATH [--groups N] [--people N] [--seed N]", errOut)
	dbPath := fs.String("db", "", "the database to write (created if missing; must hold no groups)")
	groups := fs.Int("groups", 12, "number of employer groups")
	people := fs.Int("people", 48000, "approximate number of people (subscribers and dependents) in the book")
	seed := fs.Int64("seed", 1, "seed of the generator: the same seed writes the same book")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if *groups < 1 || *people < *groups*2 {
		return model.Errorf(model.EINVALID, "--groups must be at least 1 and --people at least twice --groups")
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return model.Errorf(model.EINVALID, "%s already holds groups; the demo book goes into a new or empty database", *dbPath)
	}
	start := time.Now()
	book, err := loadDemo(ctx, db, demo.Options{Seed: *seed, Groups: *groups, People: *people, Today: model.DateOf(time.Now())}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote the demo book to %s in %.1fs: %s\n", *dbPath, time.Since(start).Seconds(), bookSummary(book))
	return nil
}

// loadDemo generates the demo book and loads it into the database as data
// from the account service (audited, not queued for sync).
func loadDemo(ctx context.Context, db *sqlite.DB, o demo.Options, progress func(done, total int)) (*model.Book, error) {
	book := demo.Generate(o)
	billing, known := demo.NewBilling(o, book) // the roster changes the carrier learnt late come later
	if err := db.Load(ctx, known, stage(progress, 0, 15)); err != nil {
		return nil, fmt.Errorf("loading the demo book: %w", err)
	}
	if err := seedDemoRenewals(ctx, db, o); err != nil {
		return nil, err
	}
	stage(progress, 15, 20)(1, 1)
	if err := seedDemoBilling(ctx, db, billing, stage(progress, 20, 95)); err != nil {
		return nil, err
	}
	if err := seedDemoVault(ctx, db, o, book); err != nil {
		return nil, err
	}
	if err := db.SetMeta(ctx, sqlite.MetaDemoLoaded, fmt.Sprint(o.Seed)); err != nil {
		return nil, err
	}
	stage(progress, 95, 100)(1, 1)
	return book, nil
}

// stage is one stage of the demo's set-up as a part of its progress, from
// one percentage to another; the months of billing played day by day are
// most of the time it takes.
func stage(progress func(done, total int), from, to int) func(done, total int) {
	return func(done, total int) {
		if progress != nil {
			progress(from+(to-from)*done/max(total, 1), 100)
		}
	}
}

func bookSummary(b *model.Book) string {
	subs := 0
	for i := range b.Members {
		if b.Members[i].IsSubscriber() {
			subs++
		}
	}
	return fmt.Sprintf("%d groups, %d plans, %d subscribers, %d dependents, %d users",
		len(b.Groups), len(b.Plans), subs, len(b.Members)-subs, len(b.Users))
}
