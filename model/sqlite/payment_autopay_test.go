package sqlite

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestAutopayDraftsEachInvoicesBalanceOnItsDueDate(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	d := openBillingDesktop(t, s, model.RoleBilling)
	must(t, d.SetAutopay(d.ctx, billingGroup, &model.Autopay{Bank: bankAccount}))
	if res := d.push(); len(res) != 1 || res[0].Status != model.ResultApplied {
		t.Fatalf("setting up autopay: %+v", res)
	}
	var data string
	s.read.QueryRow(`SELECT data FROM billing_accounts`).Scan(&data)
	if !strings.Contains(data, bankAccount.Account) {
		t.Fatal("the service does not hold the account to draw")
	}
	if g, _ := s.Group(billingCtx, billingGroup); !g.Autopay {
		t.Fatal("the group's record does not show automatic payments")
	}
	s.runDays("2025-12-02", "2026-01-09")
	// Entered on January 10: Bea's coverage ended December 31 (back into
	// January and February, already billed): March's invoice credits it.
	s.change("2026-01-10", "bea", func(m *model.Member) {
		m.Status, m.Termination, m.TermReason = model.StatusTerminated, model.MustDate("2025-12-31"), "Divorce or legal separation"
	})
	s.runDays("2026-01-10", "2026-03-25")
	jan, feb, mar, apr := s.invoice("2026-01"), s.invoice("2026-02"), s.invoice("2026-03"), s.invoice("2026-04")
	if mar.RetroTotal != -2*60000 {
		t.Fatalf("March credits January and February: %s", mar.RetroTotal)
	}
	want := []struct {
		on     string
		amount model.Money
	}{{"2025-12-20", jan.AmountDue}, {"2026-01-20", feb.Charges()}, {"2026-02-20", mar.Charges()}, {"2026-03-20", apr.Charges()}}
	pays, _ := s.Payments(billingCtx, billingGroup)
	if len(pays) != len(want) {
		t.Fatalf("%d payments, want %d: %+v", len(pays), len(want), pays)
	}
	for i, w := range want {
		p := pays[len(pays)-1-i]
		if !p.Autopay || p.ProcessedOn.String() != w.on || p.Amount != w.amount || p.Status != model.PaymentProcessed {
			t.Errorf("draft %d: %s %s (autopay %v), want %s on %s", i+1, p.Amount, p.ProcessedOn, p.Autopay, w.amount, w.on)
		}
	}
	for _, inv := range []model.Invoice{jan, feb, mar, apr} {
		if inv.Status != model.InvoicePaid {
			t.Errorf("%s is %s", inv.Period, inv.Status)
		}
	}
	must(t, d.SetAutopay(d.ctx, billingGroup, nil))
	d.push()
	s.runDays("2026-03-26", "2026-04-25")
	if n := count(t, s.DB, `payments`); n != 4 {
		t.Fatalf("after cancelling autopay %d payments", n)
	}
}

func TestAReturnedPaymentReopensTheBalanceAndTwoInAYearBlockBankPayments(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	jan := s.invoice("2026-01")
	first := s.pay("2026-01", jan.AmountDue, "2025-12-10")
	s.runDays("2025-12-02", "2025-12-10")
	if got := s.invoice("2026-01"); got.Status != model.InvoicePaid {
		t.Fatalf("after paying: %s", got.Status)
	}
	returned, err := s.ReturnPayment(billingCtx, first.ID, s.at("2025-12-12"), "")
	must(t, err)
	if returned.Status != model.PaymentReturned || !strings.Contains(returned.Reason, "insufficient funds") {
		t.Fatalf("the returned payment: %+v", returned)
	}
	if got := s.invoice("2026-01"); got.Status != model.InvoiceOpen || got.Paid != 0 || got.Balance() != jan.AmountDue {
		t.Fatalf("the return did not reopen the balance: %s, paid %s", got.Status, got.Paid)
	}
	s.runDays("2025-12-12", "2025-12-21")
	if got := s.invoice("2026-01"); got.Status != model.InvoicePastDue {
		t.Fatalf("unpaid again after its due date: %s", got.Status)
	}
	second := s.pay("2026-01", jan.AmountDue, "2025-12-22")
	s.run("2025-12-22")
	_, err = s.ReturnPayment(billingCtx, second.ID, s.at("2025-12-28"), "R02 account closed")
	must(t, err)
	d := openBillingDesktop(t, s, model.RoleBilling)
	acct, _ := d.BillingAccount(d.ctx, billingGroup)
	if !acct.BankBlocked || acct.BlockedOn.String() != "2025-12-28" {
		t.Fatalf("after the second return in a year: %+v", acct)
	}
	p := d.newPayment("2026-01", 1000, "2025-12-29")
	if err := d.SchedulePayment(d.ctx, &p); model.ErrorCode(err) != model.EFORBIDDEN || !strings.Contains(model.ErrorMessage(err), "Customer Service Center") {
		t.Fatalf("a bank payment while blocked: %v", err)
	}
	op := model.Operation{ID: p.ID, GroupID: billingGroup, Entity: model.EntityPayment, EntityID: p.ID, Action: model.ActionCreate, Payload: []byte(mustJSON(p))}
	if res, _ := s.ApplyOps(d.ctx, []model.Operation{op}); res[0].Status != model.ResultRefused {
		t.Fatalf("the service took a payment while blocked: %+v", res[0])
	}
	_, err = s.LiftBankBlock(billingCtx, billingGroup)
	must(t, err)
	d.pull()
	p.ID = NewID()
	must(t, d.SchedulePayment(d.ctx, &p))
}
