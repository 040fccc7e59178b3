package model

import (
	"strings"
	"time"
)

// Autopay draws each invoice's balance on its due date from a bank account.
type Autopay struct {
	Bank  BankAccount `json:"bank"`
	Since Date        `json:"since"`
	By    string      `json:"by,omitempty"`
}

// Cancellation is the end of a group's coverage for non-payment: the grace
// period ended unpaid, and coverage ends on the last day of the last fully
// paid month (CMS SHOP FAQ 1571).
type Cancellation struct {
	On           Date   `json:"on"`
	CoverageEnds Date   `json:"coverage_ends"`
	Unit         string `json:"unit,omitempty"`
	InvoiceID    string `json:"invoice_id,omitempty"` // the oldest unpaid invoice
}

// BillingAccount is a group's billing set-up on the carrier's side: how
// the bill is delivered, automatic payments, which billing unit each
// department belongs to, and the carrier's holds. The group changes
// Delivery and Autopay; the rest is the carrier's.
type BillingAccount struct {
	ID       string          `json:"id"`
	GroupID  string          `json:"group_id"`
	Delivery BillingDelivery `json:"delivery"`
	Autopay  *Autopay        `json:"autopay,omitempty"`
	// Units maps a department to its billing unit; a department that
	// names a unit goes to it, any other to the first unit.
	Units       map[string]string `json:"units,omitempty"`
	Since       Period            `json:"since"` // the first billed month
	BankBlocked bool              `json:"bank_blocked,omitempty"`
	BlockedOn   Date              `json:"blocked_on"`
	BlockReason string            `json:"block_reason,omitempty"`
	Cancelled   *Cancellation     `json:"cancelled,omitempty"`
	Version     int64             `json:"version"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

// BillingAccountID is the ID of a group's billing account.
func BillingAccountID(groupID string) string { return "billing-" + groupID }

// UnitOf is the billing unit of a subscriber in a department: "" for a
// group billed as one.
func (a *BillingAccount) UnitOf(g *Group, dept string) string {
	if len(g.BillingUnits) == 0 {
		return ""
	}
	for _, u := range g.BillingUnits {
		if strings.EqualFold(u, dept) {
			return u
		}
	}
	if u, ok := a.Units[dept]; ok {
		return u
	}
	return g.BillingUnits[0]
}

// BillingUnits lists the group's billing streams: its units, or one unnamed.
func BillingUnits(g *Group) []string {
	if len(g.BillingUnits) == 0 {
		return []string{""}
	}
	return g.BillingUnits
}

// MaxReturns is how many returned payments in twelve months block bank
// payments until the carrier lifts the block.
const MaxReturns = 2

// ReturnsWithin counts the payments returned in the twelve months up to a
// day.
func ReturnsWithin(pays []Payment, on Date) int {
	n := 0
	since := on.AddYears(-1)
	for i := range pays {
		r := pays[i].ReturnedOn
		if !r.IsZero() && r.After(since) && !r.After(on) {
			n++
		}
	}
	return n
}

// CheckBankPayment refuses a bank payment while the carrier blocks them.
func (a *BillingAccount) CheckBankPayment() error {
	if a.BankBlocked {
		return Errorf(EFORBIDDEN, "Bank payments are blocked since %s: %s Call the carrier's Customer Service Center to lift the block.",
			a.BlockedOn.US(), a.BlockReason)
	}
	if a.Cancelled != nil {
		return Errorf(EINVALID, "Coverage ended on %s for non-payment; the carrier decides on reinstatement.", a.Cancelled.CoverageEnds.US())
	}
	return nil
}

// Masked is the account as the change feed carries it: the autopay bank
// account number masked.
func (a BillingAccount) Masked() BillingAccount {
	if a.Autopay != nil {
		ap := *a.Autopay
		ap.Bank = ap.Bank.Masked()
		a.Autopay = &ap
	}
	return a
}
