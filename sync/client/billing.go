package client

import (
	"context"
	"net/http"
	"net/url"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// Invoices lists a group's invoices on the account service from a month
// on, without their lines (billing.view, online).
func (a *Account) Invoices(ctx context.Context, groupID string, since model.Period) ([]model.Invoice, error) {
	s, err := a.online()
	if err != nil {
		return nil, err
	}
	var out api.InvoiceList
	q := url.Values{"since": {since.String()}}
	err = s.call(ctx, http.MethodGet, "/v1/groups/"+url.PathEscape(groupID)+"/invoices?"+q.Encode(), nil, &out)
	return out.Invoices, err
}

// FetchInvoice reads an invoice with all its lines from the account
// service and keeps the lines on this computer, for reading, exporting
// and reconciling offline (the change feed carries invoices without
// them).
func (a *Account) FetchInvoice(ctx context.Context, groupID, invoiceID string) (model.Invoice, error) {
	s, err := a.online()
	if err != nil {
		return model.Invoice{}, model.Errorf(model.EUNAUTH, "Sign in to the account service to see the invoice's lines.")
	}
	var inv model.Invoice
	if err := s.call(ctx, http.MethodGet, "/v1/groups/"+url.PathEscape(groupID)+"/invoices/"+url.PathEscape(invoiceID), nil, &inv); err != nil {
		return inv, err
	}
	return inv, a.DB.SaveInvoiceLines(ctx, &inv)
}

// ServicePayments lists the group's payment history as the account
// service has it, bank account numbers masked (billing.view, online).
func (a *Account) ServicePayments(ctx context.Context, groupID string) ([]model.Payment, error) {
	s, err := a.online()
	if err != nil {
		return nil, err
	}
	var out api.PaymentList
	err = s.call(ctx, http.MethodGet, "/v1/groups/"+url.PathEscape(groupID)+"/payments", nil, &out)
	return out.Payments, err
}
