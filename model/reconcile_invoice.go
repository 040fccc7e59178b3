package model

import (
	"fmt"
	"time"
)

// MemberChange is one recorded change to a member (from the audit log):
// the member before (nil when created) and after.
type MemberChange struct {
	At     time.Time
	Before *Member
	After  *Member
}

// ReconcileInput is what an invoice is checked against.
type ReconcileInput struct {
	Group    Group
	Plans    map[string]*Plan
	Families [][]Member // the billing unit's roster now
	Invoice  *Invoice   // with its lines
	Earlier  []Invoice  // the unit's earlier invoices: when each month was billed
	// History holds, by member, the changes recorded for the members of
	// the families the check needs to look back on.
	History map[string][]MemberChange
	At      time.Time
}

// ReconcileInvoice computes the invoice GroupDesk expects from the roster
// and the rates and compares it line by line with the carrier's: members
// billed but terminated, covered but not billed, on the wrong tier or plan
// or premium, and retroactive lines no recorded change explains.
func ReconcileInvoice(in ReconcileInput) DiscrepancyReport {
	inv := in.Invoice
	r := DiscrepancyReport{Title: "Invoice " + inv.Number + " compared with the roster", GroupID: in.Group.ID, GroupName: in.Group.Name,
		GroupNumber: in.Group.Number, Source: fmt.Sprintf("Invoice %s for %s", inv.Number, inv.Period.Label()),
		Compared: len(inv.Lines) + len(inv.Retro), Found: inv.Charges(), Prepared: in.At}
	rb := &RatingBasis{Group: in.Group, Plans: in.Plans}
	billed := make(map[string]*InvoiceLine, len(inv.Lines))
	for i := range inv.Lines {
		billed[inv.Lines[i].SubscriberID] = &inv.Lines[i]
	}
	for _, fam := range in.Families {
		if len(fam) > 0 {
			r.Items = append(r.Items, in.checkFamily(fam, billed, rb, &r)...)
		}
	}
	for _, l := range inv.Lines {
		if billed[l.SubscriberID] != nil {
			r.Items = append(r.Items, notCovered(l))
		}
	}
	for _, l := range inv.Retro {
		if !in.retroExplained(&l) {
			r.Items = append(r.Items, unmatched(l))
		}
	}
	r.Expected += inv.RetroTotal // retroactive lines are judged by the history, not re-rated
	SortDiscrepancies(r.Items)
	return r
}

// checkFamily compares a family's expected line with the billed one and
// removes the billed one from the map.
func (in *ReconcileInput) checkFamily(fam []Member, billed map[string]*InvoiceLine, rb *RatingBasis, r *DiscrepancyReport) []Discrepancy {
	snap := in.snapshotOf(fam)
	charges, err := snap.Charges(in.Invoice.Period, rb)
	l := billed[fam[0].ID]
	delete(billed, fam[0].ID)
	if err != nil || len(charges) == 0 {
		if l != nil && err == nil {
			billed[fam[0].ID] = l // judged as billed but not covered
		}
		return nil
	}
	var want Money
	for _, c := range charges {
		want += c.Amount
	}
	r.Expected += want
	exp := InvoiceLine{SubscriberID: fam[0].ID, MemberID: fam[0].ID, EmployeeID: fam[0].EmployeeID, Name: fam[0].SortName(),
		PlanID: charges[0].PlanID, PlanName: billedPlanName(rb, charges[0].PlanID), Tier: charges[0].Tier, Covered: len(charges), Amount: want}
	if l == nil {
		return []Discrepancy{discrepancy(DiscCoveredNotBilled, in.Invoice.Period, exp, "covered: "+describeLine(exp), "not billed", -want,
			fmt.Sprintf("%s's family is covered in %s (%s) but not on the invoice", exp.Name, in.Invoice.Period.Label(), describeLine(exp)))}
	}
	return compareLines(exp, *l, in.Invoice.Period)
}

func compareLines(exp, got InvoiceLine, q Period) []Discrepancy {
	delta := got.Amount - exp.Amount
	switch {
	case got.PlanID != exp.PlanID:
		return []Discrepancy{discrepancy(DiscWrongPlan, q, exp, exp.PlanName, got.PlanName, delta,
			fmt.Sprintf("%s is billed on %s; the roster has %s", exp.Name, got.PlanName, exp.PlanName))}
	case got.Tier != exp.Tier:
		return []Discrepancy{discrepancy(DiscWrongTier, q, exp, exp.Tier.Label()+" "+exp.Amount.String(), got.Tier.Label()+" "+got.Amount.String(), delta,
			fmt.Sprintf("%s is billed as %s; the roster covers %s (%s)", exp.Name, got.Tier.Label(), exp.Tier.Label(), countMembers(exp.Covered)))}
	case delta != 0:
		return []Discrepancy{discrepancy(DiscWrongPremium, q, exp, exp.Amount.String(), got.Amount.String(), delta,
			fmt.Sprintf("%s is billed %s; the rates give %s for %s", exp.Name, got.Amount, exp.Amount, countMembers(exp.Covered)))}
	}
	return nil
}

func notCovered(l InvoiceLine) Discrepancy {
	return discrepancy(DiscBilledNotCovered, l.Month, l, "not covered", "billed: "+describeLine(l), l.Amount,
		fmt.Sprintf("%s is billed for %s but the roster has no coverage for them that month", l.Name, l.Month.Label()))
}

func unmatched(l InvoiceLine) Discrepancy {
	return discrepancy(DiscRetroUnmatched, l.Month, l, "no change recorded", l.Kind.Label()+" "+l.Amount.String(), l.Amount,
		fmt.Sprintf("The retroactive line for %s in %s (%s) matches no change recorded after the month was billed", l.Name, l.Month.Label(), l.Note))
}

func discrepancy(k DiscrepancyKind, q Period, l InvoiceLine, expected, found string, amount Money, detail string) Discrepancy {
	return Discrepancy{Kind: k, Month: q, SubscriberID: l.SubscriberID, MemberID: l.MemberID, EmployeeID: l.EmployeeID, Name: l.Name,
		Expected: expected, Found: found, Amount: amount, Detail: detail}
}

func describeLine(l InvoiceLine) string {
	return fmt.Sprintf("%s, %s, %s", l.PlanName, l.Tier.Label(), l.Amount)
}

func countMembers(n int) string {
	if n == 1 {
		return "1 member"
	}
	return fmt.Sprintf("%d members", n)
}
