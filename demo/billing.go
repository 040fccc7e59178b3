package demo

import (
	"hash/fnv"

	"github.com/groupdesk/groupdesk/model"
)

// BillingMonths is how many monthly invoices the demo book has per group.
const BillingMonths = 24

// Billing is what the demo book's groups did about their bills over two
// years: who pays by autopay, who pays each statement and when (a few
// late), the payment that came back returned, the group that stopped
// paying and is in its grace period now, and the enrolments and
// terminations that reached the carrier weeks late (so invoices carry
// retroactive lines). The same options always script the same story.
type Billing struct {
	o        Options
	inGrace  string // group ID
	returned string
	banks    map[string]model.BankAccount
	reports  map[model.Date][]model.Member
}

// NewBilling scripts the billing of a generated book and returns the book
// as the carrier first knew it: without the enrolments and terminations
// that reached it late, which the script reports on the day they did.
// Load that book, then play the script out.
func NewBilling(o Options, b *model.Book) (*Billing, *model.Book) {
	o = o.withDefaults()
	sc := &Billing{o: o, banks: map[string]model.BankAccount{}, reports: map[model.Date][]model.Member{}}
	for i, g := range b.Groups {
		sc.banks[g.ID] = bankFor(g, i)
	}
	if n := len(b.Groups); n > 1 {
		sc.inGrace = b.Groups[min(3, n-1)].ID
		sc.returned = b.Groups[min(5, n-1)].ID
		if sc.returned == sc.inGrace {
			sc.returned = b.Groups[0].ID
		}
	}
	early := *b
	early.Members = sc.takeLate(b.Members)
	return sc, &early
}

// takeLate returns the members as the carrier first knew them, and keeps
// the late news to report: about one family in twenty-five enrolled in
// the last two years reached the carrier 15 to 40 days after its coverage
// began, and one termination in twenty 10 to 35 days after it took effect.
func (sc *Billing) takeLate(ms []model.Member) []model.Member {
	out := make([]model.Member, 0, len(ms))
	since := sc.o.Today.AddYears(-2)
	var lateFamily string
	for _, m := range ms {
		fam := m.SubscriberID
		if fam == "" {
			fam = m.ID
		}
		if h := sc.hash("add" + fam); m.IsSubscriber() && h%25 == 0 && m.Effective.After(since) {
			if on := m.Effective.AddDays(15 + int(h%26)); !on.After(sc.o.Today) {
				lateFamily = fam
			}
		}
		if fam == lateFamily {
			on := m.Effective.AddDays(15 + int(sc.hash("add"+fam)%26))
			sc.reports[on] = append(sc.reports[on], m)
			continue
		}
		if h := sc.hash("term" + fam); !m.Termination.IsZero() && h%20 == 0 {
			if on := m.Termination.AddDays(10 + int(h%26)); !on.After(sc.o.Today) && on.After(since) {
				sc.reports[on] = append(sc.reports[on], m)
				m.Termination, m.Status, m.TermReason = model.Date{}, model.StatusActive, ""
			}
		}
		out = append(out, m)
	}
	return out
}

// Reports are the enrolments and terminations that reached the carrier
// late, by the day they did: each member as the day made them.
func (sc *Billing) Reports() map[model.Date][]model.Member { return sc.reports }

// Today is the day the story ends.
func (sc *Billing) Today() model.Date { return sc.o.Today }

// First is the first month billed: two years of invoices up to the one
// issued most recently.
func (sc *Billing) First(rule model.BillingRule) model.Period {
	return rule.PeriodIssuedOn(sc.o.Today).Add(1 - BillingMonths)
}

// Account is the group's billing set-up: its delivery choice, autopay from
// its bank for the groups that use it, and its departments' billing units.
func (sc *Billing) Account(g model.Group) model.BillingAccount {
	a := model.BillingAccount{ID: model.BillingAccountID(g.ID), GroupID: g.ID, Delivery: g.Delivery, Units: unitMaps[g.Name]}
	if g.Autopay {
		a.Autopay = &model.Autopay{Bank: sc.banks[g.ID], By: g.ContactName}
	}
	return a
}

