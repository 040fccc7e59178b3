package model

import (
	"fmt"
	"strings"
)

// retroLines compares, for each month of the window, what a family was
// billed (billed is nil for a family never billed) with what it owes as it
// is known now, and returns one line per member and month that differs:
// coverage added, coverage ended (a credit), or a changed charge.
func retroLines(billed, now *BillingSnapshot, window []Period, rb *RatingBasis, problems *[]string) []InvoiceLine {
	var out []InvoiceLine
	for _, q := range window {
		is, err := now.Charges(q, rb)
		if err != nil {
			*problems = append(*problems, fmt.Sprintf("%s: %s was not adjusted: %s", familyName(now, billed), q.Label(), ErrorMessage(err)))
			continue
		}
		var was []MemberCharge
		if billed != nil {
			was, _ = billed.Charges(q, rb) // a plan gone from the catalog bills nothing to take back
		}
		out = append(out, monthDiff(billed, now, q, was, is, rb)...)
	}
	return out
}

// monthDiff turns one month's charges before and now into lines, members
// in family order.
func monthDiff(billed, now *BillingSnapshot, q Period, was, is []MemberCharge, rb *RatingBasis) []InvoiceLine {
	before := make(map[string]MemberCharge, len(was))
	for _, c := range was {
		before[c.MemberID] = c
	}
	var out []InvoiceLine
	seen := make(map[string]bool, len(is))
	for _, c := range is {
		seen[c.MemberID] = true
		b, ok := before[c.MemberID]
		switch {
		case !ok:
			out = append(out, retroLine(now, now.member(c.MemberID), q, LineAdd, c, c.Amount, addNote(now.member(c.MemberID), q), rb))
		case c.Amount != b.Amount:
			out = append(out, retroLine(now, now.member(c.MemberID), q, LineChange, c, c.Amount-b.Amount, changeNote(b, c, rb), rb))
		}
	}
	for _, c := range was {
		if seen[c.MemberID] {
			continue
		}
		m := now.member(c.MemberID)
		if m == nil {
			m = billed.member(c.MemberID)
		}
		out = append(out, retroLine(now, m, q, LineTerm, c, -c.Amount, termNote(now.member(c.MemberID), q), rb))
	}
	return out
}

func retroLine(fam *BillingSnapshot, m *SnapMember, q Period, kind LineKind, c MemberCharge, amount Money, note string, rb *RatingBasis) InvoiceLine {
	l := InvoiceLine{Kind: kind, Month: q, SubscriberID: fam.SubscriberID, MemberID: c.MemberID, PlanID: c.PlanID,
		PlanName: billedPlanName(rb, c.PlanID), Tier: c.Tier, Amount: amount, Note: note}
	if m != nil {
		l.EmployeeID, l.Name, l.Relationship = m.EmployeeID, m.Name, m.Relationship
	}
	return l
}

func addNote(m *SnapMember, q Period) string {
	for _, s := range m.Spans {
		if s.covers(q) {
			return "Added: covered from " + s.From.US()
		}
	}
	return "Added"
}

func termNote(m *SnapMember, q Period) string {
	if m != nil && !m.Termination.IsZero() {
		return "Coverage ended " + m.Termination.US()
	}
	return "Not covered in " + q.Label()
}

func changeNote(was, is MemberCharge, rb *RatingBasis) string {
	var parts []string
	if was.PlanID != is.PlanID {
		parts = append(parts, fmt.Sprintf("Plan from %s to %s", billedPlanName(rb, was.PlanID), billedPlanName(rb, is.PlanID)))
	}
	if was.Tier != is.Tier {
		parts = append(parts, fmt.Sprintf("Tier from %s to %s", was.Tier.Label(), is.Tier.Label()))
	}
	parts = append(parts, fmt.Sprintf("Premium from %s to %s", was.Amount, is.Amount))
	return strings.Join(parts, "; ")
}

func familyName(now, billed *BillingSnapshot) string {
	for _, s := range []*BillingSnapshot{now, billed} {
		if s != nil && len(s.Members) > 0 {
			return s.Members[0].Name
		}
	}
	return "a family"
}
