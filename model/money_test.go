package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want model.Money
	}{
		{"a plain amount with cents", "1234.50", 123450},
		{"a dollar sign and thousands separators", "$1,234.50", 123450},
		{"one decimal place means tens of cents", "1234.5", 123450},
		{"a whole amount", "12", 1200},
		{"a negative amount", "-12", -1200},
		{"a negative amount with a dollar sign", "-$12.00", -1200},
		{"cents without a leading zero", ".05", 5},
		{"a trailing point", "7.", 700},
		{"zero", "0.00", 0},
		{"surrounding spaces", "  $3.10 ", 310},
		{"a million", "$1,000,000.00", 100000000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.ParseMoney(tt.in)
			if err != nil {
				t.Fatalf("ParseMoney(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseMoney(%q) = %d cents, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseMoneyRefusesNonAmounts(t *testing.T) {
	for _, tt := range []struct{ name, in string }{
		{"three decimal places are not rounded silently", "1.234"},
		{"the empty string is not an amount", ""},
		{"a lone minus sign is not an amount", "-"},
		{"a lone point is not an amount", "."},
		{"letters are not an amount", "twelve"},
		{"an exponent is not an amount", "1e3"},
		{"a plus sign is not accepted", "+5"},
		{"the sign after the dollar sign is not accepted", "$-5"},
		{"a negative cents part is not an amount", "1.-5"},
		{"an amount beyond a quadrillion dollars is refused", "9999999999999999"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := model.ParseMoney(tt.in); err == nil {
				t.Errorf("ParseMoney(%q) = %d, want an error", tt.in, got)
			}
		})
	}
}

func TestMoneyFormats(t *testing.T) {
	tests := []struct {
		name             string
		m                model.Money
		decimal, display string
	}{
		{"zero", 0, "0.00", "$0.00"},
		{"five cents", 5, "0.05", "$0.05"},
		{"negative five cents", -5, "-0.05", "-$0.05"},
		{"an amount under a thousand", 99999, "999.99", "$999.99"},
		{"an amount with a thousands separator", 123450, "1234.50", "$1,234.50"},
		{"a negative amount with a separator", -123450, "-1234.50", "-$1,234.50"},
		{"a million", 100000000, "1000000.00", "$1,000,000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.Decimal(); got != tt.decimal {
				t.Errorf("Decimal() = %q, want %q", got, tt.decimal)
			}
			if got := tt.m.String(); got != tt.display {
				t.Errorf("String() = %q, want %q", got, tt.display)
			}
			for _, s := range []string{tt.decimal, tt.display} {
				if back, err := model.ParseMoney(s); err != nil || back != tt.m {
					t.Errorf("ParseMoney(%q) = %d, %v; want %d", s, back, err, tt.m)
				}
			}
		})
	}
}

func TestMulRound(t *testing.T) {
	tests := []struct {
		name    string
		m       model.Money
		factors []model.Factor
		want    model.Money
	}{
		{"no factor leaves the amount", 12345, nil, 12345},
		{"factor one leaves the amount", 12345, []model.Factor{model.FactorOne}, 12345},
		{"half a cent rounds up", 1, []model.Factor{5000}, 1},
		{"less than half a cent rounds down", 1, []model.Factor{4999}, 0},
		{"one and a half cents round up to two", 3, []model.Factor{5000}, 2},
		{"a negative half cent rounds away from zero", -1, []model.Factor{5000}, -1},
		{"a negative amount rounds symmetrically", -3, []model.Factor{5000}, -2},
		{"the worked example's employee: 440 × 1.444 × 1.15", 44000, []model.Factor{14440, 11500}, 73066},
		{"the worked example's spouse: 440 × 1.357", 44000, []model.Factor{13570}, 59708},
		{"base times area is rounded once at the end", 40000, []model.Factor{11000, 14440, 11500}, 73066},
		{"three factors of four places do not overflow", 99999999, []model.Factor{30000, 15000, 12345}, 555524994},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.MulRound(tt.factors...); got != tt.want {
				t.Errorf("%d × %v = %d, want %d", tt.m, tt.factors, got, tt.want)
			}
		})
	}
}

func TestFactor(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want model.Factor
		out  string
	}{
		{"three places", "1.444", 14440, "1.444"},
		{"a child factor", "0.765", 7650, "0.765"},
		{"a whole number", "1", 10000, "1.000"},
		{"two places are shown with three", "1.15", 11500, "1.150"},
		{"four places are kept", "1.2345", 12345, "1.2345"},
		{"the top of the curve", "3.000", 30000, "3.000"},
		{"a tiny factor", "0.0005", 5, "0.0005"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.ParseFactor(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParseFactor(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			if s := got.String(); s != tt.out {
				t.Errorf("String() = %q, want %q", s, tt.out)
			}
		})
	}
	for _, bad := range []string{"", "abc", "1.23456", "-1.0", ".5", "1,5"} {
		t.Run("ParseFactor refuses "+bad, func(t *testing.T) {
			if f, err := model.ParseFactor(bad); err == nil {
				t.Errorf("ParseFactor(%q) = %d, want an error", bad, f)
			}
		})
	}
}
