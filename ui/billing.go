package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// InvoiceMonths is how far back the Billing screen lists invoices.
const InvoiceMonths = 24

// billingScreen shows the selected group's billing: two years of invoices
// with each one's statement and lines, paying one, automatic payments and
// the paper bill, the payment history, and the monthly premium.
type billingScreen struct {
	shell    *Shell
	group    model.GroupSummary
	invoices []model.Invoice // newest month first
	payments []model.Payment
	account  model.BillingAccount
	selected string // the invoice shown

	root    fyne.CanvasObject
	heading *widget.Label
	balance *widget.Label
	warning *widget.Label
	setup   *billingSetup
	list    *widget.List
	detail  *invoiceDetail
	history *paymentHistory
	premium *fyne.Container
	tabs    *container.AppTabs
	payForm *payForm // the payment form last opened
}

func newBillingScreen(s *Shell) *billingScreen {
	b := &billingScreen{shell: s}
	b.root = b.build()
	return b
}

func (b *billingScreen) title() string           { return "Billing" }
func (b *billingScreen) icon() fyne.Resource     { return theme.DocumentPrintIcon() }
func (b *billingScreen) view() fyne.CanvasObject { return b.root }
func (b *billingScreen) allowed() bool           { return b.shell.mayBill(b.shell.group.ID) || b.beforeGroups() }
func (b *billingScreen) shown()                  { b.load() }
func (b *billingScreen) setGroup(g model.GroupSummary) {
	changed := g.ID != b.group.ID
	b.group = g
	if changed {
		b.selected = ""
		b.load()
	}
}

func (b *billingScreen) build() fyne.CanvasObject {
	b.heading = widget.NewLabelWithStyle("Billing", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.heading.SizeName = theme.SizeNameSubHeadingText
	b.balance = widget.NewLabel("")
	b.warning = wrapped("")
	b.warning.Importance = widget.DangerImportance
	b.setup = newBillingSetup(b)
	b.list = widget.NewList(func() int { return len(b.invoices) }, func() fyne.CanvasObject { return newInvoiceRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*invoiceRow).set(&b.invoices[i]) })
	b.list.OnSelected = func(i widget.ListItemID) { b.show(b.invoices[i].ID) }
	b.detail = newInvoiceDetail(b)
	b.history = newPaymentHistory(b)
	b.premium = container.NewStack()
	split := container.NewHSplit(b.list, b.detail.root)
	split.Offset = 0.28 // room for "Nov 2026  $7,842.26  In grace period"
	b.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Invoices", theme.DocumentIcon(), split),
		container.NewTabItemWithIcon("Payments", theme.HistoryIcon(), b.history.root),
		container.NewTabItemWithIcon("Monthly premium", theme.GridIcon(), container.NewPadded(b.premium)))
	head := container.NewVBox(b.heading, container.NewBorder(nil, nil, b.balance, b.setup.root), b.warning)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, b.tabs)
}

// beforeGroups allows the screen before a group is chosen (opening the
// app on it) to a user who may see some group's billing.
func (b *billingScreen) beforeGroups() bool {
	p := model.PrincipalFrom(b.shell.deps.Ctx)
	if b.shell.group.ID != "" || p == nil || b.shell.billingStore() == nil {
		return false
	}
	for g := range p.Grants {
		if p.Can(g, model.PermBillingView) {
			return true
		}
	}
	return p.Owner || p.System
}

// load reads the group's invoices, payments and billing account.
func (b *billingScreen) load() {
	st, ctx := b.shell.billingStore(), b.shell.deps.Ctx
	if st == nil || !b.shell.mayBill(b.group.ID) {
		return
	}
	since := model.PeriodOf(b.shell.deps.today()).Add(-InvoiceMonths)
	var err error
	if b.invoices, err = st.Invoices(ctx, b.group.ID, since); err != nil {
		b.shell.showError("Could not read the invoices", err)
	}
	if b.payments, err = st.Payments(ctx, b.group.ID); err != nil {
		b.shell.showError("Could not read the payments", err)
	}
	if b.account, err = st.BillingAccount(ctx, b.group.ID); err != nil {
		b.shell.showError("Could not read the billing account", err)
	}
	b.render()
}

// render shows what load read.
func (b *billingScreen) render() {
	b.heading.SetText("Billing — " + b.group.Name)
	b.balance.SetText(b.balanceLine())
	b.warning.SetText(b.warningLine())
	b.warning.Hidden = b.warning.Text == ""
	b.setup.render()
	b.list.Refresh()
	b.history.render()
	b.showPremium()
	if b.selected == "" && len(b.invoices) > 0 {
		b.selected = b.invoices[0].ID
	}
	b.show(b.selected)
}

// show brings an invoice forward in the detail.
func (b *billingScreen) show(id string) {
	b.selected = id
	for i := range b.invoices {
		if b.invoices[i].ID == id {
			b.list.Select(i)
			b.detail.show(b.invoices[i])
			return
		}
	}
	b.detail.none(len(b.invoices) == 0)
}

// balanceLine says what the group owes now, across its billing units.
func (b *billingScreen) balanceLine() string {
	if len(b.invoices) == 0 {
		return "No invoices yet."
	}
	var owed model.Money
	var open int
	for i := range b.invoices {
		if b.invoices[i].Status.Unpaid() {
			owed += b.invoices[i].Balance()
			open++
		}
	}
	if open == 0 {
		return fmt.Sprintf("Nothing owed: every invoice of the last %d months is paid.", InvoiceMonths)
	}
	return fmt.Sprintf("Owed now: %s on %s.", owed, plural(open, "invoice", "invoices"))
}

// warningLine says what needs attention first: a cancellation, a block,
// the grace period.
func (b *billingScreen) warningLine() string {
	a := b.account
	switch {
	case a.Cancelled != nil:
		return fmt.Sprintf("Coverage ended %s for non-payment: the grace period ended unpaid. Call the carrier about reinstatement.", a.Cancelled.CoverageEnds.US())
	case a.BankBlocked:
		return "Bank payments are blocked: " + a.BlockReason + " Call the carrier's Customer Service Center to lift the block."
	}
	for i := range b.invoices {
		if inv := &b.invoices[i]; inv.Status == model.InvoiceInGrace && inv.Grace != nil {
			return fmt.Sprintf("In the grace period: pay %s by %s, or coverage is cancelled as of %s, the last day paid for (notice of start of grace period sent %s).",
				inv.Balance(), inv.Grace.Ends.US(), inv.Grace.Starts.AddDays(-1).US(), inv.Grace.SentOn.US())
		}
	}
	return ""
}

// stream is a billing unit's invoices, oldest month first, and payments.
func (b *billingScreen) stream(unit string) ([]model.Invoice, []model.Payment) {
	var invs []model.Invoice
	for i := len(b.invoices) - 1; i >= 0; i-- {
		if b.invoices[i].Unit == unit {
			invs = append(invs, b.invoices[i])
		}
	}
	var pays []model.Payment
	for _, p := range b.payments {
		if p.Unit == unit {
			pays = append(pays, p)
		}
	}
	return invs, pays
}
