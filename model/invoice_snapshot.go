package model

import (
	"encoding/binary"
	"hash/fnv"
)

// PlanSpan is a stretch of coverage on one plan; a zero To is open-ended.
type PlanSpan struct {
	PlanID string `json:"plan"`
	From   Date   `json:"from"`
	To     Date   `json:"to"`
}

// covers reports whether the span covers any day of the month: premiums
// are billed by whole months.
func (s PlanSpan) covers(q Period) bool {
	return !s.From.After(q.Last()) && (s.To.IsZero() || !s.To.Before(q.First()))
}

// SnapMember is a member as the billing job knew them: what rating needs,
// and their coverage over time.
type SnapMember struct {
	ID           string       `json:"id"`
	EmployeeID   string       `json:"employee_id"`
	Name         string       `json:"name"`
	Relationship Relationship `json:"rel"`
	Born         Date         `json:"born"`
	Tobacco      bool         `json:"tobacco,omitempty"`
	Termination  Date         `json:"term"`
	Spans        []PlanSpan   `json:"spans"`
}

// planIn returns the plan covering the member in a month.
func (m *SnapMember) planIn(q Period) (string, bool) {
	for i := len(m.Spans) - 1; i >= 0; i-- {
		if m.Spans[i].covers(q) {
			return m.Spans[i].PlanID, true
		}
	}
	return "", false
}

// BillingSnapshot is a family as it was last billed. A member's record
// holds only their current plan (a plan change moves the effective date),
// so the snapshot keeps the plans before it: comparing the family billed
// with the family now gives the retroactive lines.
type BillingSnapshot struct {
	SubscriberID string       `json:"subscriber_id"`
	Members      []SnapMember `json:"members"` // subscriber first
}

// Snapshot is a family as it is now, keeping from the snapshot before
// (nil for a family never billed) the coverage on other plans that a plan
// change ended.
func Snapshot(fam []Member, prev *BillingSnapshot) BillingSnapshot {
	s := BillingSnapshot{Members: make([]SnapMember, len(fam))}
	if len(fam) > 0 {
		s.SubscriberID = fam[0].ID
	}
	for i := range fam {
		m := &fam[i]
		var before []PlanSpan
		if prev != nil {
			before = prev.spansOf(m.ID)
		}
		s.Members[i] = SnapMember{ID: m.ID, EmployeeID: m.EmployeeID, Name: m.SortName(), Relationship: m.Relationship,
			Born: m.DateOfBirth, Tobacco: m.Tobacco, Termination: m.Termination, Spans: mergeSpans(before, m)}
	}
	return s
}

func (s *BillingSnapshot) spansOf(id string) []PlanSpan {
	for i := range s.Members {
		if s.Members[i].ID == id {
			return s.Members[i].Spans
		}
	}
	return nil
}

// mergeSpans is the member's coverage: the record's own span, after the
// spans on other plans that ended before it (plan changes). A span on the
// same plan that runs into the record's is the record's own, corrected.
func mergeSpans(prev []PlanSpan, m *Member) []PlanSpan {
	if m.Effective.IsZero() {
		return nil
	}
	cur := PlanSpan{PlanID: m.PlanID, From: m.Effective, To: m.Termination}
	dayBefore := cur.From.AddDays(-1)
	out := make([]PlanSpan, 0, len(prev)+1)
	var corrected Date // the start of the record's own span before a correction
	for _, s := range prev {
		runsInto := s.To.IsZero() || !s.To.Before(dayBefore)
		switch {
		case !s.From.Before(cur.From):
			continue // the record speaks for this time
		case s.PlanID == cur.PlanID && runsInto:
			corrected = s.From
			continue
		case runsInto:
			s.To = dayBefore
		}
		out = append(out, s)
	}
	// A plan change moved later: the plan before it runs on until then.
	if n := len(out); n > 0 && !corrected.IsZero() && out[n-1].To == corrected.AddDays(-1) {
		out[n-1].To = dayBefore
	}
	return append(out, cur)
}

// MemberCharge is what one member is charged for one month.
type MemberCharge struct {
	MemberID string
	PlanID   string
	Tier     Tier
	Amount   Money
}

// RatingBasis is what billing rates with: the group (its rating area and
// plan year) and the plan catalog.
type RatingBasis struct {
	Group Group
	Plans map[string]*Plan
}

// Charges rates the family for a month: the subscriber's plan, the
// members covered that month, each at their age at the start of the plan
// year. A month the subscriber is not covered costs nothing.
func (s *BillingSnapshot) Charges(q Period, rb *RatingBasis) ([]MemberCharge, error) {
	if len(s.Members) == 0 {
		return nil, nil
	}
	planID, ok := s.Members[0].planIn(q)
	if !ok {
		return nil, nil
	}
	p := rb.Plans[planID]
	if p == nil {
		return nil, Errorf(EINVALID, "plan %s is not in the catalog", planID)
	}
	covered := make([]int, 0, len(s.Members))
	people := make([]RatedPerson, 0, len(s.Members))
	rels := make([]Relationship, 0, len(s.Members))
	for i := range s.Members {
		m := &s.Members[i]
		if _, ok := m.planIn(q); !ok {
			continue
		}
		covered = append(covered, i)
		people = append(people, RatedPerson{Relationship: m.Relationship, DateOfBirth: m.Born, Tobacco: m.Tobacco, Area: rb.Group.RatingArea})
		if i > 0 {
			rels = append(rels, m.Relationship)
		}
	}
	lines, _ := RateFamily(p, p.AgeCurve(), people, rb.Group.PlanYearStart(q.First()))
	tier := TierFor(rels)
	out := make([]MemberCharge, len(covered))
	for k, i := range covered {
		if lines[k].Err != nil {
			return nil, lines[k].Err
		}
		out[k] = MemberCharge{MemberID: s.Members[i].ID, PlanID: planID, Tier: tier, Amount: lines[k].Premium}
	}
	return out, nil
}

// member returns the snapshot's member with an ID.
func (s *BillingSnapshot) member(id string) *SnapMember {
	for i := range s.Members {
		if s.Members[i].ID == id {
			return &s.Members[i]
		}
	}
	return nil
}

// Fingerprint digests what billing looks at in a family: who is in it,
// their birth dates, tobacco use, plans and dates. A family whose
// fingerprint is unchanged since it was billed needs no retroactive lines.
func Fingerprint(fam []Member) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for i := range fam {
		m := &fam[i]
		h.Write([]byte(m.ID))
		h.Write([]byte{0, byte(len(m.Relationship))})
		h.Write([]byte(m.Relationship))
		h.Write([]byte(m.PlanID))
		for _, d := range []Date{m.DateOfBirth, m.Effective, m.Termination} {
			binary.LittleEndian.PutUint32(b[:4], uint32(d.Year)<<9|uint32(d.Month)<<5|uint32(d.Day))
			h.Write(b[:4])
		}
		if m.Tobacco {
			h.Write([]byte{1})
		}
		h.Write([]byte{0xff})
	}
	return h.Sum64()
}
