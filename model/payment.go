package model

import (
	"strings"
	"time"
)

// AccountType is the kind of bank account a payment is drawn on.
type AccountType string

const (
	Checking AccountType = "checking"
	Savings  AccountType = "savings"
)

// Label is the account type for people.
func (t AccountType) Label() string {
	if t == Savings {
		return "Savings"
	}
	return "Checking"
}

// BankAccount is the account a premium payment is drawn from.
type BankAccount struct {
	Holder  string      `json:"holder"`
	Routing string      `json:"routing"`
	Account string      `json:"account"` // digits; shown and synced masked
	Type    AccountType `json:"type"`
}

// Validate checks the account before anything is sent: the routing
// number's ABA checksum, an account number of 4 to 17 digits, the type and
// the holder's name.
func (b BankAccount) Validate() error {
	var p Problems
	if strings.TrimSpace(b.Holder) == "" {
		p.Add("holder", "give the name on the bank account")
	}
	if err := ValidRouting(b.Routing); err != nil {
		p = append(p, err.(*Error))
	}
	if n := len(b.Account); n < 4 || n > 17 || digits(b.Account) != b.Account {
		p.Add("account", "an account number has 4 to 17 digits")
	}
	if b.Type != Checking && b.Type != Savings {
		p.Add("type", "the account is checking or savings, not %q", b.Type)
	}
	return p.Err()
}

// Last4 is the account number's last four digits.
func (b BankAccount) Last4() string {
	if len(b.Account) < 4 {
		return b.Account
	}
	return b.Account[len(b.Account)-4:]
}

// Masked is the account with all but the last four digits of its number
// hidden: what the change feed and the screens carry.
func (b BankAccount) Masked() BankAccount {
	if len(b.Account) > 4 && !strings.HasPrefix(b.Account, "*") {
		b.Account = strings.Repeat("*", len(b.Account)-4) + b.Last4()
	}
	return b
}

// Describe is the account for people: "Checking ****6789 (Acme Inc.)".
func (b BankAccount) Describe() string {
	return b.Type.Label() + " ****" + b.Last4() + " (" + strings.TrimSpace(b.Holder) + ")"
}

// PaymentStatus is where a payment stands.
type PaymentStatus string

const (
	PaymentScheduled PaymentStatus = "scheduled" // accepted; drawn on its date
	PaymentProcessed PaymentStatus = "processed" // drawn and posted
	PaymentReturned  PaymentStatus = "returned"  // the bank returned it: the balance reopens
	PaymentCancelled PaymentStatus = "cancelled" // not drawn (bank payments blocked by then)
)

// Label is the status for people.
func (s PaymentStatus) Label() string {
	switch s {
	case PaymentScheduled:
		return "Scheduled"
	case PaymentProcessed:
		return "Processed"
	case PaymentReturned:
		return "Returned"
	case PaymentCancelled:
		return "Cancelled"
	}
	return string(s)
}

// Payment is a premium payment from the group's bank account. Its ID is
// made on the desktop and is also the ID of the operation that sends it,
// so a payment sent twice is taken once.
type Payment struct {
	ID           string        `json:"id"`
	GroupID      string        `json:"group_id"`
	InvoiceID    string        `json:"invoice_id"`
	Unit         string        `json:"unit,omitempty"`
	Amount       Money         `json:"amount"`
	On           Date          `json:"on"` // the day to draw it
	Bank         BankAccount   `json:"bank"`
	Autopay      bool          `json:"autopay,omitempty"`
	Status       PaymentStatus `json:"status"`
	Confirmation string        `json:"confirmation,omitempty"`
	SubmittedBy  string        `json:"submitted_by,omitempty"`
	SubmittedAt  time.Time     `json:"submitted_at"`
	ProcessedOn  Date          `json:"processed_on"`
	ReturnedOn   Date          `json:"returned_on"`
	Reason       string        `json:"reason,omitempty"` // why it was returned or cancelled
	Version      int64         `json:"version"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// MaxPaymentDays is how far ahead a payment may be dated.
const MaxPaymentDays = 90

// Check refuses a payment that cannot be taken: no invoice, no amount,
// a date in the past or too far ahead, or a bank account that fails its
// checks. Nothing is sent until it passes.
func (p *Payment) Check(today Date) error {
	var probs Problems
	if p.InvoiceID == "" {
		probs.Add("invoice_id", "choose the invoice to pay")
	}
	if p.Amount <= 0 {
		probs.Add("amount", "the amount must be more than zero")
	}
	switch {
	case p.On.IsZero():
		probs.Add("on", "choose the day to pay")
	case p.On.Before(today):
		probs.Add("on", "a payment cannot be dated in the past (%s)", p.On.US())
	case today.DaysUntil(p.On) > MaxPaymentDays:
		probs.Add("on", "a payment can be scheduled at most %d days ahead", MaxPaymentDays)
	}
	if err := p.Bank.Validate(); err != nil {
		probs = append(probs, detailsOf(err)...)
	}
	return probs.Err()
}

// detailsOf lists an error's problems.
func detailsOf(err error) Problems {
	e, ok := err.(*Error)
	if !ok {
		return Problems{Errorf(EINVALID, "%v", err)}
	}
	if len(e.Details) > 0 {
		return e.Details
	}
	return Problems{e}
}

// Counts reports whether the payment counts toward the balance on a day:
// drawn by then and not returned by then.
func (p *Payment) Counts(on Date) bool {
	if p.ProcessedOn.IsZero() || p.ProcessedOn.After(on) {
		return false
	}
	return p.ReturnedOn.IsZero() || p.ReturnedOn.After(on)
}

// Pending reports whether the payment waits for its date.
func (p *Payment) Pending() bool { return p.Status == PaymentScheduled }

// NetPaid is what the payments had paid by a day: drawn and not returned.
func NetPaid(pays []Payment, on Date) Money {
	var sum Money
	for i := range pays {
		if pays[i].Counts(on) {
			sum += pays[i].Amount
		}
	}
	return sum
}

// ConfirmationNumber is the confirmation a payment gets when the account
// service accepts it: the day and a digest of its ID, so the same payment
// always has the same number.
func ConfirmationNumber(id string, on Date) string {
	var h uint32 = 2166136261
	for i := 0; i < len(id); i++ {
		h = (h ^ uint32(id[i])) * 16777619
	}
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	code := make([]byte, 6)
	for i := range code {
		code[i] = alphabet[h%32]
		h /= 32
	}
	return on.Time().Format("060102") + "-" + string(code)
}
