package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// invoiceRow is one invoice in the list: the month (and unit), the amount
// due, and the status in its colour, in the list's short words (the detail
// says it in full).
type invoiceRow struct {
	widget.BaseWidget
	month  *widget.Label
	amount *widget.Label
	status *widget.Label
}

var _ fyne.Widget = (*invoiceRow)(nil)

func newInvoiceRow() *invoiceRow {
	r := &invoiceRow{month: widget.NewLabel("September 2026 · Distribution"), amount: widget.NewLabel("$1,234,567.89"),
		status: widget.NewLabel("Partially paid")}
	r.month.Truncation = fyne.TextTruncateEllipsis
	r.amount.Alignment = fyne.TextAlignTrailing
	r.ExtendBaseWidget(r)
	return r
}

func (r *invoiceRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, container.NewHBox(r.amount, r.status), r.month))
}

func (r *invoiceRow) set(inv *model.Invoice) {
	month := inv.Period.Short()
	if inv.Unit != "" {
		month += " · " + inv.Unit
	}
	r.month.SetText(month)
	r.amount.SetText(inv.AmountDue.String())
	setLabel(r.status, listStatus(inv.Status), statusImportance(inv.Status))
	// Then the row, so that the amount and status take the width of their
	// new words: a label's size follows its words only once it has been
	// refreshed itself.
	r.Refresh()
}

// listStatus is a status in the words of the invoice list, short enough to
// leave the month whole beside any amount.
func listStatus(s model.InvoiceStatus) string {
	switch s {
	case model.InvoiceInGrace:
		return "Grace period"
	case model.InvoiceCancelled:
		return "Cancelled"
	}
	return s.Label()
}

// statusImportance colours a status: red when coverage is at risk, amber
// while money is owed, plain once settled.
func statusImportance(s model.InvoiceStatus) widget.Importance {
	switch s {
	case model.InvoicePastDue, model.InvoiceInGrace, model.InvoiceCancelled:
		return widget.DangerImportance
	case model.InvoiceOpen, model.InvoicePartial:
		return widget.WarningImportance
	case model.InvoicePaid:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}
