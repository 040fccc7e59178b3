package model

// FamilyCost is what one employee's coverage costs under a plan and a
// contribution: monthly amounts, and the payroll deduction.
type FamilyCost struct {
	Premium  Money // the family's monthly premium
	Employer Money // the employer's monthly contribution
	Employee Money // the employee's monthly share
	// Deduction is the employee's share per pay period, in whole cents:
	// the annual share divided by the pay periods, rounded down. The
	// first Extra deductions of the year are one cent more, so the year's
	// deductions add up to the annual share exactly.
	Deduction Money
	Extra     int
}

// PlanCost is a plan's cost to the employer and the employees.
type PlanCost struct {
	Premium  Money // monthly, all families
	Employer Money
	Employee Money
	Families []FamilyCost // in census order of the employees
}

// AnnualEmployer is the employer's cost for a year.
func (c *PlanCost) AnnualEmployer() Money { return c.Employer * 12 }

// Cost applies the contribution to a plan's quote. Each percentage is
// rounded half-up to the cent per member (per family for the dependent
// share); the employer never pays more than the premium.
func (c Contribution) Cost(census *QuoteCensus, q *PlanQuote) PlanCost {
	out := PlanCost{Families: make([]FamilyCost, len(census.Families))}
	if q.Err != nil {
		return out
	}
	periods := c.PayPeriods
	if periods <= 0 {
		periods = 12
	}
	for f := range census.Families {
		fc := &out.Families[f]
		fc.Premium = q.FamilyPremium(census, f)
		fc.Employer = min(c.employer(census, q, f, fc.Premium), fc.Premium)
		fc.Employee = fc.Premium - fc.Employer
		annual := int64(fc.Employee) * 12
		fc.Deduction = Money(annual / int64(periods))
		fc.Extra = int(annual % int64(periods))
		out.Premium += fc.Premium
		out.Employer += fc.Employer
		out.Employee += fc.Employee
	}
	return out
}

func (c Contribution) employer(census *QuoteCensus, q *PlanQuote, f int, premium Money) Money {
	eeOnly := q.EEOnly[f]
	deps := max(premium-eeOnly, 0)
	switch c.Basis {
	case ContribEachMember:
		var sum Money
		for _, m := range census.Families[f].Members {
			sum += c.Percent.Of(q.Premiums[m])
		}
		if q.Plan.Rating.Method == RatingComposite {
			sum = c.Percent.Of(premium)
		}
		return sum
	case ContribFlat:
		return min(c.Flat, eeOnly) + c.DependentPercent.Of(deps)
	}
	return c.Percent.Of(eeOnly) + c.DependentPercent.Of(deps)
}
