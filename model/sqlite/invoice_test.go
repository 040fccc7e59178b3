package sqlite

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// Premiums of the billing book in the 2026 plan year.
var (
	annaRate = model.Money(50000).MulRound(model.CurveFederal2018.Factor(45)) // Anna, 45 on January 1
	kaiRate  = model.Money(50000).MulRound(model.CurveFederal2018.Factor(10)) // Kai, 10
)

// retroKey names a retroactive line: member, month, kind.
func retroKeys(inv model.Invoice) map[string]model.Money {
	out := map[string]model.Money{}
	for _, l := range inv.Retro {
		out[fmt.Sprintf("%s %s %s", l.MemberID, l.Month, l.Kind)] = l.Amount
	}
	return out
}

func TestLateAddsAndTermsAppearAsRetroLinesOnTheNextInvoiceMonthByMonth(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	jan := s.invoice("2026-01")
	if jan.IssuedOn.String() != "2025-12-01" || jan.DueOn.String() != "2025-12-20" || jan.Current != annaRate+120000 || len(jan.Retro) != 0 {
		t.Fatalf("January: issued %s due %s current %s retro %d", jan.IssuedOn, jan.DueOn, jan.Current, len(jan.Retro))
	}
	s.pay("2026-01", jan.AmountDue, "2025-12-15")
	s.runDays("2025-12-02", "2026-01-01")
	feb := s.invoice("2026-02")
	s.pay("2026-02", feb.AmountDue-10000, "2026-01-15") // $100 short
	// Entered on January 10: Kai, Anna's son, covered since January 1, and
	// the end of Bea's coverage on January 31.
	s.at("2026-01-10")
	kai := model.Member{ID: "kai", GroupID: billingGroup, SubscriberID: "anna", EmployeeID: "E-anna", Relationship: model.RelChild,
		FirstName: "Kai", LastName: "Wiśniewska", DateOfBirth: model.MustDate("2015-05-05"), PlanID: "GOLD", Tier: model.TierEC,
		Status: model.StatusActive, Effective: model.MustDate("2026-01-01")}
	must(t, s.CreateMember(billingCtx, &kai))
	s.change("2026-01-10", "bea", func(m *model.Member) {
		m.Status, m.Termination, m.TermReason = model.StatusTerminated, model.MustDate("2026-01-31"), "Divorce or legal separation"
	})
	s.runDays("2026-01-02", "2026-02-01")

	mar := s.invoice("2026-03")
	want := map[string]model.Money{"kai 2026-01 add": kaiRate, "kai 2026-02 add": kaiRate, "ben 2026-02 change": -60000, "bea 2026-02 termination": 0}
	if got := retroKeys(mar); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("March's retroactive lines %v, want %v", got, want)
	}
	if mar.PreviousBalance != feb.AmountDue || mar.PaymentsReceived != feb.AmountDue-10000 ||
		mar.AmountDue != 10000+mar.Current+mar.RetroTotal || mar.Current != annaRate+kaiRate+60000 {
		t.Fatalf("March's statement: previous %s, received %s, current %s, retro %s, due %s", mar.PreviousBalance, mar.PaymentsReceived,
			mar.Current, mar.RetroTotal, mar.AmountDue)
	}
	s.pay("2026-03", mar.AmountDue, "2026-02-15")
	s.runDays("2026-02-02", "2026-03-01")
	apr := s.invoice("2026-04")
	if len(apr.Retro) != 0 || apr.PreviousBalance != mar.AmountDue || apr.AmountDue != apr.Current {
		t.Fatalf("April repeats or carries wrongly: retro %v, previous %s, due %s of %s", retroKeys(apr), apr.PreviousBalance, apr.AmountDue, apr.Current)
	}
	s.pay("2026-04", apr.AmountDue, "2026-03-15")
	// Entered on March 10: Anna's coverage, and Kai's, ended February 28.
	for _, id := range []string{"anna", "kai"} {
		s.change("2026-03-10", id, func(m *model.Member) {
			m.Status, m.Termination, m.TermReason = model.StatusTerminated, model.MustDate("2026-02-28"), "Voluntary resignation"
		})
	}
	s.runDays("2026-03-02", "2026-04-01")
	may := s.invoice("2026-05")
	want = map[string]model.Money{"anna 2026-03 termination": -annaRate, "anna 2026-04 termination": -annaRate,
		"kai 2026-03 termination": -kaiRate, "kai 2026-04 termination": -kaiRate}
	if got := retroKeys(may); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("May's retroactive lines %v, want %v", got, want)
	}
	if may.Current != 60000 || may.AmountDue != 60000-2*(annaRate+kaiRate) || may.LineCount != 1 {
		t.Fatalf("May: current %s, due %s (a credit), %d lines", may.Current, may.AmountDue, may.LineCount)
	}
	for _, p := range []string{"2026-01", "2026-02", "2026-03", "2026-04"} {
		if inv := s.invoice(p); inv.Status != model.InvoicePaid {
			t.Errorf("%s is %s, want paid (the credit covers what February left)", p, inv.Status)
		}
	}
}