// Payment is the group's payment of an invoice, dated when the group paid
// it: a few days before it is due, now and then a week late; none from a
// group on autopay, none for a credit, none from the group in grace for
// the month under way and after.
func (sc *Billing) Payment(g model.Group, inv model.Invoice) (model.Payment, bool) {
	if g.Autopay || inv.AmountDue <= 0 || sc.stopped(g, inv) {
		return model.Payment{}, false
	}
	h := sc.hash(g.ID + inv.Period.String())
	on := inv.DueOn.AddDays(-2 - int(h%7))
	if h%17 == 0 {
		on = inv.DueOn.AddDays(3 + int(h%5)) // late: past due for a few days
	}
	on = laterOf(on, inv.IssuedOn.AddDays(1))
	return model.Payment{ID: "demo-payment-" + inv.ID, GroupID: g.ID, InvoiceID: inv.ID, Amount: inv.AmountDue, On: on,
		Bank: sc.banks[g.ID], SubmittedBy: g.ContactName}, true
}

// stopped reports whether the group in grace has stopped paying by this
// invoice: the one for the month under way, whose grace period is open
// today, and every later one.
func (sc *Billing) stopped(g model.Group, inv model.Invoice) bool {
	if g.ID != sc.inGrace {
		return false
	}
	current := model.PeriodOf(sc.o.Today)
	if sc.o.Today.Day > 28 {
		current = current.Add(1) // too late in the month for the grace period to be open: past due instead
	}
	return !inv.Period.Before(current)
}

// Return is the day a payment came back returned by the group's bank, if
// it did: one payment three months ago, five days after it was drawn.
func (sc *Billing) Return(p model.Payment) (model.Date, bool) {
	if p.GroupID != sc.returned || p.Autopay {
		return model.Date{}, false
	}
	inv := model.PeriodOf(sc.o.Today).Add(-3)
	if p.On.Before(inv.Add(-1).First()) || !p.On.Before(inv.First()) {
		return model.Date{}, false
	}
	return p.On.AddDays(5), true
}

func (sc *Billing) hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte{byte(sc.o.Seed), byte(sc.o.Seed >> 8)})
	h.Write([]byte(s))
	return h.Sum32()
}

// bankFor is the group's business bank account.
func bankFor(g model.Group, i int) model.BankAccount {
	routings := []string{"121000358", "021000021", "111000025", "122000247", "322271627", "026009593"}
	acct := "00" + digitsOf(g.FEIN) + "1"
	typ := model.Checking
	if i%5 == 4 {
		typ = model.Savings
	}
	return model.BankAccount{Holder: g.Name, Routing: routings[i%len(routings)], Account: acct[max(0, len(acct)-12):], Type: typ}
}

func digitsOf(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			out = append(out, s[i])
		}
	}
	if len(out) == 0 {
		return "4000"
	}
	return string(out)
}

// unitMaps send each department of the groups billed by unit to its unit.
var unitMaps = map[string]map[string]string{
	"Golden State Grocers, Inc.": {"Store Operations": "Retail Stores", "Fresh Foods": "Retail Stores", "Store Management": "Retail Stores",
		"Loss Prevention": "Retail Stores", "Distribution": "Distribution Centers", "Transportation": "Distribution Centers",
		"Corporate Finance": "Corporate Office", "Information Technology": "Corporate Office", "Human Resources": "Corporate Office",
		"Marketing": "Corporate Office"},
	"Sierra Logistics Corp.": {"Dispatch": "Drivers", "Fleet Maintenance": "Warehouse", "Sales": "Administration",
		"Finance & Accounting": "Administration", "Safety & Compliance": "Administration", "Human Resources": "Administration"},
}
