package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// billingSetup is the group's billing set-up at the top of the screen:
// automatic payments (set up, change, cancel) and the paper bill.
type billingSetup struct {
	b       *billingScreen
	root    fyne.CanvasObject
	autopay *widget.Label
	change  *widget.Button
	cancel  *widget.Button
	paper   *widget.Check
	quiet   bool      // set while the check is set from the account, not by a person
	form    *bankForm // the autopay form last opened
}

func newBillingSetup(b *billingScreen) *billingSetup {
	s := &billingSetup{b: b, autopay: widget.NewLabel("")}
	s.change = widget.NewButtonWithIcon("Set up autopay…", theme.SettingsIcon(), s.openAutopay)
	s.cancel = widget.NewButtonWithIcon("Cancel autopay", theme.CancelIcon(), s.confirmCancel)
	s.paper = widget.NewCheck("Mail a paper bill too", s.onPaper)
	s.root = container.NewHBox(s.autopay, s.change, s.cancel, widget.NewSeparator(), s.paper)
	return s
}

func (s *billingSetup) render() {
	a := s.b.account
	s.change.SetText("Set up autopay…")
	s.autopay.SetText("Automatic payments: off")
	if a.Autopay != nil {
		s.autopay.SetText("Autopay on each due date from " + a.Autopay.Bank.Masked().Describe())
		s.change.SetText("Change autopay…")
	}
	may := s.b.shell.mayPay(s.b.group.ID)
	setEnabled(s.change, may && !a.BankBlocked && a.Cancelled == nil)
	setEnabled(s.cancel, may)
	s.cancel.Hidden = a.Autopay == nil
	s.quiet = true
	s.paper.SetChecked(a.Delivery == model.DeliveryPaper)
	s.quiet = false
	if may {
		s.paper.Enable()
	} else {
		s.paper.Disable()
	}
}

// onPaper records the paper-bill choice; the carrier's side starts or
// stops mailing.
func (s *billingSetup) onPaper(on bool) {
	if s.quiet {
		return
	}
	d := model.DeliveryOnline
	if on {
		d = model.DeliveryPaper
	}
	if err := s.b.shell.billingStore().SetDelivery(s.b.shell.deps.Ctx, s.b.group.ID, d); err != nil {
		s.b.shell.showError("The bill delivery was not changed", err)
	} else {
		s.b.shell.setStatus("Bill delivery: " + deliveryText(d) + ". The carrier records it at the next sync.")
	}
	s.b.load()
}

func deliveryText(d model.BillingDelivery) string {
	if d == model.DeliveryPaper {
		return "mailed on paper, and online"
	}
	return "online only"
}

// openAutopay asks for the bank account to draft from.
func (s *billingSetup) openAutopay() {
	f := newBankForm(s.b.group.Name)
	intro := wrapped("Each invoice's balance is drafted from this account on its due date. The account is checked before anything is sent.")
	items := append([]*widget.FormItem{widget.NewFormItem("", intro)}, f.items()...)
	d := dialog.NewForm("Automatic payments", "Save", "Cancel", items, func(ok bool) {
		if ok {
			s.saveAutopay(f)
		}
	}, s.b.shell.win)
	d.Resize(fyne.NewSize(560, 360))
	s.form = f
	s.b.shell.showDialog(d, nil)
}

// saveAutopay sets up or changes automatic payments from the form's bank
// account, checked before anything is queued.
func (s *billingSetup) saveAutopay(f *bankForm) {
	if err := s.b.shell.billingStore().SetAutopay(s.b.shell.deps.Ctx, s.b.group.ID, &model.Autopay{Bank: f.bank()}); err != nil {
		s.b.shell.showError("Automatic payments were not set up", err)
		return
	}
	s.b.shell.setStatus("Automatic payments from " + f.bank().Masked().Describe() + "; the carrier takes them at the next sync.")
	s.b.load()
}

func (s *billingSetup) confirmCancel() {
	d := dialog.NewConfirm("Cancel automatic payments", "Invoices will no longer be drafted on their due dates: pay each yourself.", func(ok bool) {
		if ok {
			s.cancelAutopay()
		}
	}, s.b.shell.win)
	s.b.shell.showDialog(d, nil)
}

// cancelAutopay stops automatic payments.
func (s *billingSetup) cancelAutopay() {
	if err := s.b.shell.billingStore().SetAutopay(s.b.shell.deps.Ctx, s.b.group.ID, nil); err != nil {
		s.b.shell.showError("Automatic payments were not cancelled", err)
		return
	}
	s.b.shell.setStatus("Automatic payments cancelled: pay each invoice yourself. The carrier records it at the next sync.")
	s.b.load()
}
