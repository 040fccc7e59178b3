package model

import (
	"context"
	"time"
)

// Entities of billing in the audit log, the outbox and the change feed.
const (
	EntityInvoice        = "invoice"
	EntityPayment        = "payment"
	EntityBillingAccount = "billing_account"
)

// InvoiceStatus is where an invoice stands.
type InvoiceStatus string

const (
	InvoiceOpen      InvoiceStatus = "open"           // issued, nothing paid, not yet due
	InvoicePartial   InvoiceStatus = "partially_paid" // some paid, not yet due
	InvoicePaid      InvoiceStatus = "paid"
	InvoicePastDue   InvoiceStatus = "past_due"             // due date passed; the coverage month has not started
	InvoiceInGrace   InvoiceStatus = "in_grace"             // unpaid coverage continues in the grace period
	InvoiceCancelled InvoiceStatus = "cancelled_nonpayment" // the grace period ended unpaid
)

// InvoiceStatuses lists the statuses in the order an unpaid invoice moves
// through them.
var InvoiceStatuses = []InvoiceStatus{InvoiceOpen, InvoicePartial, InvoicePaid, InvoicePastDue, InvoiceInGrace, InvoiceCancelled}

// Label is the status for people.
func (s InvoiceStatus) Label() string {
	switch s {
	case InvoiceOpen:
		return "Open"
	case InvoicePartial:
		return "Partially paid"
	case InvoicePaid:
		return "Paid"
	case InvoicePastDue:
		return "Past due"
	case InvoiceInGrace:
		return "In grace period"
	case InvoiceCancelled:
		return "Cancelled for non-payment"
	}
	return string(s)
}

// Unpaid reports whether the invoice still asks for money.
func (s InvoiceStatus) Unpaid() bool { return s != InvoicePaid && s != InvoiceCancelled }

// LineKind says what an invoice line bills.
type LineKind string

const (
	LineCurrent LineKind = "current"     // the billed month, one line a subscriber
	LineAdd     LineKind = "add"         // retroactive: coverage added to a billed month
	LineTerm    LineKind = "termination" // retroactive: coverage ended in a billed month (a credit)
	LineChange  LineKind = "change"      // retroactive: plan, tier or premium changed in a billed month
)

// Label is the kind for people.
func (k LineKind) Label() string {
	switch k {
	case LineCurrent:
		return "Current"
	case LineAdd:
		return "Added"
	case LineTerm:
		return "Terminated"
	case LineChange:
		return "Changed"
	}
	return string(k)
}

// InvoiceLine is one line of an invoice. A current line bills a
// subscriber's family for the invoice's month; a retroactive line corrects
// one member's charge for one earlier, already billed month.
type InvoiceLine struct {
	Kind         LineKind     `json:"kind"`
	Month        Period       `json:"month"`
	SubscriberID string       `json:"subscriber_id"`
	MemberID     string       `json:"member_id"`
	EmployeeID   string       `json:"employee_id"`
	Name         string       `json:"name"` // "Last, First" as on the roster when billed
	Relationship Relationship `json:"relationship"`
	PlanID       string       `json:"plan_id"`
	PlanName     string       `json:"plan_name,omitempty"`
	Tier         Tier         `json:"tier"`
	Covered      int          `json:"covered,omitempty"` // current lines: the family's covered members
	Amount       Money        `json:"amount"`
	Note         string       `json:"note,omitempty"` // retroactive lines: what changed
}

// GraceNotice is the Notice of Start of Grace Period the carrier sent: the
// grace period begins the day after the last day of paid coverage and
// coverage continues through its end (DOMAIN.md §6).
type GraceNotice struct {
	SentOn Date   `json:"sent_on"`
	Starts Date   `json:"starts"`
	Ends   Date   `json:"ends"`
	Days   int    `json:"days"`
	Source string `json:"source,omitempty"`
}

// InvoiceStep is one status change of an invoice.
type InvoiceStep struct {
	On   Date          `json:"on"`
	From InvoiceStatus `json:"from,omitempty"`
	To   InvoiceStatus `json:"to"`
	Note string        `json:"note,omitempty"`
}

