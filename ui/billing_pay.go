package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/groupdesk/groupdesk/model"
)

// bankForm is the bank account fields of the payment and autopay forms;
// the routing number is checked as it is typed.
type bankForm struct {
	holder  *widget.Entry
	routing *widget.Entry
	account *widget.Entry
	kind    *widget.RadioGroup
}

func newBankForm(holder string) *bankForm {
	f := &bankForm{holder: widget.NewEntry(), routing: widget.NewEntry(), account: widget.NewEntry(),
		kind: widget.NewRadioGroup([]string{model.Checking.Label(), model.Savings.Label()}, nil)}
	f.holder.SetText(holder)
	f.routing.SetPlaceHolder("9 digits, bottom left of a check")
	f.routing.Validator = func(s string) error { return model.ValidRouting(strings.TrimSpace(s)) }
	f.account.SetPlaceHolder("4 to 17 digits")
	f.kind.Horizontal = true
	f.kind.SetSelected(model.Checking.Label())
	return f
}

func (f *bankForm) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem("Account holder", f.holder), widget.NewFormItem("Routing number", f.routing),
		widget.NewFormItem("Account number", f.account), widget.NewFormItem("Account type", f.kind)}
}

func (f *bankForm) bank() model.BankAccount {
	t := model.Checking
	if f.kind.Selected == model.Savings.Label() {
		t = model.Savings
	}
	return model.BankAccount{Holder: strings.TrimSpace(f.holder.Text), Routing: strings.TrimSpace(f.routing.Text),
		Account: strings.ReplaceAll(strings.TrimSpace(f.account.Text), " ", ""), Type: t}
}

// payForm is the payment dialog. Its payment ID is made when it opens,
// so pressing Pay twice sends one payment.
type payForm struct {
	b      *billingScreen
	inv    model.Invoice
	id     string
	amount *widget.Entry
	on     *widget.Entry
	bank   *bankForm
	dlg    *dialog.FormDialog
}

// openPayment asks for the amount, the day and the bank account.
func (b *billingScreen) openPayment(inv model.Invoice) {
	f := &payForm{b: b, inv: inv, id: uuid.Must(uuid.NewV7()).String(), amount: widget.NewEntry(), on: widget.NewEntry(), bank: newBankForm(b.group.Name)}
	invs, pays := b.stream(inv.Unit)
	f.amount.SetText(max(model.OpenBalance(invs, pays, b.shell.deps.today()), 0).Decimal())
	f.on.SetText(b.shell.deps.today().String())
	f.on.SetPlaceHolder("YYYY-MM-DD: today, or a day before " + inv.DueOn.US())
	items := append([]*widget.FormItem{widget.NewFormItem("Invoice", widget.NewLabel(fmt.Sprintf("%s, %s due %s", inv.Number, inv.AmountDue, inv.DueOn.US()))),
		widget.NewFormItem("Amount", f.amount), widget.NewFormItem("Pay on", f.on)}, f.bank.items()...)
	f.dlg = dialog.NewForm("Pay invoice "+inv.Number, "Pay", "Cancel", items, func(ok bool) {
		if ok {
			f.submit()
		}
	}, b.shell.win)
	f.dlg.Resize(fyne.NewSize(560, 420))
	b.payForm = f
	b.shell.showDialog(f.dlg, nil)
}

// submit checks and queues the payment; the same form submitted again is
// the same payment.
func (f *payForm) submit() {
	amount, err1 := model.ParseMoney(f.amount.Text)
	on, err2 := model.ParseDate(f.on.Text)
	if err := firstError(err1, err2); err != nil {
		f.b.shell.showError("The payment was not sent", model.Errorf(model.EINVALID, "%v", err))
		return
	}
	p := model.Payment{ID: f.id, GroupID: f.inv.GroupID, InvoiceID: f.inv.ID, Amount: amount, On: on, Bank: f.bank.bank()}
	if err := f.b.shell.billingStore().SchedulePayment(f.b.shell.deps.Ctx, &p); err != nil {
		f.b.shell.showError("The payment was not sent", err)
		return
	}
	f.b.paid(p)
}

// paid confirms a payment and shows it in the history.
func (b *billingScreen) paid(p model.Payment) {
	msg := fmt.Sprintf("%s from %s on %s is scheduled.", p.Amount, p.Bank.Masked().Describe(), p.On.US())
	if p.Confirmation != "" {
		msg += " Confirmation number " + p.Confirmation + "."
	} else {
		msg += " It goes to the carrier at the next sync; the confirmation number comes back with it."
	}
	b.shell.setStatus("Payment scheduled: " + msg)
	if b.shell.deps.Account != nil {
		b.shell.deps.Account.SyncNow()
	}
	b.load()
	d := dialog.NewCustom("Payment scheduled", "Close", container.NewPadded(wrapped(msg)), b.shell.win)
	d.Resize(fyne.NewSize(460, 160))
	b.shell.showDialog(d, nil)
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
