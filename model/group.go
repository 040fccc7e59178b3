package model

import (
	"context"
	"strings"
)

// Segment is the market segment of an employer group: small groups (1–100
// eligible employees in California and the other expanded states) are rated
// per member, large groups may be composite- or experience-rated.
type Segment string

const (
	SegmentSmall Segment = "small"
	SegmentLarge Segment = "large"
)

// SmallGroupMax is the largest small group under the expanded (1–100)
// definition used by California, Colorado, New York and Vermont.
const SmallGroupMax = 100

// SegmentFor returns the segment of a group with n eligible employees.
func SegmentFor(n int) Segment {
	if n <= SmallGroupMax {
		return SegmentSmall
	}
	return SegmentLarge
}

// BillingDelivery says how a group receives its bill and renewal notices.
type BillingDelivery string

const (
	DeliveryOnline BillingDelivery = "online"
	DeliveryPaper  BillingDelivery = "paper"
)

// Group is an employer group: one account with the carrier.
type Group struct {
	ID            string          `json:"id"`
	Number        string          `json:"number"` // the carrier's group number
	Name          string          `json:"name"`   // legal name
	FEIN          string          `json:"fein,omitempty"`
	Industry      string          `json:"industry,omitempty"`
	Segment       Segment         `json:"segment"`
	Address       Address         `json:"address"`
	RatingArea    string          `json:"rating_area"`
	EffectiveDate Date            `json:"effective_date"` // original effective date
	RenewalDate   Date            `json:"renewal_date"`   // next renewal effective date
	Delivery      BillingDelivery `json:"delivery"`
	Autopay       bool            `json:"autopay"`
	BillingUnits  []string        `json:"billing_units,omitempty"`
	ContactName   string          `json:"contact_name,omitempty"`
	ContactEmail  string          `json:"contact_email,omitempty"`
	Version       int64           `json:"version"`
}

// Validate checks the fields a group cannot be saved without.
func (g *Group) Validate() error {
	var p Problems
	if strings.TrimSpace(g.Name) == "" {
		p.Add("name", "the group needs a legal name")
	}
	if strings.TrimSpace(g.Number) == "" {
		p.Add("number", "the group needs a group number")
	}
	if g.Segment != SegmentSmall && g.Segment != SegmentLarge {
		p.Add("segment", "segment must be small or large, not %q", g.Segment)
	}
	if g.Address.ZIP != "" && !ValidZIP(g.Address.ZIP) {
		p.Add("zip", "%q is not a ZIP code", g.Address.ZIP)
	}
	if g.EffectiveDate.IsZero() {
		p.Add("effective_date", "the group needs an original effective date")
	}
	if !g.RenewalDate.IsZero() && g.RenewalDate.Before(g.EffectiveDate) {
		p.Add("renewal_date", "the renewal date %s is before the effective date %s", g.RenewalDate, g.EffectiveDate)
	}
	if g.Delivery == "" {
		g.Delivery = DeliveryOnline
	}
	return p.Err()
}

// GroupSummary is a group with its head counts, for lists and the switcher.
type GroupSummary struct {
	Group
	Subscribers int `json:"subscribers"`
	Dependents  int `json:"dependents"`
}

// GroupStats is what the Home screen shows about a group.
type GroupStats struct {
	Subscribers    int
	Dependents     int
	Terminated     int
	ByPlanTier     []PlanTierCount
	MonthlyPremium Money // estimated, from the plans' rates on the rating date
	RatingDate     Date
	UnratedMembers int // members whose plan has no rate for their area
}

// PlanTierCount counts active subscribers and covered people per plan and tier.
type PlanTierCount struct {
	PlanID      string
	PlanName    string
	Tier        Tier
	Subscribers int
	Members     int
}

// GroupService reads and changes groups.
type GroupService interface {
	// Groups lists the groups the caller may see whose number or name
	// matches the search text (all when it is empty), by name.
	Groups(ctx context.Context, search string) ([]GroupSummary, error)
	Group(ctx context.Context, id string) (Group, error)
	CreateGroup(ctx context.Context, g *Group) error
	UpdateGroup(ctx context.Context, g *Group) error
	Stats(ctx context.Context, groupID string, on Date) (GroupStats, error)
}
