package model

import (
	"sort"
	"time"
)

// DiscrepancyKind says what comparing a carrier's document (an invoice,
// an 834 enrollment file) with GroupDesk's roster found.
type DiscrepancyKind string

const (
	DiscBilledNotCovered DiscrepancyKind = "billed_not_covered" // the carrier has a member the roster has ended
	DiscCoveredNotBilled DiscrepancyKind = "covered_not_billed" // the roster covers a member the carrier lacks
	DiscWrongTier        DiscrepancyKind = "wrong_tier"
	DiscWrongPlan        DiscrepancyKind = "wrong_plan"
	DiscWrongPremium     DiscrepancyKind = "wrong_premium"
	DiscRetroUnmatched   DiscrepancyKind = "retro_unmatched" // a retroactive line no change in the history explains
)

// DiscrepancyKinds lists the kinds in the order reports group them.
var DiscrepancyKinds = []DiscrepancyKind{DiscBilledNotCovered, DiscCoveredNotBilled, DiscNotAtCarrier, DiscNotOnRoster,
	DiscWrongCoverage, DiscWrongTier, DiscWrongPlan, DiscWrongPremium, DiscWrongDates, DiscWrongDemographics, DiscRetroUnmatched}

// Label is the kind for people.
func (k DiscrepancyKind) Label() string {
	switch k {
	case DiscBilledNotCovered:
		return "Billed but terminated"
	case DiscCoveredNotBilled:
		return "Covered but not billed"
	case DiscWrongTier:
		return "Wrong tier"
	case DiscWrongPlan:
		return "Wrong plan"
	case DiscWrongPremium:
		return "Wrong premium"
	case DiscRetroUnmatched:
		return "Retroactive line without a change"
	case DiscNotAtCarrier:
		return "On the roster, not at the carrier"
	case DiscNotOnRoster:
		return "At the carrier, not on the roster"
	case DiscWrongCoverage:
		return "Coverage differs"
	case DiscWrongDates:
		return "Coverage dates differ"
	case DiscWrongDemographics:
		return "Personal details differ"
	}
	return string(k)
}

// Discrepancy is one difference between the carrier's document and the
// roster, about one member (or family) and month.
type Discrepancy struct {
	Kind         DiscrepancyKind `json:"kind"`
	Month        Period          `json:"month"`
	SubscriberID string          `json:"subscriber_id,omitempty"`
	MemberID     string          `json:"member_id,omitempty"`
	EmployeeID   string          `json:"employee_id,omitempty"`
	Name         string          `json:"name"`
	Expected     string          `json:"expected"` // what GroupDesk's records say
	Found        string          `json:"found"`    // what the carrier's document says
	// Amount is found less expected: positive when the carrier asks too
	// much, negative when too little; zero when no money is involved.
	Amount Money  `json:"amount"`
	Detail string `json:"detail"`
}

// DiscrepancyReport is the outcome of comparing a carrier's document with
// GroupDesk's records, to send to the carrier. Invoices fill it now; the
// 834 enrollment comparison fills the same type.
type DiscrepancyReport struct {
	Title       string        `json:"title"`
	GroupID     string        `json:"group_id"`
	GroupName   string        `json:"group_name"`
	GroupNumber string        `json:"group_number"`
	Source      string        `json:"source"`   // the document compared
	Compared    int           `json:"compared"` // its lines or records
	Expected    Money         `json:"expected"` // totals, when money is compared
	Found       Money         `json:"found"`
	Items       []Discrepancy `json:"items"`
	Prepared    time.Time     `json:"prepared"`
}

// Net is what the differences add up to: positive when the carrier asks
// too much.
func (r *DiscrepancyReport) Net() Money {
	var sum Money
	for _, d := range r.Items {
		sum += d.Amount
	}
	return sum
}

// Count counts the discrepancies of a kind.
func (r *DiscrepancyReport) Count(k DiscrepancyKind) int {
	n := 0
	for _, d := range r.Items {
		if d.Kind == k {
			n++
		}
	}
	return n
}

// Clean reports whether nothing was found.
func (r *DiscrepancyReport) Clean() bool { return len(r.Items) == 0 }

// SortDiscrepancies orders a report by kind, then name, then month.
func SortDiscrepancies(items []Discrepancy) {
	rank := map[DiscrepancyKind]int{}
	for i, k := range DiscrepancyKinds {
		rank[k] = i
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Kind != b.Kind {
			return rank[a.Kind] < rank[b.Kind]
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Month.Before(b.Month)
	})
}
