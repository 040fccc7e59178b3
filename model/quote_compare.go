package model

import "fmt"

// CompareRow is one line of plans side by side: the same item for each
// plan, and whether the plans differ on it (shown highlighted).
type CompareRow struct {
	Section string
	Label   string
	Values  []string
	Differ  bool
}

// ComparePlans lays plans side by side: their cost under the contribution
// and their benefits.
func ComparePlans(c *QuoteCensus, quotes []PlanQuote, contrib Contribution) []CompareRow {
	var rows []CompareRow
	costs := make([]PlanCost, len(quotes)) // once a plan, not once a row
	for i := range quotes {
		costs[i] = contrib.Cost(c, &quotes[i])
	}
	add := func(section, label string, value func(q *PlanQuote, cost *PlanCost) string) {
		r := CompareRow{Section: section, Label: label, Values: make([]string, len(quotes))}
		for i := range quotes {
			r.Values[i] = value(&quotes[i], &costs[i])
			if quotes[i].Err != nil && section == "Cost" {
				r.Values[i] = "not available"
			}
			r.Differ = r.Differ || r.Values[i] != r.Values[0]
		}
		rows = append(rows, r)
	}
	add("Cost", "Monthly premium", func(q *PlanQuote, _ *PlanCost) string { return q.Total.String() })
	add("Cost", "Employer pays a month", func(_ *PlanQuote, k *PlanCost) string { return k.Employer.String() })
	add("Cost", "Employees pay a month", func(_ *PlanQuote, k *PlanCost) string { return k.Employee.String() })
	add("Cost", "Employer pays a year", func(_ *PlanQuote, k *PlanCost) string { return k.AnnualEmployer().String() })
	add("Cost", fmt.Sprintf("Average deduction (%d pay periods)", contrib.PayPeriods), func(_ *PlanQuote, k *PlanCost) string {
		return averageDeduction(k).String()
	})
	add("Plan", "Type", func(q *PlanQuote, _ *PlanCost) string { return string(q.Plan.Type) })
	add("Plan", "Metal tier", func(q *PlanQuote, _ *PlanCost) string { return string(q.Plan.Metal) })
	add("Plan", "Network", func(q *PlanQuote, _ *PlanCost) string { return q.Plan.Benefits.Network })
	for _, b := range benefitRows {
		b := b
		add("Benefits", b.label, func(q *PlanQuote, _ *PlanCost) string { return b.value(&q.Plan.Benefits) })
	}
	return rows
}

func averageDeduction(k *PlanCost) Money {
	if len(k.Families) == 0 {
		return 0
	}
	var sum Money
	for _, f := range k.Families {
		sum += f.Deduction
	}
	return Money((int64(sum)*2 + int64(len(k.Families))) / (2 * int64(len(k.Families))))
}

var benefitRows = []struct {
	label string
	value func(b *Benefits) string
}{
	{"Deductible (single / family)", func(b *Benefits) string { return b.DeductibleSingle.String() + " / " + b.DeductibleFamily.String() }},
	{"Out-of-pocket maximum (single / family)", func(b *Benefits) string { return b.OOPMaxSingle.String() + " / " + b.OOPMaxFamily.String() }},
	{"Primary care visit", func(b *Benefits) string { return b.PrimaryCareCopay.String() }},
	{"Specialist visit", func(b *Benefits) string { return b.SpecialistCopay.String() }},
	{"Urgent care", func(b *Benefits) string { return b.UrgentCareCopay.String() }},
	{"Emergency room", func(b *Benefits) string { return b.EmergencyCopay.String() }},
	{"Coinsurance", func(b *Benefits) string { return fmt.Sprintf("%d%%", b.CoinsurancePercent) }},
	{"Rx generic / preferred / non-preferred", func(b *Benefits) string {
		return b.RxGeneric.String() + " / " + b.RxPreferred.String() + " / " + b.RxNonPreferred.String()
	}},
	{"Rx specialty", func(b *Benefits) string { return fmt.Sprintf("%d%%", b.RxSpecialtyPercent) }},
}

// Describe says the contribution in words, for proposals.
func (c Contribution) Describe() string {
	deps := ""
	if c.DependentPercent > 0 {
		deps = fmt.Sprintf(", and %s of dependents' premiums", c.DependentPercent)
	}
	switch c.Basis {
	case ContribEachMember:
		return fmt.Sprintf("The employer pays %s of each covered member's premium", c.Percent)
	case ContribFlat:
		return fmt.Sprintf("The employer pays %s a month per employee (at most the employee's own premium)%s", c.Flat, deps)
	}
	return fmt.Sprintf("The employer pays %s of the employee-only premium%s", c.Percent, deps)
}

// DeductionRule explains how deductions are rounded.
const DeductionRule = "Each payroll deduction is the employee's yearly share divided by the pay periods, in whole cents; " +
	"the first few deductions of the year carry one cent more, so a year of deductions adds up to the yearly share exactly. " +
	"Employer contributions are rounded half-up to the cent for each member."
