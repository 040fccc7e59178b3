package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// invoiceDetail shows one invoice: its statement from the previous balance
// to the amount due, what to do with it, and its lines.
type invoiceDetail struct {
	b   *billingScreen
	inv model.Invoice

	root      fyne.CanvasObject
	title     *widget.Label
	status    *widget.Label
	facts     *fyne.Container
	statement *fyne.Container
	pay       *widget.Button
	pdf       *widget.Button
	xlsx      *widget.Button
	reconcile *widget.Button
	note      *widget.Label
	current   *lineTable
	retro     *lineTable
	lineTabs  *container.AppTabs
}

func newInvoiceDetail(b *billingScreen) *invoiceDetail {
	d := &invoiceDetail{b: b, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status: widget.NewLabel(""), facts: newColumns(2, 1), statement: newColumns(2, 0), note: wrapped("")}
	d.pay = widget.NewButtonWithIcon("Pay…", theme.ConfirmIcon(), func() { b.openPayment(d.inv) })
	d.pay.Importance = widget.HighImportance
	d.pdf = widget.NewButtonWithIcon("PDF…", theme.DocumentSaveIcon(), func() { b.chooseInvoiceFile(d.inv, ".pdf") })
	d.xlsx = widget.NewButtonWithIcon("Excel…", theme.DocumentSaveIcon(), func() { b.chooseInvoiceFile(d.inv, ".xlsx") })
	d.reconcile = widget.NewButtonWithIcon("Reconcile with the roster", theme.SearchIcon(), func() { b.reconcile(d.inv) })
	d.current, d.retro = newLineTable(currentLineColumns, false), newLineTable(retroLineColumns, true)
	d.lineTabs = container.NewAppTabs(container.NewTabItem("Current period", d.current.view),
		container.NewTabItem("Retroactive", d.retro.view))
	actions := container.NewHBox(d.pay, d.pdf, d.xlsx, d.reconcile)
	sums := container.NewHBox(d.facts, widget.NewSeparator(), d.statement)
	top := container.NewVBox(container.NewHBox(d.title, d.status), sums, actions, d.note)
	d.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, d.lineTabs)
	return d
}

// none shows that there is no invoice to show.
func (d *invoiceDetail) none(empty bool) {
	d.inv = model.Invoice{}
	d.title.SetText("")
	d.status.SetText("")
	d.facts.Objects, d.statement.Objects = nil, nil
	d.setNote("Pick an invoice on the left.")
	if empty {
		d.setNote("No invoices yet: the carrier issues the first on the 1st of the month before coverage.")
	}
	for _, btn := range []*widget.Button{d.pay, d.pdf, d.xlsx, d.reconcile} {
		btn.Disable()
	}
	d.current.set(nil)
	d.retro.set(nil)
	d.root.Refresh()
}

// show fills the detail with an invoice; lines not yet on this computer
// are fetched from the account service.
func (d *invoiceDetail) show(inv model.Invoice) {
	d.inv = inv
	title := fmt.Sprintf("Invoice %s — %s", inv.Number, inv.Period.Label())
	if inv.Unit != "" {
		title += " · " + inv.Unit
	}
	d.title.SetText(title)
	setLabel(d.status, inv.Status.Label(), statusImportance(inv.Status))
	d.fillFacts(&inv)
	d.fillStatement(&inv)
	d.enable(&inv)
	d.lineTabs.Items[1].Text = fmt.Sprintf("Retroactive (%d)", inv.RetroCount)
	d.lineTabs.Items[0].Text = fmt.Sprintf("Current period (%s)", plural(inv.LineCount, "subscriber", "subscribers"))
	d.lineTabs.Refresh()
	d.b.withLines(inv, d.showLines)
	d.root.Refresh()
}

func (d *invoiceDetail) fillFacts(inv *model.Invoice) {
	due := inv.DueOn.US() // how far off it is matters only while it is owed
	switch {
	case inv.Status == model.InvoicePaid:
		due += ", paid"
	case inv.Status.Unpaid():
		due += ", " + relativeDays(d.b.shell.deps.today(), inv.DueOn)
	}
	facts := [][2]string{
		{"Period covered", inv.Period.First().US() + " – " + inv.Period.Last().US()},
		{"Due", due},
		{"Issued", inv.IssuedOn.US()},
		{"Covered", fmt.Sprintf("%s, %s", plural(inv.Subscribers, "subscriber", "subscribers"), plural(inv.Members, "member", "members"))},
	}
	if g := inv.Grace; g != nil {
		facts = append(facts, [2]string{"Grace period", fmt.Sprintf("%s – %s (notice sent %s)", g.Starts.US(), g.Ends.US(), g.SentOn.US())})
	}
	if !inv.CoverageEnds.IsZero() {
		facts = append(facts, [2]string{"Coverage ended", inv.CoverageEnds.US() + ", for non-payment"})
	}
	d.facts.Objects = nil
	for _, f := range facts {
		d.facts.Add(bold(f[0]))
		d.facts.Add(widget.NewLabel(f[1]))
	}
}

func (d *invoiceDetail) fillStatement(inv *model.Invoice) {
	rows := [][2]string{
		{"Previous balance", inv.PreviousBalance.String()},
		{"Payments received", negativeMoney(inv.PaymentsReceived)},
		{"Payments returned", inv.PaymentsReturned.String()},
		{"Current charges", inv.Current.String()},
		{"Retroactive adjustments", model.SignedMoney(inv.RetroTotal)},
	}
	d.statement.Objects = nil
	for _, r := range rows {
		d.statement.Add(widget.NewLabel(r[0]))
		d.statement.Add(widget.NewLabelWithStyle(r[1], fyne.TextAlignTrailing, fyne.TextStyle{}))
	}
	d.statement.Add(bold("Amount due"))
	d.statement.Add(widget.NewLabelWithStyle(inv.AmountDue.String(), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	if inv.Status.Unpaid() && inv.Paid > 0 {
		d.statement.Add(widget.NewLabel("Paid of this month's charges"))
		d.statement.Add(widget.NewLabelWithStyle(inv.Paid.String(), fyne.TextAlignTrailing, fyne.TextStyle{}))
	}
}

func negativeMoney(m model.Money) string {
	if m == 0 {
		return m.String()
	}
	return (-m).String()
}

// enable allows what the user may do with the invoice.
func (d *invoiceDetail) enable(inv *model.Invoice) {
	pay := d.b.shell.mayPay(inv.GroupID) && inv.Status.Unpaid() && !d.b.account.BankBlocked && d.b.account.Cancelled == nil
	setEnabled(d.pay, pay)
	for _, btn := range []*widget.Button{d.pdf, d.xlsx, d.reconcile} {
		btn.Enable()
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// showLines shows the invoice's lines, or why they are not here.
func (d *invoiceDetail) showLines(inv model.Invoice, err error) {
	if inv.ID != d.inv.ID {
		return // another invoice was picked meanwhile
	}
	d.setNote("")
	if err != nil {
		d.setNote(model.ErrorMessage(err))
	}
	d.inv.Lines, d.inv.Retro = inv.Lines, inv.Retro
	d.current.set(inv.Lines)
	d.retro.set(inv.Retro)
}

// setNote shows a line under the actions, or nothing.
func (d *invoiceDetail) setNote(text string) {
	d.note.SetText(text)
	d.note.Hidden = text == ""
	d.note.Refresh()
}
