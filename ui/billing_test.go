package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"fyne.io/fyne/v2/widget"
	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

var (
	billingOnce  sync.Once
	billingBytes []byte // the database file
	billingErr   error
)

// billingBook returns a database holding a demo book with its two years
// of billing played out, made once per run; each test gets a copy.
func billingBook(t *testing.T) string {
	t.Helper()
	billingOnce.Do(func() {
		dir, err := os.MkdirTemp("", "groupdesk-billing-ui-")
		if err != nil {
			billingErr = err
			return
		}
		defer os.RemoveAll(dir)
		if billingErr = seedBillingBook(filepath.Join(dir, "billing.db")); billingErr == nil {
			billingBytes, billingErr = os.ReadFile(filepath.Join(dir, "billing.db"))
		}
	})
	if billingErr != nil {
		t.Fatal(billingErr)
	}
	path := filepath.Join(t.TempDir(), "ui.db")
	if err := os.WriteFile(path, billingBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func seedBillingBook(path string) error {
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	o := demo.Options{Seed: 7, People: 1500, Today: testToday}
	sc, known := demo.NewBilling(o, demo.Generate(o))
	if err := db.Load(ctx, known, nil); err != nil {
		return err
	}
	carrier := model.WithPrincipal(ctx, &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	_, err = db.SeedBilling(carrier, sc)
	return err
}

// newBillingShell is the test shell over the billing book, on the Billing
// screen of the group in its grace period.
func newBillingShell(t *testing.T) (*Shell, *sqlite.DB, *billingScreen) {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, billingBook(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := test.NewTempApp(t)
	w := a.NewWindow("GroupDesk")
	w.Resize(fyne.NewSize(1280, 800))
	db.Now = testClock()
	s := New(a, w, Deps{Store: db, Ctx: ctx, Now: db.Now, DBPath: db.Path,
		Version: "test", Synchronous: true})
	w.Show()
	s.Start()
	groups, _ := db.Groups(ctx, "Golden Gate Bakery")
	if len(groups) != 1 {
		t.Fatalf("the demo book has no Golden Gate Bakery: %v", groups)
	}
	s.SelectGroup(groups[0])
	if !s.ShowScreen("Billing") {
		t.Fatal("there is no Billing screen")
	}
	return s, db, s.front.(*billingScreen)
}

func TestTheBillingScreenShowsTwoYearsOfInvoicesAndTheGracePeriod(t *testing.T) {
	s, _, b := newBillingShell(t)
	if len(b.invoices) != demo.BillingMonths {
		t.Fatalf("%d invoices, want %d", len(b.invoices), demo.BillingMonths)
	}
	if !strings.Contains(b.warning.Text, "In the grace period") || b.warning.Hidden {
		t.Fatalf("the warning says %q", b.warning.Text)
	}
	if b.detail.inv.ID != b.invoices[0].ID || len(b.detail.current.lines) != b.invoices[0].LineCount || b.detail.pay.Disabled() {
		t.Fatalf("the newest invoice is not shown ready to pay: %s, %d lines", b.detail.inv.Number, len(b.detail.current.lines))
	}
	if len(b.premium.Objects) == 0 {
		t.Fatal("no monthly premium chart")
	}
	if !homeHas(s, model.AlertInvoiceInGrace) || !homeHas(s, model.AlertInvoicePastDue) {
		t.Fatalf("Home does not warn of the grace period (%v) and the invoice past due (%v)",
			homeHas(s, model.AlertInvoiceInGrace), homeHas(s, model.AlertInvoicePastDue))
	}
	for i, c := range homeChartList {
		if c.title == "Monthly premium" && len(s.home.charts.images[i]) == 0 {
			t.Fatal("Home has no monthly premium chart")
		}
	}
}

func TestAPaymentIsCheckedSentOnceAndShownInTheHistory(t *testing.T) {
	s, db, b := newBillingShell(t)
	before := len(b.payments)
	b.openPayment(b.invoices[0])
	f := b.payForm
	if want := b.invoices[0].Balance() + b.invoices[1].Balance(); f.amount.Text != want.Decimal() {
		t.Fatalf("the form offers %s, want what is owed, %s", f.amount.Text, want.Decimal())
	}
	f.bank.routing.SetText("121000359")
	if f.bank.routing.Validate() == nil {
		t.Fatal("a routing number with a wrong check digit passed the form")
	}
	f.bank.account.SetText("000123456789")
	f.submit()
	if ops, _ := db.Outbox(s.deps.Ctx); len(ops) != 0 || len(b.payments) != before {
		t.Fatalf("a mistyped routing number queued %d operations", len(ops))
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	f.bank.routing.SetText("121000358")
	f.submit()
	f.submit() // a double click
	if ops, _ := db.Outbox(s.deps.Ctx); len(ops) != 1 || ops[0].ID != f.id {
		t.Fatalf("after paying twice: %d operations", len(ops))
	}
	if len(b.payments) != before+1 || paymentNote(&b.payments[0]) != "Not sent to the carrier yet" {
		t.Fatalf("the history: %d payments, first %+v", len(b.payments), b.payments[0])
	}
}

func TestReconcilingAnInvoiceShowsTheReport(t *testing.T) {
	s, _, b := newBillingShell(t)
	b.reconcile(b.invoices[2])
	if got := overlayText(s.win); !strings.Contains(got, "compared with the roster") || !strings.Contains(got, "Save as PDF") {
		t.Fatalf("the reconciliation shows %q", firstLine(got))
	}
}

func TestAutopayIsSetUpChangedAndCancelledAndThePaperBillChosen(t *testing.T) {
	s, db, b := newBillingShell(t)
	set := b.setup
	outbox := func() int {
		ops, err := db.Outbox(s.deps.Ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(ops)
	}
	if b.account.Autopay != nil || set.autopay.Text != "Automatic payments: off" || !set.cancel.Hidden || set.change.Disabled() {
		t.Fatalf("before: %q, cancel hidden %v", set.autopay.Text, set.cancel.Hidden)
	}
	set.openAutopay()
	f := set.form
	f.routing.SetText("121000359")
	f.account.SetText("000123456789")
	if f.routing.Validate() == nil {
		t.Fatal("the autopay form took a routing number with a wrong check digit")
	}
	set.saveAutopay(f)
	if n := outbox(); n != 0 || b.account.Autopay != nil {
		t.Fatalf("a mistyped routing number queued %d operations", n)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	f.routing.SetText("121000358")
	set.saveAutopay(f)
	if n := outbox(); n != 1 || b.account.Autopay == nil || b.account.Autopay.Bank.Account != "********6789" ||
		!strings.Contains(set.autopay.Text, "6789") || set.change.Text != "Change autopay…" || set.cancel.Hidden {
		t.Fatalf("after setting up: %d operations, %q, %q", n, set.autopay.Text, set.change.Text)
	}

	set.openAutopay()
	f = set.form
	f.routing.SetText("021000021")
	f.account.SetText("000987654321")
	f.kind.SetSelected(model.Savings.Label())
	set.saveAutopay(f)
	if a := b.account.Autopay; outbox() != 2 || a == nil || a.Bank.Type != model.Savings || a.Bank.Account != "********4321" {
		t.Fatalf("after the change: %+v", a)
	}

	set.cancelAutopay()
	if outbox() != 3 || b.account.Autopay != nil || set.autopay.Text != "Automatic payments: off" || !set.cancel.Hidden {
		t.Fatalf("after cancelling: %q", set.autopay.Text)
	}

	paper := !set.paper.Checked
	set.paper.SetChecked(paper)
	want := model.DeliveryOnline
	if paper {
		want = model.DeliveryPaper
	}
	if outbox() != 4 || b.account.Delivery != want || set.paper.Checked != paper {
		t.Fatalf("after choosing the paper bill %v: delivery %s", paper, b.account.Delivery)
	}
	if !strings.Contains(s.status.Text, "Bill delivery") {
		t.Fatalf("the status line says %q", s.status.Text)
	}
}

func TestTheInvoiceAndTheReconciliationAreSavedAsPDFAndWorkbook(t *testing.T) {
	s, db, b := newBillingShell(t)
	inv := b.invoices[0]
	dir := t.TempDir()
	b.writeInvoice(inv, filepath.Join(dir, "invoice.pdf"))
	text := strings.Join(strings.Fields(pdfText(t, filepath.Join(dir, "invoice.pdf"))), " ")
	for _, want := range []string{inv.Number, "Golden Gate Bakery LLC", inv.AmountDue.String(), "Amount due by " + inv.DueOn.US(),
		"Important information about your bill", "Your health plan is billing you for the cost of your health coverage"} {
		if !strings.Contains(text, want) {
			t.Errorf("the invoice PDF lacks %q", want)
		}
	}
	b.writeInvoice(inv, filepath.Join(dir, "invoice.xlsx"))
	if rows := xlsxRows(t, filepath.Join(dir, "invoice.xlsx"), "Lines"); rows != inv.LineCount+1 {
		t.Fatalf("the workbook's Lines sheet has %d rows, want %d lines and the header", rows, inv.LineCount)
	}

	r, err := db.ReconcileInvoice(s.deps.Ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	b.writeDiscrepancies(r, filepath.Join(dir, "report.pdf"))
	if text := pdfText(t, filepath.Join(dir, "report.pdf")); !strings.Contains(text, inv.Number) {
		t.Fatalf("the discrepancy report does not name the invoice: %.200s", text)
	}
	b.writeDiscrepancies(r, filepath.Join(dir, "report.xlsx"))
	if rows := xlsxRows(t, filepath.Join(dir, "report.xlsx"), "Discrepancies"); rows != len(r.Items)+1 {
		t.Fatalf("the discrepancy workbook has %d rows for %d discrepancies", rows, len(r.Items))
	}
	if !strings.Contains(s.status.Text, "report.xlsx") {
		t.Fatalf("the status line says %q", s.status.Text)
	}
}

// xlsxRows reads a workbook with openpyxl, read-only (which trusts the
// sheet's recorded dimension, as streaming readers do), and returns the
// rows of a sheet (the first when sheet is "").
func xlsxRows(t *testing.T, path, sheet string) int {
	t.Helper()
	script := `import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb[sys.argv[2]] if sys.argv[2] else wb.worksheets[0]
print(sum(1 for _ in ws.iter_rows(values_only=True)))`
	out, err := exec.Command("/usr/bin/python3", "-c", script, path, sheet).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl could not read %s: %v\n%s", filepath.Base(path), err, out)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("openpyxl: %s", out)
	}
	return n
}

func TestTheBillingScreenFollowsTheRole(t *testing.T) {
	s, _, b := newBillingShell(t)
	for _, tc := range []struct {
		role        model.Role
		shown, pays bool
	}{{model.RoleMembership, false, false}, {model.RoleReadOnly, true, false}, {model.RoleBilling, true, true}} {
		s.deps.Ctx = model.WithPrincipal(s.baseCtx, &model.Principal{UserID: "u", Name: "Pat Lee",
			Grants: map[string]model.Role{b.group.ID: tc.role}})
		s.refreshNav()
		if got := s.ShowScreen("Billing"); got != tc.shown {
			t.Fatalf("a %s user sees the Billing screen: %v", tc.role.Label(), got)
		}
		if !tc.shown {
			if homeHas(s, model.AlertInvoiceInGrace) {
				t.Fatalf("a %s user is warned of the grace period", tc.role.Label())
			}
			continue
		}
		b.load()
		if len(b.invoices) != demo.BillingMonths || b.detail.inv.ID != b.invoices[0].ID {
			t.Fatalf("a %s user sees %d invoices", tc.role.Label(), len(b.invoices))
		}
		if b.detail.pay.Disabled() == tc.pays || b.history.pay.Disabled() == tc.pays || b.setup.change.Disabled() == tc.pays ||
			b.setup.paper.Disabled() == tc.pays {
			t.Fatalf("a %s user: pay enabled %v, autopay %v, paper bill %v", tc.role.Label(), !b.detail.pay.Disabled(),
				!b.setup.change.Disabled(), !b.setup.paper.Disabled())
		}
	}
}

// A paid invoice's due date says it was paid, not how many days ago it
// was due (which read as overdue); an unpaid one says how far off it is.
func TestTheDueDateOfAPaidInvoiceSaysPaid(t *testing.T) {
	_, _, b := newBillingShell(t)
	due := func() string {
		for i, o := range b.detail.facts.Objects {
			if l, ok := o.(*widget.Label); ok && l.Text == "Due" && i+1 < len(b.detail.facts.Objects) {
				if v, ok := b.detail.facts.Objects[i+1].(*widget.Label); ok {
					return v.Text
				}
			}
		}
		t.Fatal("the invoice's facts have no due date")
		return ""
	}
	var paid, unpaid bool
	for _, inv := range b.invoices {
		switch {
		case inv.Status == model.InvoicePaid && !paid:
			b.detail.show(inv)
			if got := due(); !strings.HasSuffix(got, ", paid") || strings.Contains(got, "ago") {
				t.Errorf("paid invoice %s: due %q", inv.Number, got)
			}
			paid = true
		case inv.Status.Unpaid() && !unpaid:
			b.detail.show(inv)
			if got := due(); strings.HasSuffix(got, ", paid") || !strings.Contains(got, inv.DueOn.US()+", ") {
				t.Errorf("unpaid invoice %s: due %q", inv.Number, got)
			}
			unpaid = true
		}
	}
	if !paid || !unpaid {
		t.Fatalf("the demo group has paid %v and unpaid %v invoices: want both", paid, unpaid)
	}
}

// TestThePaymentHistoryFitsTheWindow: in a 1280×800 window every column of
// the payment history, the note last, shows without scrolling sideways,
// and the note takes the width the others leave.
func TestThePaymentHistoryFitsTheWindow(t *testing.T) {
	_, _, b := newBillingShell(t)
	for i, it := range b.tabs.Items {
		if it.Text == "Payments" {
			b.tabs.SelectIndex(i)
		}
	}
	fit := b.history.box.Layout.(*lastColumnLayout)
	width := b.history.table.Size().Width
	used := fit.last + float32(len(paymentColumns)-1)*theme.Padding()
	for _, c := range paymentColumns[:len(paymentColumns)-1] {
		used += c.width
	}
	if width < 900 || used > width {
		t.Fatalf("the columns take %.0f of the table's %.0f", used, width)
	}
	if min := paymentColumns[len(paymentColumns)-1].width; fit.last <= min {
		t.Errorf("the note is %.0f wide, no more than its least (%.0f)", fit.last, min)
	}
}

// An invoice's lines show every tier and relationship whole; the current
// period's columns fit beside the invoice list, and on the retroactive tab
// what changed takes the width the other columns leave.
func TestTheInvoiceLinesFitBesideTheList(t *testing.T) {
	_, _, b := newBillingShell(t)
	lines := b.detail
	used := float32(len(currentLineColumns)-1) * theme.Padding() // the lines between columns
	for _, c := range currentLineColumns {
		used += c.width
		labelsFit(t, c.title, c.width)
	}
	if width := lines.current.table.Size().Width - theme.ScrollBarSize(); width < 600 || used > width {
		t.Errorf("the current period's columns take %.0f of the table's %.0f", used, width)
	}
	lines.lineTabs.SelectIndex(1)
	for _, c := range retroLineColumns {
		labelsFit(t, c.title, c.width)
	}
	fit := lines.retro.view.(*fyne.Container).Layout.(*lastColumnLayout)
	if least := retroLineColumns[len(retroLineColumns)-1].width; fit.last <= least {
		t.Errorf("what changed is %.0f wide, no more than its least (%.0f)", fit.last, least)
	}
}

// Each invoice in the list shows its month whole beside any amount and
// status, at the list's width in a 1280-wide window.
func TestTheInvoiceListShowsEveryMonthWhole(t *testing.T) {
	_, _, b := newBillingShell(t)
	width := b.list.Size().Width - 2*theme.Padding()
	for _, st := range []model.InvoiceStatus{model.InvoiceOpen, model.InvoicePartial, model.InvoicePaid, model.InvoicePastDue,
		model.InvoiceInGrace, model.InvoiceCancelled} {
		inv := model.Invoice{Period: model.PeriodOf(model.MustDate("2026-11-01")), AmountDue: 9_999_999, Status: st}
		r := newInvoiceRow()
		r.Resize(fyne.NewSize(width, r.MinSize().Height))
		r.set(&inv)
		if need, got := widget.NewLabel(r.month.Text).MinSize().Width, r.month.Size().Width; got < need {
			t.Errorf("%s, %s: the month %q is %.0f wide, it needs %.0f", r.status.Text, r.amount.Text, r.month.Text, got, need)
		}
	}
}