// Invoice is the carrier's monthly statement for a group's billing unit:
// the billed month's charges, retroactive adjustments for earlier months,
// the previous balance and the payments since, and the amount due.
type Invoice struct {
	ID       string `json:"id"`
	GroupID  string `json:"group_id"`
	Unit     string `json:"unit,omitempty"` // the billing unit; "" when the group has one bill
	Number   string `json:"number"`
	Period   Period `json:"period"`
	IssuedOn Date   `json:"issued_on"`
	DueOn    Date   `json:"due_on"`
	// Lines and Retro travel apart from the rest (they can run to
	// thousands): nil means they were not fetched; the counts say how many
	// there are.
	Lines       []InvoiceLine `json:"lines,omitempty"`
	Retro       []InvoiceLine `json:"retro,omitempty"`
	LineCount   int           `json:"line_count"`
	RetroCount  int           `json:"retro_count"`
	Subscribers int           `json:"subscribers"`
	Members     int           `json:"members"`
	Current     Money         `json:"current"`
	RetroTotal  Money         `json:"retro_total"`
	// The statement: previous balance − payments received + payments
	// returned + current + retroactive = amount due.
	PreviousBalance  Money `json:"previous_balance"`
	PaymentsReceived Money `json:"payments_received"`
	PaymentsReturned Money `json:"payments_returned"`
	AmountDue        Money `json:"amount_due"`
	// Paid is what payments cover of this invoice's own charges, the
	// oldest invoice first.
	Paid         Money         `json:"paid"`
	Status       InvoiceStatus `json:"status"`
	Grace        *GraceNotice  `json:"grace,omitempty"`
	CoverageEnds Date          `json:"coverage_ends"` // cancelled: the last day of the last fully paid month
	History      []InvoiceStep `json:"history,omitempty"`
	Problems     []string      `json:"problems,omitempty"` // families that could not be rated
	Version      int64         `json:"version"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// Charges is what this invoice bills itself: current and retroactive.
func (inv *Invoice) Charges() Money { return inv.Current + inv.RetroTotal }

// Balance is what remains unpaid of this invoice's own charges.
func (inv *Invoice) Balance() Money { return max(0, inv.Charges()-inv.Paid) }

// Header is the invoice without its lines: what the change feed carries.
func (inv Invoice) Header() Invoice {
	inv.Lines, inv.Retro = nil, nil
	return inv
}

// HasLines reports whether the lines are here (or there are none).
func (inv *Invoice) HasLines() bool {
	return len(inv.Lines) == inv.LineCount && len(inv.Retro) == inv.RetroCount
}

// UnitLabel names the billing unit, or "" for a group with one bill.
func (inv *Invoice) UnitLabel() string { return inv.Unit }

// move records a status change.
func (inv *Invoice) move(on Date, to InvoiceStatus, note string) {
	if inv.Status == to {
		return
	}
	inv.History = append(append([]InvoiceStep(nil), inv.History...), InvoiceStep{On: on, From: inv.Status, To: to, Note: note})
	inv.Status = to
}

// BillingService is what the Billing screen reads and does. Reads need
// billing.view; payments, automatic payments and the paper-bill choice
// need billing.pay.
type BillingService interface {
	// Invoices lists a group's invoices from since on, the newest first,
	// without their lines.
	Invoices(ctx context.Context, groupID string, since Period) ([]Invoice, error)
	// Invoice returns one invoice with the lines this desktop holds.
	Invoice(ctx context.Context, id string) (Invoice, error)
	Payments(ctx context.Context, groupID string) ([]Payment, error)
	BillingAccount(ctx context.Context, groupID string) (BillingAccount, error)
	// SchedulePayment checks a payment and queues it; the same payment ID
	// sent again is taken once.
	SchedulePayment(ctx context.Context, p *Payment) error
	// SetAutopay sets up or changes automatic payments; nil cancels them.
	SetAutopay(ctx context.Context, groupID string, a *Autopay) error
	SetDelivery(ctx context.Context, groupID string, d BillingDelivery) error
}
