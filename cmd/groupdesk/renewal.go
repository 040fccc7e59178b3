package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/renewal"
)

// runExportRenewal writes a group's latest renewal as a comparison: a
// saved scenario's (--scenario), the submitted answer's, or the offer as
// it stands.
func runExportRenewal(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("export renewal", "--db PATH --group GROUP --out FILE.pdf|FILE.xlsx [--scenario NAME]", errOut)
	dbPath := fs.String("db", "", "the database to read")
	group := fs.String("group", "", "the group: its number or ID")
	outPath := fs.String("out", "", "the file to write: .pdf or .xlsx")
	scenario := fs.String("scenario", "", "a saved renewal scenario's name (default: the answer sent, or the offer)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	if err := requireOptions(fs, option{"--group GROUP", *group}, option{"--out FILE", *outPath}); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := renewalComparison(ctx, db, *group, *scenario)
	if err != nil {
		return err
	}
	if err := renewal.WriteFile(*outPath, c); err != nil {
		return err
	}
	fmt.Fprintf(out, "Wrote the renewal of %s (%s, %s) to %s: %d members, %s → %s a month (%s).\n", c.Group.Name, c.Renewal.Effective,
		c.Renewal.Status.Label(), filepath.Base(*outPath), len(c.Review.Members), c.Review.Current, c.Review.Renewal,
		model.ChangePercent(c.Review.Current, c.Review.Renewal))
	return nil
}

// renewalComparison works out the comparison of the group's latest renewal.
func renewalComparison(ctx context.Context, db *sqlite.DB, group, scenario string) (*renewal.Comparison, error) {
	g, err := findGroup(ctx, db, group)
	if err != nil {
		return nil, err
	}
	rs, err := db.Renewals(ctx, g.ID)
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, model.Errorf(model.ENOTFOUND, "%s has no renewal yet: the offer comes out %d days before its renewal date (%s).",
			g.Name, model.DefaultRenewalLeadDays, g.RenewalDate.US())
	}
	r := &rs[0]
	s, err := chosenScenario(ctx, db, r, scenario)
	if err != nil {
		return nil, err
	}
	var changes []model.RenewalChange
	if s != nil {
		changes = s.Changes
	}
	fams, _, err := db.RenewalRoster(ctx, r, changes)
	if err != nil {
		return nil, err
	}
	return renewal.New(g, r, fams, s, model.DateOf(db.Now()), time.Now())
}

// chosenScenario is the saved scenario named, the answer sent, or nil for
// the offer as it stands.
func chosenScenario(ctx context.Context, db *sqlite.DB, r *model.Renewal, name string) (*model.RenewalScenario, error) {
	if name == "" {
		if sub := r.Submission; sub != nil {
			s := model.NewRenewalScenario(r)
			s.Name, s.Plans, s.Contribution, s.Changes = "Sent: "+sub.Describe(), sub.Plans, sub.Contribution, sub.Changes
			return &s, nil
		}
		return nil, nil
	}
	list, err := db.RenewalScenarios(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Name == name {
			return &list[i], nil
		}
	}
	return nil, model.Errorf(model.ENOTFOUND, "There is no renewal scenario named %q; the Renewals screen lists the saved ones.", name)
}

// seedDemoRenewals files the demo's renewal rates and runs the renewal job
// for every day of the longest window up to today, as the account service
// would have: the groups whose window is open have their offer, made on
// the day it opened, and the demo book has something on every screen.
func seedDemoRenewals(ctx context.Context, db *sqlite.DB, o demo.Options) error {
	carrier := model.WithPrincipal(ctx, &model.Principal{UserID: "demo-carrier", Name: "Carrier (demo)", System: true})
	if err := db.SaveRenewalRates(carrier, demo.RenewalRates(o)); err != nil {
		return fmt.Errorf("filing the demo's renewal rates: %w", err)
	}
	lead, err := db.LongestLead(carrier)
	if err != nil {
		return err
	}
	_, err = db.CatchUpRenewals(carrier, o.Today.AddDays(-lead), o.Today)
	return err
}
