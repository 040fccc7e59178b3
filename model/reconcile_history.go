package model

// snapshotOf is the family as the check rates it: its records now, with
// the plans a recorded plan change ended (so a family waiting for a plan
// change is expected on its old plan until then).
func (in *ReconcileInput) snapshotOf(fam []Member) BillingSnapshot {
	var prior *BillingSnapshot
	for i := range fam {
		changes := in.History[fam[i].ID]
		if len(changes) == 0 {
			continue
		}
		if prior == nil {
			prior = &BillingSnapshot{SubscriberID: fam[0].ID}
		}
		var spans []PlanSpan
		for _, c := range changes {
			if c.After != nil {
				spans = mergeSpans(spans, c.After)
			}
		}
		prior.Members = append(prior.Members, SnapMember{ID: fam[i].ID, Spans: spans})
	}
	return Snapshot(fam, prior)
}

// retroExplained reports whether a recorded change explains a retroactive
// line: a change to a member of the family, recorded after the month was
// first billed and by the day the invoice was issued, that added coverage
// in that month (an added line), ended it (a termination) or changed what
// the month costs (a change).
func (in *ReconcileInput) retroExplained(l *InvoiceLine) bool {
	if l.Kind == LineChange && in.siblingExplained(l) {
		return true
	}
	from, to := in.billedOn(l.Month), in.Invoice.IssuedOn
	for _, id := range in.familyOf(l) {
		for _, c := range in.History[id] {
			on := DateOf(c.At.UTC())
			if on.Before(from) || on.After(to) {
				continue
			}
			if explains(l, id, c) {
				return true
			}
		}
	}
	return false
}

// explains reports whether a change explains a line. A changed charge is
// explained by a change to a member already there (a member's arrival
// shows as a line of its own, which siblingExplained looks at).
func explains(l *InvoiceLine, id string, c MemberChange) bool {
	was, is := coveredIn(c.Before, l.Month), coveredIn(c.After, l.Month)
	switch {
	case l.Kind == LineAdd:
		return id == l.MemberID && is && !was
	case l.Kind == LineTerm:
		return id == l.MemberID && was && !is
	}
	return c.Before != nil && c.After != nil && (was != is || (was && ratedDifferently(c.Before, c.After)))
}

// siblingExplained reports whether a changed charge comes with an added
// or ended member of the same family and month that the history explains
// (a dependent's arrival changes the subscriber's tier).
func (in *ReconcileInput) siblingExplained(l *InvoiceLine) bool {
	for i := range in.Invoice.Retro {
		o := &in.Invoice.Retro[i]
		if o.SubscriberID == l.SubscriberID && o.Month == l.Month && o.Kind != LineChange && in.retroExplained(o) {
			return true
		}
	}
	return false
}

// coveredIn reports whether a member's record covers a month.
func coveredIn(m *Member, q Period) bool {
	return m != nil && !m.Effective.IsZero() && !m.Effective.After(q.Last()) && (m.Termination.IsZero() || !m.Termination.Before(q.First()))
}

func ratedDifferently(a, b *Member) bool {
	return a.PlanID != b.PlanID || a.DateOfBirth != b.DateOfBirth || a.Tobacco != b.Tobacco || a.Relationship != b.Relationship
}

// familyOf lists the members whose changes may explain a line: the member
// for an added or ended coverage, the whole family for a changed charge
// (a dependent's coverage changes the subscriber's tier).
func (in *ReconcileInput) familyOf(l *InvoiceLine) []string {
	if l.Kind != LineChange {
		return []string{l.MemberID}
	}
	for _, fam := range in.Families {
		if len(fam) > 0 && fam[0].ID == l.SubscriberID {
			ids := make([]string, len(fam))
			for i := range fam {
				ids[i] = fam[i].ID
			}
			return ids
		}
	}
	return []string{l.MemberID}
}

// billedOn is the day a month was first billed: the issue day of its
// invoice, or, for a month billed before the invoices held here, as many
// months before this invoice's issue day.
func (in *ReconcileInput) billedOn(q Period) Date {
	for i := range in.Earlier {
		if in.Earlier[i].Period == q && in.Earlier[i].Unit == in.Invoice.Unit {
			return in.Earlier[i].IssuedOn
		}
	}
	return in.Invoice.IssuedOn.AddMonths(-q.MonthsUntil(in.Invoice.Period))
}
