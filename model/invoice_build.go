package model

import (
	"fmt"
	"time"
)

// InvoiceInput is what one month's invoice of a billing unit is made from.
type InvoiceInput struct {
	ID, Number string
	Group      Group
	Unit       string
	Period     Period
	Rule       BillingRule
	Plans      map[string]*Plan
	// Families is the unit's roster now, each subscriber first.
	Families [][]Member
	// Known holds, by subscriber, the snapshot of each family last billed
	// whose roster changed since or that may be waiting for a plan change;
	// other families are billed from the roster alone. Changed marks the
	// families whose roster differs from their snapshot, or that were never
	// billed.
	Known   map[string]*BillingSnapshot
	Changed map[string]bool
	// Gone are families billed before that are no longer on the roster.
	Gone []*BillingSnapshot
	// Window lists the months already billed that retroactive lines may
	// correct, oldest first.
	Window []Period
	// Previous is the unit's last invoice (nil for the first); Received
	// and Returned are the payments drawn and returned since it was issued.
	Previous           *Invoice
	Received, Returned Money
	At                 time.Time
}

// InvoiceDraft is a new invoice and the snapshots of the families it
// billed afresh (changed, or billed for the first time), which the next
// invoice compares with.
type InvoiceDraft struct {
	Invoice   Invoice
	Snapshots []BillingSnapshot
	Dropped   []string // subscribers of Gone, whose snapshots go
}

// BuildInvoice makes the invoice: a line per subscriber for the month, a
// retroactive line per member and earlier month whose charge changed, and
// the statement from the previous balance to the amount due.
func BuildInvoice(in InvoiceInput) InvoiceDraft {
	rb := &RatingBasis{Group: in.Group, Plans: in.Plans}
	inv := Invoice{ID: in.ID, Number: in.Number, GroupID: in.Group.ID, Unit: in.Unit, Period: in.Period,
		IssuedOn: in.Rule.IssueDate(in.Period), DueOn: in.Rule.DueDate(in.Period), Status: InvoiceOpen, UpdatedAt: in.At}
	var d InvoiceDraft
	for _, fam := range in.Families {
		if len(fam) == 0 {
			continue
		}
		known := in.Known[fam[0].ID]
		snap := in.snapshot(fam, known)
		if snap.fresh {
			d.Snapshots = append(d.Snapshots, snap.BillingSnapshot)
		}
		if err := inv.addCurrent(&snap.BillingSnapshot, rb, fam); err != nil {
			inv.Problems = append(inv.Problems, fmt.Sprintf("%s's family was not billed: %s", fam[0].FullName(), ErrorMessage(err)))
			continue
		}
		if in.Changed[fam[0].ID] {
			inv.Retro = append(inv.Retro, retroLines(known, &snap.BillingSnapshot, in.Window, rb, &inv.Problems)...)
		}
	}
	for _, gone := range in.Gone {
		inv.Retro = append(inv.Retro, retroLines(gone, &BillingSnapshot{SubscriberID: gone.SubscriberID}, in.Window, rb, &inv.Problems)...)
		d.Dropped = append(d.Dropped, gone.SubscriberID)
	}
	inv.total(in)
	inv.History = []InvoiceStep{{On: inv.IssuedOn, To: InvoiceOpen, Note: "Issued"}}
	d.Invoice = inv
	return d
}

type snapshotUse struct {
	BillingSnapshot
	fresh bool // to be stored: the family changed or was never billed
}

// snapshot is the family as this invoice bills it: a changed family (or
// one never billed) as it is now, kept for the next invoice; an unchanged
// one as last billed, or from its roster when that was not read.
func (in *InvoiceInput) snapshot(fam []Member, known *BillingSnapshot) snapshotUse {
	switch {
	case in.Changed[fam[0].ID]:
		return snapshotUse{Snapshot(fam, known), true}
	case known != nil:
		return snapshotUse{*known, false}
	}
	return snapshotUse{Snapshot(fam, nil), false}
}

// addCurrent adds the family's line for the invoice's month, if the
// subscriber is covered then.
func (inv *Invoice) addCurrent(s *BillingSnapshot, rb *RatingBasis, fam []Member) error {
	charges, err := s.Charges(inv.Period, rb)
	if err != nil || len(charges) == 0 {
		return err
	}
	sub := &fam[0]
	l := InvoiceLine{Kind: LineCurrent, Month: inv.Period, SubscriberID: sub.ID, MemberID: sub.ID, EmployeeID: sub.EmployeeID,
		Name: sub.SortName(), Relationship: RelEmployee, PlanID: charges[0].PlanID, PlanName: billedPlanName(rb, charges[0].PlanID),
		Tier: charges[0].Tier, Covered: len(charges)}
	for _, c := range charges {
		l.Amount += c.Amount
	}
	inv.Lines = append(inv.Lines, l)
	inv.Subscribers++
	inv.Members += len(charges)
	return nil
}

func billedPlanName(rb *RatingBasis, id string) string {
	if p := rb.Plans[id]; p != nil {
		return p.Name
	}
	return id
}

// total adds up the lines and writes the statement.
func (inv *Invoice) total(in InvoiceInput) {
	for _, l := range inv.Lines {
		inv.Current += l.Amount
	}
	for _, l := range inv.Retro {
		inv.RetroTotal += l.Amount
	}
	inv.LineCount, inv.RetroCount = len(inv.Lines), len(inv.Retro)
	if in.Previous != nil {
		inv.PreviousBalance = in.Previous.AmountDue
	}
	inv.PaymentsReceived, inv.PaymentsReturned = in.Received, in.Returned
	inv.AmountDue = inv.PreviousBalance - inv.PaymentsReceived + inv.PaymentsReturned + inv.Current + inv.RetroTotal
}

// InvoiceNumber is the number printed on an invoice: the group number,
// the month and, for a group billed by unit, the unit's position.
func InvoiceNumber(g *Group, unit string, p Period) string {
	n := fmt.Sprintf("%s-%04d%02d", g.Number, p.Year, int(p.Month))
	for i, u := range g.BillingUnits {
		if u == unit {
			n += fmt.Sprintf("-%d", i+1)
		}
	}
	return n
}
