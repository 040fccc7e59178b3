package model

import "fmt"

// Invoice alerts on Home, in the book of business and on the calendar.
const (
	AlertInvoiceDue     AlertKind = "invoice_due"
	AlertInvoicePastDue AlertKind = "invoice_past_due"
	AlertInvoiceInGrace AlertKind = "invoice_in_grace"
)

// InvoiceDueDays is how long before its due date an invoice is announced.
const InvoiceDueDays = 30

// InvoiceAlerts returns an alert for each unpaid invoice of a group that
// needs attention on a day: due within a month (drafted automatically
// when autopay is on), past due, or in the grace period with the day
// coverage would end.
func InvoiceAlerts(invs []Invoice, group string, autopay bool, today Date) []Alert {
	var out []Alert
	for i := range invs {
		inv := &invs[i]
		if a, ok := invoiceAlert(inv, group, autopay, today); ok {
			out = append(out, a)
		}
	}
	return out
}

func invoiceAlert(inv *Invoice, group string, autopay bool, today Date) (Alert, bool) {
	a := Alert{GroupID: inv.GroupID, Group: group, Subject: "Invoice " + inv.Number, SubjectID: inv.ID}
	owed := inv.Balance()
	switch inv.Status {
	case InvoiceInGrace:
		g := GraceNotice{Starts: inv.Period.First(), Ends: inv.Period.First()}
		if inv.Grace != nil {
			g = *inv.Grace
		}
		a.Kind, a.Severity, a.Due = AlertInvoiceInGrace, SeverityUrgent, g.Ends
		a.Text = fmt.Sprintf("In the grace period: pay %s by %s, or coverage is cancelled as of %s (invoice for %s)", owed, g.Ends.US(),
			inv.Period.First().AddDays(-1).US(), inv.Period.Label())
	case InvoicePastDue:
		a.Kind, a.Severity, a.Due = AlertInvoicePastDue, SeverityUrgent, inv.DueOn
		a.Text = fmt.Sprintf("Past due: %s of the invoice for %s was due %s", owed, inv.Period.Label(), inv.DueOn.US())
	case InvoiceOpen, InvoicePartial:
		if today.DaysUntil(inv.DueOn) > InvoiceDueDays {
			return a, false
		}
		a.Kind, a.Due = AlertInvoiceDue, inv.DueOn
		a.Severity = SeverityBy(today, inv.DueOn)
		a.Text = fmt.Sprintf("Invoice for %s: %s due %s", inv.Period.Label(), owed, inv.DueOn.US())
		if autopay {
			a.Severity = SeverityInfo
			a.Text = fmt.Sprintf("Invoice for %s: %s will be drafted automatically on %s", inv.Period.Label(), owed, inv.DueOn.US())
		}
	default:
		return a, false
	}
	return a, true
}