func TestAGroupThatStopsPayingGoesPastDueIntoGraceAndIsCancelledOnItsLastPaidMonth(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	s.pay("2026-01", s.invoice("2026-01").AmountDue, "2025-12-15")
	s.runDays("2025-12-02", "2026-01-01")
	s.pay("2026-02", s.invoice("2026-02").AmountDue, "2026-01-18")
	for _, step := range []struct{ day, want string }{
		{"2026-02-20", "open"}, {"2026-02-21", "past_due"}, {"2026-03-01", "in_grace"}, {"2026-03-30", "in_grace"},
		{"2026-03-31", "cancelled_nonpayment"},
	} {
		s.runDays(model.MustDate(step.day).AddDays(-20).String(), step.day)
		if got := s.invoice("2026-03"); string(got.Status) != step.want {
			t.Fatalf("on %s March's invoice is %s, want %s", step.day, got.Status, step.want)
		}
	}
	mar := s.invoice("2026-03")
	if g := mar.Grace; g == nil || g.SentOn.String() != "2026-03-01" || g.Ends.String() != "2026-03-30" || mar.CoverageEnds.String() != "2026-02-28" {
		t.Fatalf("grace %+v, coverage ends %s", mar.Grace, mar.CoverageEnds)
	}
	notice := count(t, s.DB, `audit WHERE entity = 'invoice' AND entity_id = ? AND summary LIKE '%Notice of start of grace period sent%'`, mar.ID)
	if notice != 1 {
		t.Fatalf("the notice of start of grace period is recorded %d times", notice)
	}
	acct, err := s.BillingAccount(billingCtx, billingGroup)
	if err != nil || acct.Cancelled == nil || acct.Cancelled.CoverageEnds.String() != "2026-02-28" {
		t.Fatalf("the account: %+v %v", acct.Cancelled, err)
	}
	s.runDays("2026-04-01", "2026-05-02")
	if apr := s.invoice("2026-04"); apr.Status != model.InvoiceCancelled {
		t.Fatalf("April, issued before the cancellation, is %s", apr.Status)
	}
	if n := count(t, s.DB, `invoices WHERE period > '2026-04'`); n != 0 {
		t.Fatalf("%d invoices issued after the cancellation", n)
	}
}

func TestTheBillingJobRunTwiceOnADayDoesNothingMore(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	feed := count(t, s.DB, `changes`)
	if rep := s.run("2025-12-01"); len(rep.Issued)+len(rep.Moved)+len(rep.Autopay) != 0 || count(t, s.DB, `changes`) != feed {
		t.Fatalf("the second run: %+v", rep)
	}
	if n := count(t, s.DB, `invoices`); n != 1 {
		t.Fatalf("%d invoices", n)
	}
}

func TestTheFeedCarriesInvoiceHeadersAndMaskedPayments(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	s.pay("2026-01", 1000, "2025-12-15")
	s.run("2025-12-15")
	var inv, pay string
	s.read.QueryRow(`SELECT data FROM changes WHERE entity = 'invoice'`).Scan(&inv)
	s.read.QueryRow(`SELECT data FROM changes WHERE entity = 'payment'`).Scan(&pay)
	if strings.Contains(inv, `"lines"`) || !strings.Contains(inv, `"line_count":2`) {
		t.Fatalf("the invoice in the feed: %.300s", inv)
	}
	if strings.Contains(pay, bankAccount.Account) || !strings.Contains(pay, "********6789") {
		t.Fatalf("the payment in the feed: %s", pay)
	}
	if n := count(t, s.DB, `audit WHERE after LIKE ?`, "%"+bankAccount.Account+"%"); n != 0 {
		t.Fatalf("the full account number is in %d audit entries", n)
	}
}
