package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// stream is a billing unit's invoices for consecutive months from first,
// each charging the given amount, issued and due by the default rule.
func stream(first string, charges ...model.Money) []model.Invoice {
	p := mustPeriod(first)
	var out []model.Invoice
	for i, c := range charges {
		q := p.Add(i)
		out = append(out, model.Invoice{ID: "inv-" + q.String(), Number: q.String(), Period: q, Current: c, Status: model.InvoiceOpen,
			IssuedOn: model.DefaultBillingRule.IssueDate(q), DueOn: model.DefaultBillingRule.DueDate(q)})
	}
	return out
}

// paid is a payment drawn on a day.
func paid(amount model.Money, on string) model.Payment {
	return model.Payment{ID: "p-" + on, Amount: amount, On: model.MustDate(on), ProcessedOn: model.MustDate(on), Status: model.PaymentProcessed}
}

func TestAGroupThatStopsPayingGoesPastDueIntoGraceThenIsCancelledOnItsLastPaidMonth(t *testing.T) {
	invs := stream("2026-01", 100000, 100000, 100000)
	pays := []model.Payment{paid(100000, "2025-12-15"), paid(100000, "2026-01-18")}
	var cancelled *model.Cancellation
	for _, step := range []struct {
		name, day string
		want      model.InvoiceStatus
	}{
		{"March's invoice is open until its due date", "2026-02-20", model.InvoiceOpen},
		{"the day after the due date it is past due", "2026-02-21", model.InvoicePastDue},
		{"coverage of March starts unpaid: the grace period begins", "2026-03-01", model.InvoiceInGrace},
		{"the grace period runs 30 days from the last paid day", "2026-03-30", model.InvoiceInGrace},
		{"the day after it ends, coverage is cancelled", "2026-03-31", model.InvoiceCancelled},
		{"a payment after the cancellation does not undo it", "2026-04-05", model.InvoiceCancelled},
	} {
		t.Run(step.name, func(t *testing.T) {
			if step.day == "2026-04-05" {
				pays = append(pays, paid(100000, "2026-04-02"))
			}
			st := model.StreamStanding(invs, pays, model.MustDate(step.day), model.DefaultBillingRule, cancelled)
			invs, cancelled = st.Invoices, st.Cancelled
			mar := invs[2]
			if mar.Status != step.want || invs[0].Status != model.InvoicePaid || invs[1].Status != model.InvoicePaid {
				t.Fatalf("on %s: %s %s %s, want March %s", step.day, invs[0].Status, invs[1].Status, mar.Status, step.want)
			}
		})
	}
	mar := invs[2]
	if g := mar.Grace; g == nil || g.SentOn.String() != "2026-03-01" || g.Starts.String() != "2026-03-01" || g.Ends.String() != "2026-03-30" || g.Days != 30 {
		t.Fatalf("the notice of start of grace period: %+v", mar.Grace)
	}
	if cancelled == nil || cancelled.CoverageEnds.String() != "2026-02-28" || mar.CoverageEnds.String() != "2026-02-28" {
		t.Fatalf("cancelled %+v, coverage ends %s; want the last day of February, the last paid month", cancelled, mar.CoverageEnds)
	}
	var moves []model.InvoiceStatus
	for _, h := range mar.History {
		moves = append(moves, h.To)
	}
	if len(moves) != 3 || moves[0] != model.InvoicePastDue || moves[1] != model.InvoiceInGrace || moves[2] != model.InvoiceCancelled {
		t.Fatalf("history %v", moves)
	}
}

func TestPaymentsPayTheOldestChargesFirstAndAReturnReopensTheBalance(t *testing.T) {
	invs := stream("2026-03", 100000, 80000)
	day := model.MustDate("2026-02-25") // April's invoice is not issued yet
	for _, tc := range []struct {
		name   string
		pays   []model.Payment
		status model.InvoiceStatus
		paid   model.Money
	}{
		{"nothing paid after the due date is past due", nil, model.InvoicePastDue, 0},
		{"part of it paid is still past due", []model.Payment{paid(40000, "2026-02-10")}, model.InvoicePastDue, 40000},
		{"paid in full is paid", []model.Payment{paid(40000, "2026-02-10"), paid(60000, "2026-02-24")}, model.InvoicePaid, 100000},
		{"a returned payment reopens the balance", []model.Payment{paid(40000, "2026-02-10"), returned(paid(60000, "2026-02-24"), "2026-02-25")},
			model.InvoicePastDue, 40000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := model.StreamStanding(invs[:1], tc.pays, day, model.DefaultBillingRule, nil)
			if got := st.Invoices[0]; got.Status != tc.status || got.Paid != tc.paid || st.Balance != 100000-tc.paid {
				t.Fatalf("%s paid %s balance %s", got.Status, got.Paid, st.Balance)
			}
		})
	}
	t.Run("before its due date a part payment is partially paid", func(t *testing.T) {
		st := model.StreamStanding(invs, []model.Payment{paid(130000, "2026-03-05")}, model.MustDate("2026-03-10"), model.DefaultBillingRule, nil)
		if st.Invoices[0].Status != model.InvoicePaid || st.Invoices[1].Status != model.InvoicePartial || st.Invoices[1].Paid != 30000 {
			t.Fatalf("%+v", st.Invoices)
		}
	})
}

func returned(p model.Payment, on string) model.Payment {
	p.Status, p.ReturnedOn = model.PaymentReturned, model.MustDate(on)
	return p
}

func TestAReturnedPaymentGivesAGracePeriodOfItsOwn(t *testing.T) {
	invs := stream("2026-01", 100000, 100000)
	pays := []model.Payment{paid(100000, "2025-12-15"), returned(paid(100000, "2026-01-18"), "2026-03-10")}
	st := model.StreamStanding(invs, pays, model.MustDate("2026-03-10"), model.DefaultBillingRule, nil)
	feb := st.Invoices[1]
	if feb.Status != model.InvoiceInGrace || feb.Grace.Starts.String() != "2026-03-10" || feb.Grace.Ends.String() != "2026-04-08" {
		t.Fatalf("February after its payment came back on March 10: %s %+v", feb.Status, feb.Grace)
	}
}

func TestAutopayDraftsTheBalanceOnEachDueDate(t *testing.T) {
	invs := stream("2026-03", 100000, 95000, 97500)
	invs[1].RetroTotal = -5000 // a member ended in March, credited on April's invoice
	pays := []model.Payment{paid(100000, "2026-02-20")}
	for _, tc := range []struct {
		name, on string
		pays     []model.Payment
		want     model.Money
	}{
		{"March's invoice on its due date: all of it", "2026-02-20", nil, 100000},
		{"April's, March paid: April's charges with the credit", "2026-03-20", pays, 90000},
		{"April's, with a payment already scheduled for it", "2026-03-20", append(pays, model.Payment{Amount: 30000, On: model.MustDate("2026-03-18"), Status: model.PaymentScheduled}), 60000},
		{"nothing when everything is paid", "2026-03-20", append(pays, paid(90000, "2026-03-02")), 0},
		{"May's invoice is not drafted before it is issued", "2026-03-31", append(pays, paid(90000, "2026-03-20")), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.AutopayDraft(invs, tc.pays, model.MustDate(tc.on)); got != tc.want {
				t.Fatalf("draft %s, want %s", got, tc.want)
			}
		})
	}
}
