package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestContributionsSplitThePremium(t *testing.T) {
	emp := qp(model.RelEmployee, 45)  // 635.36
	spouse := qp(model.RelSpouse, 43) // 597.08
	kid := qp(model.RelChild, 10)     // 336.60; family 1569.04
	c, q := quoteOne(t, "GOLD80-HMO", emp, spouse, kid)
	tests := []struct {
		name         string
		contrib      model.Contribution
		employer     string
		employee     string
		deduction    string
		extraPennies int
	}{
		{"half the employee-only premium, nothing for dependents, monthly",
			model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 5000, PayPeriods: 12}, "317.68", "1251.36", "1251.36", 0},
		{"75% for the employee and 50% for dependents, biweekly",
			model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 7500, DependentPercent: 5000, PayPeriods: 26},
			"943.36", "625.68", "288.77", 14},
		{"62.5% of each member's premium, weekly",
			model.Contribution{Basis: model.ContribEachMember, Percent: 6250, DependentPercent: 10000, PayPeriods: 52},
			"980.66", "588.38", "135.78", 0},
		{"a flat $400 per employee and 25% for dependents, twice a month",
			model.Contribution{Basis: model.ContribFlat, Flat: 40000, DependentPercent: 2500, PayPeriods: 24}, "633.42", "935.62", "467.81", 0},
		{"a flat amount above the employee's premium pays only that premium",
			model.Contribution{Basis: model.ContribFlat, Flat: 100000, PayPeriods: 12}, "635.36", "933.68", "933.68", 0},
		{"100% of everything leaves nothing to deduct",
			model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 10000, DependentPercent: 10000, PayPeriods: 26}, "1569.04", "0.00", "0.00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.contrib.Validate(); err != nil {
				t.Fatal(err)
			}
			cost := tt.contrib.Cost(c, &q)
			f := cost.Families[0]
			if f.Employer.Decimal() != tt.employer || f.Employee.Decimal() != tt.employee ||
				f.Deduction.Decimal() != tt.deduction || f.Extra != tt.extraPennies {
				t.Errorf("employer %s, employee %s, deduction %s (+1¢ × %d); want %s, %s, %s (+1¢ × %d)",
					f.Employer.Decimal(), f.Employee.Decimal(), f.Deduction.Decimal(), f.Extra, tt.employer, tt.employee, tt.deduction, tt.extraPennies)
			}
			year := int64(f.Deduction)*int64(tt.contrib.PayPeriods) + int64(f.Extra)
			if year != int64(f.Employee)*12 || f.Employer+f.Employee != f.Premium {
				t.Errorf("a year of deductions is %d cents, the share %d; the split does not add up", year, int64(f.Employee)*12)
			}
		})
	}
}

func TestPercentagesAreReadExactly(t *testing.T) {
	for in, want := range map[string]model.Percent{"50": 5000, "62.5": 6250, "62.5%": 6250, "0": 0, "100": 10000, "33.33": 3333} {
		if got, err := model.ParsePercent(in); err != nil || got != want {
			t.Errorf("%q = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "100.01", "-5", "12.345"} {
		if _, err := model.ParsePercent(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
