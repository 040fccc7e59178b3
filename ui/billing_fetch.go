package ui

import "github.com/groupdesk/groupdesk/model"

// withLines calls done with the invoice and its lines: from the database,
// or fetched from the account service in the background (and kept), or
// with the reason they cannot be had.
func (b *billingScreen) withLines(inv model.Invoice, done func(model.Invoice, error)) {
	ctx := b.shell.deps.Ctx
	full, err := b.shell.billingStore().Invoice(ctx, inv.ID)
	if err == nil && full.HasLines() {
		done(full, nil)
		return
	}
	f := b.shell.fetcher()
	if f == nil {
		done(inv, model.Errorf(model.ENOTFOUND, "The lines of this invoice are kept by the account service: sign in on the Sync screen to see them."))
		return
	}
	b.detail.setNote("Fetching the lines from the account service…")
	b.shell.background(func() { full, err = f.FetchInvoice(ctx, inv.GroupID, inv.ID) }, func() { done(full, err) })
}
