package api

import "github.com/groupdesk/groupdesk/model"

// InvoiceList is the answer of GET /v1/groups/{group}/invoices: the
// group's invoices without their lines, the newest month first.
type InvoiceList struct {
	Invoices []model.Invoice `json:"invoices"`
}

// PaymentList is the answer of GET /v1/groups/{group}/payments: the
// group's payments, bank account numbers masked, the latest first.
type PaymentList struct {
	Payments []model.Payment `json:"payments"`
}

// InvoiceMonths is how far back the invoice list reaches by default: the
// two years of statements carriers keep online.
const InvoiceMonths = 24
