package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestInvoiceAlertsSayWhatIsDuePastDueOrInGrace(t *testing.T) {
	inv := stream("2026-03", 100000)[0]
	inGrace := inv
	inGrace.Status, inGrace.Grace = model.InvoiceInGrace, &model.GraceNotice{Starts: model.MustDate("2026-03-01"), Ends: model.MustDate("2026-03-30")}
	pastDue := inv
	pastDue.Status = model.InvoicePastDue
	paidInv := inv
	paidInv.Status, paidInv.Paid = model.InvoicePaid, 100000
	for _, tc := range []struct {
		name    string
		inv     model.Invoice
		autopay bool
		today   string
		kind    model.AlertKind
		sev     model.Severity
		text    string
	}{
		{"an invoice due in more than a month is not announced", inv, false, "2026-01-15", "", 0, ""},
		{"an invoice due within a month is announced", inv, false, "2026-02-01", model.AlertInvoiceDue, model.SeverityWarning, "$1,000.00 due 02/20/2026"},
		{"within a week it is urgent", inv, false, "2026-02-15", model.AlertInvoiceDue, model.SeverityUrgent, "due 02/20/2026"},
		{"with autopay it is drafted, nothing to do", inv, true, "2026-02-15", model.AlertInvoiceDue, model.SeverityInfo, "drafted automatically on 02/20/2026"},
		{"past due is urgent", pastDue, false, "2026-02-22", model.AlertInvoicePastDue, model.SeverityUrgent, "Past due: $1,000.00"},
		{"in grace says when coverage ends", inGrace, false, "2026-03-02", model.AlertInvoiceInGrace, model.SeverityUrgent, "pay $1,000.00 by 03/30/2026, or coverage is cancelled as of 02/28/2026"},
		{"a paid invoice needs nothing", paidInv, false, "2026-02-15", "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := model.InvoiceAlerts([]model.Invoice{tc.inv}, "Łódź Bakery", tc.autopay, model.MustDate(tc.today))
			if tc.kind == "" {
				if len(got) != 0 {
					t.Fatalf("got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Kind != tc.kind || got[0].Severity != tc.sev || !strings.Contains(got[0].Text, tc.text) {
				t.Fatalf("got %+v, want %s (%s) saying %q", got, tc.kind, tc.sev.Label(), tc.text)
			}
		})
	}
}

func TestBillingRulesComeFromTheMostSpecificRow(t *testing.T) {
	rows := []model.BillingRule{{GraceDays: 30, IssueDay: 1, DueDay: 20}, {State: "WA", GraceDays: 10, IssueDay: 1, DueDay: 25},
		{Carrier: "KP", State: "WA", GraceDays: 12, IssueDay: 5, DueDay: 25}}
	for _, tc := range []struct {
		name, carrier, state string
		grace                int
	}{
		{"California takes the 30-day default row", "", "CA", 30},
		{"Washington takes its state's 10 days", "", "WA", 10},
		{"a carrier's row in its state wins", "KP", "WA", 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := model.BillingRuleFor(rows, tc.carrier, tc.state); r.GraceDays != tc.grace {
				t.Fatalf("grace %d, want %d", r.GraceDays, tc.grace)
			}
		})
	}
	r := model.DefaultBillingRule
	if p := r.PeriodIssuedOn(model.MustDate("2026-02-01")); p.String() != "2026-03" {
		t.Fatalf("on Feb 1 the March invoice is issued, not %s", p)
	}
	if p := r.PeriodIssuedOn(model.MustDate("2026-01-31")); p.String() != "2026-02" {
		t.Fatalf("on Jan 31 the latest issued is February's, not %s", p)
	}
	if err := (&model.BillingRule{GraceDays: 0, IssueDay: 20, DueDay: 10}).Validate(); err == nil {
		t.Fatal("a rule due before it is issued passed")
	}
}

func TestPeriodsReadAndCountMonths(t *testing.T) {
	p := mustPeriod("2026-11")
	if p.Add(3).String() != "2027-02" || p.Last().String() != "2026-11-30" || p.Label() != "November 2026" || p.MonthsUntil(mustPeriod("2028-01")) != 14 {
		t.Fatalf("%s %s %s %d", p.Add(3), p.Last(), p.Label(), p.MonthsUntil(mustPeriod("2028-01")))
	}
	for _, bad := range []string{"2026-13", "2026-1", "26-01", ""} {
		if _, err := model.ParsePeriod(bad); err == nil {
			t.Errorf("%q read as a month", bad)
		}
	}
}
