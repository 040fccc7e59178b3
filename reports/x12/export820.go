package x12

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// Detail says how an 820 details what a payment pays.
type Detail string

const (
	// DetailAuto lists each subscriber when the payment pays the whole
	// invoice, and sends the summary otherwise.
	DetailAuto    Detail = ""
	DetailMember  Detail = "member"  // one remittance per subscriber (2000B), from the invoice's lines
	DetailSummary Detail = "summary" // one organization summary (2000A) with the invoice and the member count
)

// Options820 say how to write an 820.
type Options820 struct {
	Detail  Detail
	Now     time.Time
	Carrier Carrier
	Test    bool
}

// Summary820 says what an export wrote.
type Summary820 struct {
	Control int64
	Detail  Detail
	Members int // remittances per subscriber
	Amount  model.Money
	Invoice string
}

// Export820 writes the 820 of a payment in the store: remittance advice
// (BPR01 I) for the payment the carrier draws from the group's account,
// reassociated by its trace number (TRN02, the payment's confirmation),
// with the remittance detail of the invoice it pays. The group's bank
// account is not written: the carrier holds it from the payment itself.
func Export820(ctx context.Context, db *sqlite.DB, paymentID string, w io.Writer, o Options820) (Summary820, error) {
	var sum Summary820
	p, g, err := findPayment(ctx, db, paymentID)
	if err != nil {
		return sum, err
	}
	if p.Status == model.PaymentCancelled || p.Status == model.PaymentReturned {
		return sum, model.Errorf(model.EINVALID, "Payment %s was %s: there is nothing to remit.", p.ID, p.Status.Label())
	}
	inv, err := db.Invoice(ctx, p.InvoiceID)
	if err != nil {
		return sum, err
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Carrier = carrierOf(ctx, db, g.ID, o.Carrier)
	on := p.On
	if !p.ProcessedOn.IsZero() {
		on = p.ProcessedOn
	}
	payer := sponsor(&g)
	r := &Remittance{Handling: "I", Amount: p.Amount, CreditDebit: "C", Method: "NON", EffectiveOn: on,
		Trace: orDefault(p.Confirmation, p.ID), TraceOriginator: "1" + payer.ID, AccountRef: g.Number, InvoiceRef: inv.Number,
		From: inv.Period.First(), To: inv.Period.Last(), Receiver: o.Carrier.party(), Payer: Party{Name: g.Name, IDQual: payer.IDQual, ID: payer.ID}}
	if payer.IDQual != "FI" {
		r.TraceOriginator = payer.ID
	}
	detail := o.Detail
	whole := p.Amount == inv.Charges() && inv.HasLines()
	switch {
	case detail == DetailMember && !inv.HasLines():
		return sum, model.Errorf(model.ENOTFOUND, "The lines of invoice %s are not on this computer yet: open the invoice while signed in to fetch them, or send the summary.", inv.Number)
	case detail == DetailMember && !whole:
		return sum, model.Errorf(model.EINVALID, "Payment %s (%s) does not pay invoice %s whole (%s): the remittance per member would not add up to the payment; send the summary.",
			p.ID, p.Amount, inv.Number, inv.Charges())
	case detail == DetailAuto && whole:
		detail = DetailMember
	case detail == DetailAuto:
		detail = DetailSummary
	}
	if detail == DetailMember {
		r.Members = memberRemittances(&inv)
	} else {
		ent := Party{IDQual: payer.IDQual, ID: payer.ID}
		if ent.IDQual != "FI" {
			ent = Party{}
		}
		r.Summary = &Summary{EntityQual: ent.IDQual, EntityID: ent.ID, Invoice: inv.Number, Paid: p.Amount, Billed: inv.Charges(),
			From: inv.Period.First(), To: inv.Period.Last(), Members: inv.Members}
	}
	if sum.Control, err = db.NextX12Control(ctx); err != nil {
		return sum, err
	}
	sum.Detail, sum.Members, sum.Amount, sum.Invoice = detail, len(r.Members), p.Amount, inv.Number
	env := Envelope{SenderQual: "ZZ", SenderID: g.Number, ReceiverQual: "ZZ", ReceiverID: orDefault(o.Carrier.ID, o.Carrier.Name),
		Control: sum.Control, Created: o.Now, Test: o.Test}
	var buf bytes.Buffer
	if err := Write820(&buf, env, r); err != nil {
		return sum, err
	}
	if _, err := Read820(buf.Bytes()); err != nil {
		return sum, fmt.Errorf("the 820 written for payment %s does not validate: %w", p.ID, err)
	}
	_, err = w.Write(buf.Bytes())
	return sum, err
}

// memberRemittances is one remittance per subscriber: their line of the
// month and their retroactive lines.
func memberRemittances(inv *model.Invoice) []MemberRemittance {
	var out []MemberRemittance
	at := map[string]int{}
	add := func(l *model.InvoiceLine, month bool) {
		i, ok := at[l.SubscriberID]
		if !ok {
			last, first := splitName(l.Name)
			i = len(out)
			at[l.SubscriberID] = i
			out = append(out, MemberRemittance{EmployeeID: l.EmployeeID, Last: last, First: first, Invoice: inv.Number,
				From: inv.Period.First(), To: inv.Period.Last()})
		}
		out[i].Paid += l.Amount
		out[i].Billed += l.Amount
		if !month && l.Month.First().Before(out[i].From) {
			out[i].From = l.Month.First()
		}
	}
	for i := range inv.Lines {
		add(&inv.Lines[i], true)
	}
	for i := range inv.Retro {
		add(&inv.Retro[i], false)
	}
	return out
}

// splitName splits "Last, First" as invoice lines carry names.
func splitName(s string) (last, first string) {
	last, first, _ = strings.Cut(s, ",")
	return strings.TrimSpace(last), strings.TrimSpace(first)
}

// findPayment finds a payment by its ID among the groups the caller may
// see.
func findPayment(ctx context.Context, db *sqlite.DB, id string) (model.Payment, model.Group, error) {
	groups, err := db.Groups(ctx, "")
	if err != nil {
		return model.Payment{}, model.Group{}, err
	}
	for _, g := range groups {
		pays, err := db.Payments(ctx, g.ID)
		if err != nil {
			continue // a group whose billing the caller cannot see
		}
		for _, p := range pays {
			if p.ID == id || (p.Confirmation != "" && p.Confirmation == id) {
				return p, g.Group, nil
			}
		}
	}
	return model.Payment{}, model.Group{}, model.Errorf(model.ENOTFOUND, "There is no payment %q in this database (give its ID or confirmation number).", id)
}
