package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// paymentColumn is one column of the payment history.
type paymentColumn struct {
	title string
	width float32
	value func(p *model.Payment, invoices map[string]string) string
}

var paymentColumns = []paymentColumn{
	{"Date", 100, func(p *model.Payment, _ map[string]string) string { return p.On.US() }},
	{"Amount", 120, func(p *model.Payment, _ map[string]string) string { return p.Amount.String() }},
	{"Status", 110, func(p *model.Payment, _ map[string]string) string { return p.Status.Label() }},
	{"Invoice", 170, func(p *model.Payment, inv map[string]string) string { return orDash(inv[p.InvoiceID]) }},
	{"From", 260, func(p *model.Payment, _ map[string]string) string { return p.Bank.Masked().Describe() }},
	{"How", 100, func(p *model.Payment, _ map[string]string) string { return howPaid(p) }},
	{"Confirmation", 150, func(p *model.Payment, _ map[string]string) string { return orDash(p.Confirmation) }},
	{"Note", 320, func(p *model.Payment, _ map[string]string) string { return paymentNote(p) }},
}

func howPaid(p *model.Payment) string {
	if p.Autopay {
		return "Autopay"
	}
	return "One-time"
}

func paymentNote(p *model.Payment) string {
	switch {
	case p.Status == model.PaymentReturned:
		return "Returned " + p.ReturnedOn.US() + ": " + p.Reason
	case p.Status == model.PaymentCancelled:
		return p.Reason
	case p.Confirmation == "":
		return "Waiting to be sent to the carrier"
	}
	return ""
}

// paymentHistory is the Payments tab: every payment with its status.
type paymentHistory struct {
	b     *billingScreen
	root  fyne.CanvasObject
	table *widget.Table
	pay   *widget.Button
	names map[string]string // invoice ID → number
}

func newPaymentHistory(b *billingScreen) *paymentHistory {
	h := &paymentHistory{b: b}
	h.table = widget.NewTableWithHeaders(func() (int, int) { return len(b.payments), len(paymentColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("Checking ****6789 (Łódź Bakery LLC)") },
		func(id widget.TableCellID, o fyne.CanvasObject) { h.cell(id, o.(*widget.Label)) })
	h.table.ShowHeaderColumn = false
	h.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(paymentColumns[id.Col].title)
	}
	for i, c := range paymentColumns {
		h.table.SetColumnWidth(i, c.width)
	}
	h.pay = widget.NewButtonWithIcon("Make a payment…", theme.ConfirmIcon(), h.payOldest)
	h.root = container.NewBorder(container.NewHBox(h.pay), nil, nil, nil, h.table)
	return h
}

func (h *paymentHistory) cell(id widget.TableCellID, l *widget.Label) {
	p := &h.b.payments[id.Row]
	l.Truncation = fyne.TextTruncateEllipsis
	l.SetText(paymentColumns[id.Col].value(p, h.names))
	l.Importance = widget.MediumImportance
	if id.Col == 2 && p.Status == model.PaymentReturned {
		l.Importance = widget.DangerImportance
	}
	l.Refresh()
}

func (h *paymentHistory) render() {
	h.names = map[string]string{}
	for _, inv := range h.b.invoices {
		h.names[inv.ID] = inv.Number
	}
	setEnabled(h.pay, h.oldestUnpaid() != nil && h.b.shell.mayPay(h.b.group.ID) && !h.b.account.BankBlocked)
	h.table.Refresh()
}

// oldestUnpaid is the invoice a payment goes to first.
func (h *paymentHistory) oldestUnpaid() *model.Invoice {
	for i := len(h.b.invoices) - 1; i >= 0; i-- {
		if inv := &h.b.invoices[i]; inv.Status.Unpaid() && inv.Balance() > 0 {
			return inv
		}
	}
	return nil
}

func (h *paymentHistory) payOldest() {
	if inv := h.oldestUnpaid(); inv != nil {
		h.b.openPayment(*inv)
	}
}
