package model

import (
	"context"
	"fmt"
	"sort"
)

// EntityContract names a group's contract versions in the audit log and
// the change feed. The carrier writes them; desktops only read them.
const EntityContract = "contract"

// ContractKind says why a contract version was made.
type ContractKind string

const (
	ContractOriginal  ContractKind = "original"  // the first agreement, from the group's original effective date
	ContractRenewal   ContractKind = "renewal"   // a plan year renewed, with its plans and rates
	ContractAmendment ContractKind = "amendment" // a change in the middle of a plan year
)

// Label is the kind for people.
func (k ContractKind) Label() string {
	switch k {
	case ContractOriginal:
		return "Original agreement"
	case ContractRenewal:
		return "Renewal"
	case ContractAmendment:
		return "Amendment"
	}
	return string(k)
}

// ContractPlan is a plan in force under a contract with its rates: the
// tier rates of a composite-rated plan, or the age-21 base rate in the
// group's rating area (and the tobacco factor) of an age-rated one.
type ContractPlan struct {
	PlanID        string         `json:"plan_id"`
	Name          string         `json:"name"`
	Type          PlanType       `json:"type"`
	Metal         Metal          `json:"metal"`
	Method        RatingMethod   `json:"method"`
	TierRates     map[Tier]Money `json:"tier_rates,omitempty"`
	Area          string         `json:"area,omitempty"`
	BaseRate      Money          `json:"base_rate,omitempty"`
	TobaccoFactor Factor         `json:"tobacco_factor,omitempty"`
	Curve         string         `json:"curve,omitempty"`
}

// ContractTerm is one numbered term of the agreement: eligibility, the
// waiting period, premium and grace, arbitration…
type ContractTerm struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Signatory is a person who signed a contract version for one party.
type Signatory struct {
	Party    string `json:"party"` // "Employer" or "Carrier"
	Name     string `json:"name"`
	Title    string `json:"title"`
	SignedOn Date   `json:"signed_on"`
}

// Amendment is a change made to the agreement within a plan year.
type Amendment struct {
	Number    int    `json:"number"`
	Effective Date   `json:"effective"`
	Text      string `json:"text"`
}

// Contract is one version of a group's agreement with the carrier: the
// period it is in force, the plans and rates, the employer's
// contribution, the terms, who signed, and the amendments folded in.
type Contract struct {
	ID      string       `json:"id"`
	GroupID string       `json:"group_id"`
	Number  int          `json:"number"` // 1 for the original, then one up per version
	Kind    ContractKind `json:"kind"`
	Carrier string       `json:"carrier"`
	Starts  Date         `json:"starts"`
	// Ends is the last day in force; zero while the version is current.
	Ends         Date           `json:"ends"`
	Plans        []ContractPlan `json:"plans"`
	Contribution Contribution   `json:"contribution"`
	Terms        []ContractTerm `json:"terms"`
	Signatories  []Signatory    `json:"signatories"`
	Amendments   []Amendment    `json:"amendments,omitempty"`
	Version      int64          `json:"version"`
}

// Period is the effective period for people: "01/01/2025 to 12/31/2025",
// or "from 01/01/2026" while current.
func (c *Contract) Period() string {
	if c.Ends.IsZero() {
		return "from " + c.Starts.US()
	}
	return c.Starts.US() + " to " + c.Ends.US()
}

// Label names the version for lists: "Version 3 · Renewal · from 01/01/2026".
func (c *Contract) Label() string {
	return fmt.Sprintf("Version %d · %s · %s", c.Number, c.Kind.Label(), c.Period())
}

// InForce reports whether the version is in force on a day.
func (c *Contract) InForce(on Date) bool {
	return !on.Before(c.Starts) && (c.Ends.IsZero() || !on.After(c.Ends))
}

// Validate checks what a version cannot be kept without.
func (c *Contract) Validate() error {
	var p Problems
	if c.GroupID == "" {
		p.Add("group_id", "the contract needs its group")
	}
	if c.Number < 1 {
		p.Add("number", "contract versions are numbered from 1")
	}
	if c.Starts.IsZero() {
		p.Add("starts", "contract version %d needs the day it takes effect", c.Number)
	}
	if !c.Ends.IsZero() && c.Ends.Before(c.Starts) {
		p.Add("ends", "contract version %d ends (%s) before it starts (%s)", c.Number, c.Ends, c.Starts)
	}
	if len(c.Plans) == 0 {
		p.Add("plans", "contract version %d has no plan in force", c.Number)
	}
	return p.Err()
}

// SortContracts orders versions newest first.
func SortContracts(cs []Contract) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Number > cs[j].Number })
}

// CurrentContract returns the version in force on a day, or the newest
// one that has started, from versions in any order.
func CurrentContract(cs []Contract, on Date) (Contract, bool) {
	best := -1
	for i := range cs {
		if cs[i].Starts.After(on) {
			continue
		}
		if best < 0 || cs[i].Number > cs[best].Number {
			best = i
		}
	}
	if best < 0 {
		return Contract{}, false
	}
	return cs[best], true
}

// ContractService reads a group's contract versions, offline too.
type ContractService interface {
	// Contracts lists a group's versions, newest first (documents.view).
	Contracts(ctx context.Context, groupID string) ([]Contract, error)
	Contract(ctx context.Context, id string) (Contract, error)
}
