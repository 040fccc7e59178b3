package main

import (
	"context"
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// seedBilling plays out the demo's two years of billing on the book
// loaded as the script gave it: every group's monthly invoices, their
// payments (autopay, on time, a few late), one returned payment, one group
// in its grace period, and the roster changes that reached the carrier
// late made on the day they did.
func seedBilling(ctx context.Context, db *sqlite.DB, sc *demo.Billing, out io.Writer) error {
	rep, err := db.SeedBilling(ctx, sc)
	if err != nil {
		return fmt.Errorf("seeding the demo's invoices: %w", err)
	}
	fmt.Fprintf(out, "%d invoices issued over %d months; run `accountd invoices --db PATH` daily to bill, draw payments and write the day's NACHA file.\n",
		len(rep.Issued), demo.BillingMonths)
	return nil
}
