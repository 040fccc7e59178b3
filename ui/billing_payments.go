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

// paymentColumns are the payment history's columns. The note (why a
// payment was returned or cancelled) takes whatever width the others leave,
// so the history fits the screen without scrolling sideways; its width here
// is the least it gets.
var paymentColumns = []paymentColumn{
	{"Date", 95, func(p *model.Payment, _ map[string]string) string { return p.On.US() }},
	{"Amount", 110, func(p *model.Payment, _ map[string]string) string { return p.Amount.String() }},
	{"Status", 100, func(p *model.Payment, _ map[string]string) string { return p.Status.Label() }},
	{"Invoice", 160, func(p *model.Payment, inv map[string]string) string { return orDash(inv[p.InvoiceID]) }},
	{"From", 150, func(p *model.Payment, _ map[string]string) string {
		return p.Bank.Type.Label() + " ****" + p.Bank.Last4()
	}},
	{"How", 90, func(p *model.Payment, _ map[string]string) string { return howPaid(p) }},
	{"Confirmation", 140, func(p *model.Payment, _ map[string]string) string { return orDash(p.Confirmation) }},
	{"Note", 150, func(p *model.Payment, _ map[string]string) string { return paymentNote(p) }},
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
		return "Not sent to the carrier yet"
	}
	return ""
}

// paymentHistory is the Payments tab: every payment with its status.
type paymentHistory struct {
	b     *billingScreen
	root  fyne.CanvasObject
	table *widget.Table
	box   *fyne.Container // the table, its note column stretched
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
	widths := make([]float32, len(paymentColumns))
	for i, c := range paymentColumns {
		widths[i] = c.width
	}
	h.pay = widget.NewButtonWithIcon("Make a payment…", theme.ConfirmIcon(), h.payOldest)
	h.box = stretchLastColumn(h.table, widths)
	h.root = container.NewBorder(container.NewHBox(h.pay), nil, nil, nil, h.box)
	return h
}

func (h *paymentHistory) cell(id widget.TableCellID, l *widget.Label) {
	p := &h.b.payments[id.Row]
	l.Truncation = fyne.TextTruncateEllipsis
	importance := widget.MediumImportance
	if id.Col == 2 && p.Status == model.PaymentReturned {
		importance = widget.DangerImportance
	}
	setLabel(l, paymentColumns[id.Col].value(p, h.names), importance)
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
