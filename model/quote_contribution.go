package model

import (
	"fmt"
	"strconv"
	"strings"
)

// ContributionBasis is how an employer's contribution toward an employee
// is worked out.
type ContributionBasis string

const (
	// ContribEmployeeOnly pays a percent of the employee-only premium (the
	// employee's own line; under composite rating the EE rate) and the
	// dependent percent of the rest of the family's premium.
	ContribEmployeeOnly ContributionBasis = "percent_employee_only"
	// ContribEachMember pays one percent of every covered member's premium.
	ContribEachMember ContributionBasis = "percent_each_member"
	// ContribFlat pays a flat amount per employee, at most the
	// employee-only premium, and the dependent percent of the rest.
	ContribFlat ContributionBasis = "flat_per_employee"
)

// ContributionBases lists the bases in the order pickers show them.
var ContributionBases = []ContributionBasis{ContribEmployeeOnly, ContribEachMember, ContribFlat}

// Label is the basis for people.
func (b ContributionBasis) Label() string {
	switch b {
	case ContribEmployeeOnly:
		return "Percent of employee-only premium"
	case ContribEachMember:
		return "Percent of each member's premium"
	case ContribFlat:
		return "Flat amount per employee"
	}
	return string(b)
}

// PayPeriods are the payroll frequencies a deduction can be shown for.
var PayPeriods = []int{12, 24, 26, 52}

// Percent is a percentage with two decimals, in hundredths of a percent:
// 50% is Percent(5000). As a fraction of one it is the Factor of the same
// number, so applying it to money is exact.
type Percent int64

// ParsePercent reads "50", "62.5" or "62.5%" (0 to 100).
func ParsePercent(s string) (Percent, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	f, err := ParseFactor(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not a percentage", s)
	}
	if _, frac, _ := strings.Cut(t, "."); len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimal places", s)
	}
	p := Percent(f / 100)
	if p > 10000 {
		return 0, fmt.Errorf("%s is more than 100%%", s)
	}
	return p, nil
}

// String is "50%" or "62.5%".
func (p Percent) String() string {
	s := strconv.FormatInt(int64(p)/100, 10)
	if frac := int64(p) % 100; frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%02d", frac), "0")
	}
	return s + "%"
}

// Of applies the percent to an amount, rounded half-up to the cent.
func (p Percent) Of(m Money) Money { return m.MulRound(Factor(p)) }

// MarshalText writes "62.5".
func (p Percent) MarshalText() ([]byte, error) {
	return []byte(strings.TrimSuffix(p.String(), "%")), nil
}

// UnmarshalText reads what MarshalText writes.
func (p *Percent) UnmarshalText(b []byte) error {
	v, err := ParsePercent(string(b))
	*p = v
	return err
}

// Contribution is an employer's contribution what-if.
type Contribution struct {
	Basis            ContributionBasis `json:"basis"`
	Percent          Percent           `json:"percent"`
	Flat             Money             `json:"flat"`
	DependentPercent Percent           `json:"dependent_percent"`
	PayPeriods       int               `json:"pay_periods"`
}

// DefaultContribution is a common starting point: half the employee-only
// premium, nothing toward dependents, paid monthly.
var DefaultContribution = Contribution{Basis: ContribEmployeeOnly, Percent: 5000, PayPeriods: 12}

// Validate checks the what-if's numbers.
func (c *Contribution) Validate() error {
	var p Problems
	switch c.Basis {
	case ContribEmployeeOnly, ContribEachMember, ContribFlat:
	default:
		p.Add("basis", "the contribution basis must be %s, %s or %s", ContribEmployeeOnly, ContribEachMember, ContribFlat)
	}
	if c.Percent < 0 || c.Percent > 10000 || c.DependentPercent < 0 || c.DependentPercent > 10000 {
		p.Add("percent", "percentages run from 0 to 100")
	}
	if c.Flat < 0 {
		p.Add("flat", "the flat amount cannot be negative")
	}
	ok := false
	for _, n := range PayPeriods {
		ok = ok || n == c.PayPeriods
	}
	if !ok {
		p.Add("pay_periods", "pay periods must be 12, 24, 26 or 52 a year, not %d", c.PayPeriods)
	}
	return p.Err()
}
