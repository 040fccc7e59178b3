package model

import "sort"

// AgeCurve maps an age to a rating factor. Ages above 64 use the 64 factor.
type AgeCurve struct {
	Name    string
	Factors [65]Factor
}

// Factor returns the curve's factor at an age.
func (c *AgeCurve) Factor(age int) Factor {
	switch {
	case age < 0:
		age = 0
	case age > 64:
		age = 64
	}
	return c.Factors[age]
}

// MaxRatedChildren is how many children under 21 in one family are charged
// under per-member rating (45 CFR 147.102(c)(1)).
const MaxRatedChildren = 3

// ChildRatingAge is the age from which a child is rated as an individual and
// no longer takes one of the three child slots.
const ChildRatingAge = 21

// RatedPerson is one covered person as the rating engine sees them.
type RatedPerson struct {
	Relationship Relationship
	DateOfBirth  Date
	Tobacco      bool
	Area         string
}

// RatedLine is the rating engine's answer for one person.
type RatedLine struct {
	Age     int
	Factor  Factor
	Rated   bool // false for a fourth or later child under 21
	Premium Money
	Err     error // a plan with no rate for the person's area, say
}

// RateFamily rates a family (subscriber first, then dependents in any
// order) under a plan on the rating date. Under age rating each member pays
// base(area) × age factor × tobacco factor (tobacco users only), rounded
// half-up to the cent; only the three oldest children under 21 are charged.
// Under composite rating the subscriber's line carries the tier rate and the
// dependents' lines are zero.
func RateFamily(p *Plan, curve *AgeCurve, people []RatedPerson, on Date) ([]RatedLine, Money) {
	lines := make([]RatedLine, len(people))
	if len(people) == 0 {
		return lines, 0
	}
	if p.Rating.Method == RatingComposite {
		deps := make([]Relationship, 0, len(people))
		for _, person := range people[1:] {
			deps = append(deps, person.Relationship)
		}
		for i := range people {
			lines[i] = RatedLine{Age: people[i].DateOfBirth.AgeOn(on), Rated: i == 0}
		}
		if len(lines) > 0 {
			rate, ok := p.Rating.TierRates[TierFor(deps)]
			if !ok {
				lines[0].Err = Errorf(EINVALID, "plan %s has no %s rate", p.ID, TierFor(deps))
			}
			lines[0].Premium = rate
			return lines, rate
		}
		return lines, 0
	}
	children := make([]int, 0, 4)
	for i, person := range people {
		age := person.DateOfBirth.AgeOn(on)
		lines[i] = RatedLine{Age: age, Factor: curve.Factor(age), Rated: true}
		if person.Relationship != RelEmployee && !person.Relationship.IsAdultPartner() && age < ChildRatingAge {
			children = append(children, i)
		}
	}
	// The three oldest children under 21 are rated; for twins the earlier
	// in the list wins the slot, which changes no amount.
	sort.SliceStable(children, func(a, b int) bool {
		return people[children[a]].DateOfBirth.Before(people[children[b]].DateOfBirth)
	})
	for _, i := range children[min(len(children), MaxRatedChildren):] {
		lines[i].Rated = false
	}
	var total Money
	for i, person := range people {
		if !lines[i].Rated {
			continue
		}
		base, ok := p.Rating.BaseRates[person.Area]
		if !ok {
			lines[i].Err = Errorf(EINVALID, "plan %s has no rate for area %s", p.ID, person.Area)
			continue
		}
		factors := []Factor{lines[i].Factor}
		if person.Tobacco && p.Rating.TobaccoFactor > 0 {
			factors = append(factors, p.Rating.TobaccoFactor)
		}
		lines[i].Premium = base.MulRound(factors...)
		total += lines[i].Premium
	}
	return lines, total
}
