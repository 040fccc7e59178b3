package model

import "fmt"

// Standing is a billing unit's invoices as they stand on a day.
type Standing struct {
	Invoices []Invoice // updated copies, oldest month first
	Changed  []bool    // which of them differ from what was given
	// Balance is every charge issued by the day less the payments that
	// count: negative for a credit.
	Balance Money
	// Cancelled is set when the grace period ended unpaid (now or before).
	Cancelled *Cancellation
}

// StreamStanding works out a billing unit's invoices (oldest month first)
// on a day from its payments: payments pay the oldest charges first
// (credits count as payments); an invoice unpaid after its due date is
// past due; once its coverage month has started it is in the grace period,
// which begins the day after the last day of paid coverage and lasts the
// rule's days, the notice of its start recorded; after it, coverage is
// cancelled back to the last day of the last fully paid month. A
// cancellation already made (cancelled) stays: the months after it are
// not billed, whatever comes in later.
func StreamStanding(invs []Invoice, pays []Payment, today Date, rule BillingRule, cancelled *Cancellation) Standing {
	st := Standing{Invoices: make([]Invoice, len(invs)), Changed: make([]bool, len(invs)), Cancelled: cancelled}
	copy(st.Invoices, invs)
	allocate(st.Invoices, NetPaid(pays, today))
	for i := range st.Invoices {
		st.Balance += st.Invoices[i].Charges()
	}
	st.Balance -= NetPaid(pays, today)
	oldest := -1
	for i := range st.Invoices {
		if st.Invoices[i].Balance() > 0 {
			oldest = i
			break
		}
	}
	returned := lastReturn(pays, today)
	for i := range st.Invoices {
		st.settle(i, oldest, returned, today, rule)
	}
	for i := range invs {
		st.Changed[i] = differs(&invs[i], &st.Invoices[i])
	}
	return st
}

// allocate spreads what was paid over the invoices' charges, oldest first.
// An invoice that credits more than it charges counts as paid.
func allocate(invs []Invoice, paid Money) {
	pool := paid
	for i := range invs {
		if c := invs[i].Charges(); c < 0 {
			pool -= c
		}
	}
	for i := range invs {
		c := max(0, invs[i].Charges())
		take := min(max(pool, 0), c)
		invs[i].Paid = take
		if invs[i].Charges() < 0 {
			invs[i].Paid = invs[i].Charges()
		}
		pool -= take
	}
}

// settle gives invoice i its status on the day; oldest is the oldest
// invoice with a balance (-1 when none), which the grace period runs from.
func (st *Standing) settle(i, oldest int, returned, today Date, rule BillingRule) {
	inv := &st.Invoices[i]
	switch {
	case st.Cancelled != nil && inv.Period.First().After(st.Cancelled.CoverageEnds):
		inv.CoverageEnds = st.Cancelled.CoverageEnds
		inv.move(today, InvoiceCancelled, fmt.Sprintf("Coverage ended %s for non-payment", st.Cancelled.CoverageEnds.US()))
	case inv.Balance() == 0:
		inv.move(today, InvoicePaid, "Paid in full")
	case !today.After(inv.DueOn):
		to := InvoiceOpen
		if inv.Paid > 0 {
			to = InvoicePartial
		}
		inv.move(today, to, "")
	case today.Before(inv.Period.First()):
		inv.move(today, InvoicePastDue, fmt.Sprintf("%s was due %s", inv.Balance(), inv.DueOn.US()))
	default:
		st.delinquent(inv, &st.Invoices[oldest], returned, today, rule)
	}
}

// delinquent moves an unpaid invoice whose coverage month has started
// into the grace period, or cancels coverage once the grace period ended.
// The grace period starts the day after the last day of paid coverage, or
// on the day a payment came back returned, if later: a month the group
// paid for is not taken away without a grace period of its own.
func (st *Standing) delinquent(inv, oldest *Invoice, returned, today Date, rule BillingRule) {
	lastPaid := oldest.Period.First().AddDays(-1)
	start := lastPaid.AddDays(1)
	if returned.After(start) {
		start = returned
	}
	ends := rule.GraceEnds(start.AddDays(-1))
	if today.After(ends) {
		st.Cancelled = &Cancellation{On: today, CoverageEnds: lastPaid, Unit: oldest.Unit, InvoiceID: oldest.ID}
		inv.CoverageEnds = lastPaid
		inv.move(today, InvoiceCancelled, fmt.Sprintf("The grace period ended %s unpaid: coverage ended %s for non-payment", ends.US(), lastPaid.US()))
		return
	}
	g := &GraceNotice{SentOn: today, Starts: start, Ends: ends, Days: rule.GraceDays, Source: rule.Source}
	if inv.Grace != nil && inv.Grace.Starts == g.Starts {
		g.SentOn = inv.Grace.SentOn
	}
	inv.Grace = g
	inv.move(today, InvoiceInGrace, fmt.Sprintf("Notice of start of grace period sent: coverage continues through %s; unpaid, it ends %s",
		ends.US(), lastPaid.US()))
}

func differs(a, b *Invoice) bool {
	if a.Paid != b.Paid || a.Status != b.Status || len(a.History) != len(b.History) || a.CoverageEnds != b.CoverageEnds {
		return true
	}
	return (a.Grace == nil) != (b.Grace == nil) || (a.Grace != nil && *a.Grace != *b.Grace)
}

// lastReturn is the latest day a payment came back returned, by today.
func lastReturn(pays []Payment, today Date) Date {
	var last Date
	for i := range pays {
		if r := pays[i].ReturnedOn; !r.IsZero() && !r.After(today) && r.After(last) {
			last = r
		}
	}
	return last
}
