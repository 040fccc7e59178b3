package model

import (
	"context"
	"fmt"
	"strings"
)

// PlanType is the network design of a plan.
type PlanType string

const (
	PlanHMO  PlanType = "HMO"
	PlanPPO  PlanType = "PPO"
	PlanEPO  PlanType = "EPO"
	PlanHDHP PlanType = "HDHP"
)

// Metal is the ACA metal tier of a plan.
type Metal string

const (
	MetalBronze   Metal = "bronze"
	MetalSilver   Metal = "silver"
	MetalGold     Metal = "gold"
	MetalPlatinum Metal = "platinum"
)

// Benefits are the cost-sharing terms people compare plans by.
type Benefits struct {
	Network            string `json:"network"`
	DeductibleSingle   Money  `json:"deductible_single"`
	DeductibleFamily   Money  `json:"deductible_family"`
	OOPMaxSingle       Money  `json:"oop_max_single"`
	OOPMaxFamily       Money  `json:"oop_max_family"`
	PrimaryCareCopay   Money  `json:"primary_care_copay"`
	SpecialistCopay    Money  `json:"specialist_copay"`
	UrgentCareCopay    Money  `json:"urgent_care_copay"`
	EmergencyCopay     Money  `json:"emergency_copay"`
	CoinsurancePercent int    `json:"coinsurance_percent"` // the member's share after the deductible
	RxGeneric          Money  `json:"rx_generic"`
	RxPreferred        Money  `json:"rx_preferred"`
	RxNonPreferred     Money  `json:"rx_non_preferred"`
	RxSpecialtyPercent int    `json:"rx_specialty_percent"`
}

// RatingMethod says how a plan's premium is computed.
type RatingMethod string

const (
	// RatingAge is ACA per-member age rating (small group).
	RatingAge RatingMethod = "age"
	// RatingComposite charges one rate per coverage tier (large group).
	RatingComposite RatingMethod = "composite"
)

// Rating holds a plan's rates.
type Rating struct {
	Method        RatingMethod     `json:"method"`
	Curve         string           `json:"curve,omitempty"`          // age curve name, for age rating
	TobaccoFactor Factor           `json:"tobacco_factor,omitempty"` // applied to tobacco users only
	BaseRates     map[string]Money `json:"base_rates,omitempty"`     // area → monthly premium at age 21
	TierRates     map[Tier]Money   `json:"tier_rates,omitempty"`     // composite: tier → monthly premium
}

// Plan is a health plan the carrier offers.
type Plan struct {
	ID       string   `json:"id"` // the carrier's plan code
	Name     string   `json:"name"`
	Type     PlanType `json:"type"`
	Metal    Metal    `json:"metal"`
	Year     int      `json:"year"`
	Benefits Benefits `json:"benefits"`
	Rating   Rating   `json:"rating"`
	// Successor is the plan a discontinued plan maps to at renewal.
	Successor string `json:"successor,omitempty"`
	Version   int64  `json:"version"`
}

// Validate checks that the plan can be rated.
func (p *Plan) Validate() error {
	var probs Problems
	if strings.TrimSpace(p.ID) == "" {
		probs.Add("id", "the plan needs an ID")
	}
	if strings.TrimSpace(p.Name) == "" {
		probs.Add("name", "plan %s needs a name", p.ID)
	}
	switch p.Type {
	case PlanHMO, PlanPPO, PlanEPO, PlanHDHP:
	default:
		probs.Add("type", "plan %s: type must be HMO, PPO, EPO or HDHP, not %q", p.ID, p.Type)
	}
	switch p.Metal {
	case MetalBronze, MetalSilver, MetalGold, MetalPlatinum:
	default:
		probs.Add("metal", "plan %s: metal must be bronze, silver, gold or platinum, not %q", p.ID, p.Metal)
	}
	switch p.Rating.Method {
	case RatingAge:
		if len(p.Rating.BaseRates) == 0 {
			probs.Add("rating.base_rates", "plan %s has no base rate for any area", p.ID)
		}
		if p.Rating.TobaccoFactor != 0 && (p.Rating.TobaccoFactor < FactorOne || p.Rating.TobaccoFactor > FactorOne*3/2) {
			probs.Add("rating.tobacco_factor", "plan %s: the tobacco factor must be between 1.00 and 1.50", p.ID)
		}
	case RatingComposite:
		for _, t := range Tiers {
			if _, ok := p.Rating.TierRates[t]; !ok {
				probs.Add("rating.tier_rates", "plan %s has no %s rate", p.ID, t)
			}
		}
	default:
		probs.Add("rating.method", "plan %s: rating method must be age or composite, not %q", p.ID, p.Rating.Method)
	}
	return probs.Err()
}

// Label is the plan's name with its metal tier, for pickers: "Choice HMO
// (Gold)", or the name alone when it says the tier already ("Gold 80 HMO").
func (p Plan) Label() string {
	m := string(p.Metal)
	if m == "" || strings.Contains(strings.ToLower(p.Name), strings.ToLower(m)) {
		return p.Name
	}
	return fmt.Sprintf("%s (%s%s)", p.Name, strings.ToUpper(m[:1]), m[1:])
}

// PlanService reads and changes the plan catalog.
type PlanService interface {
	Plans(ctx context.Context) ([]Plan, error)
	Plan(ctx context.Context, id string) (Plan, error)
	SavePlan(ctx context.Context, p *Plan) error
}
