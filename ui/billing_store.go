package ui

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// billingStore is what the Billing screen needs besides the shell's
// Store: invoices, payments, the billing account, and the reconciliation
// of an invoice against the roster. The SQLite store has them all.
type billingStore interface {
	model.BillingService
	ReconcileInvoice(ctx context.Context, invoiceID string) (model.DiscrepancyReport, error)
}

// invoiceFetcher fetches an invoice's lines from the account service and
// keeps them in the database (the change feed carries invoices without
// them).
type invoiceFetcher interface {
	FetchInvoice(ctx context.Context, groupID, invoiceID string) (model.Invoice, error)
}

// billingStore returns the store as a billingStore, or nil.
func (s *Shell) billingStore() billingStore {
	b, _ := s.deps.Store.(billingStore)
	return b
}

// fetcher returns the account service connection that fetches invoice
// lines, or nil when there is none.
func (s *Shell) fetcher() invoiceFetcher {
	if s.deps.Account == nil || !s.deps.Account.State(s.baseCtx).SignedIn {
		return nil
	}
	f, _ := s.deps.Account.(invoiceFetcher)
	return f
}

// mayBill reports whether the acting user may see the group's billing.
func (s *Shell) mayBill(groupID string) bool {
	return groupID != "" && s.billingStore() != nil && model.PrincipalFrom(s.deps.Ctx).Can(groupID, model.PermBillingView)
}

// mayPay reports whether the acting user may pay and change the billing
// set-up.
func (s *Shell) mayPay(groupID string) bool {
	return s.mayBill(groupID) && model.PrincipalFrom(s.deps.Ctx).Can(groupID, model.PermBillingPay)
}
