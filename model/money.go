package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in US cents. Money never passes through a float.
type Money int64

// Cents returns the amount as a whole number of cents.
func (m Money) Cents() int64 { return int64(m) }

// Dollars returns the whole dollars and remaining cents of a non-negative
// amount (of the absolute value for a negative one).
func (m Money) split() (neg bool, dollars, cents int64) {
	v := int64(m)
	if v < 0 {
		neg, v = true, -v
	}
	return neg, v / 100, v % 100
}

// Decimal formats the amount as a plain decimal with two places: "-1234.50".
// It is the form used in files and on the wire.
func (m Money) Decimal() string {
	neg, d, c := m.split()
	sign := ""
	if neg {
		sign = "-"
	}
	return fmt.Sprintf("%s%d.%02d", sign, d, c)
}

// String formats the amount for people: "$1,234.50", "-$12.00".
func (m Money) String() string {
	neg, d, c := m.split()
	s := strconv.FormatInt(d, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteByte('$')
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	fmt.Fprintf(&b, ".%02d", c)
	return b.String()
}

// ParseMoney reads an amount such as "1234.5", "$1,234.50" or "-12". More
// than two decimal places is an error rather than a silent rounding.
func ParseMoney(s string) (Money, error) {
	t := strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(t, "-") {
		neg, t = true, strings.TrimSpace(t[1:])
	}
	t = strings.TrimPrefix(t, "$")
	t = strings.ReplaceAll(t, ",", "")
	whole, frac, hasFrac := strings.Cut(t, ".")
	if whole == "" && (!hasFrac || frac == "") {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimal places", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	w, err1 := strconv.ParseUint(whole, 10, 62)
	f, err2 := strconv.ParseUint(frac, 10, 8)
	if err1 != nil || err2 != nil || w > 1e15 {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	v := Money(int64(w)*100 + int64(f))
	if neg {
		v = -v
	}
	return v, nil
}

// MarshalText writes the plain decimal form.
func (m Money) MarshalText() ([]byte, error) { return []byte(m.Decimal()), nil }

// UnmarshalText reads the plain decimal form.
func (m *Money) UnmarshalText(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Factor is an exact decimal multiplier with four decimal places, stored as
// ten-thousandths: 1.444 is Factor(14440). Age-curve and tobacco factors are
// Factors so that premiums never go through floating point.
type Factor int64

// FactorOne is the factor 1.0000.
const FactorOne Factor = 10000

// ParseFactor reads a decimal such as "1.444" or "0.765" (at most four places).
func ParseFactor(s string) (Factor, error) {
	t := strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" || len(frac) > 4 {
		return 0, fmt.Errorf("%q is not a factor with at most four decimal places", s)
	}
	for len(frac) < 4 {
		frac += "0"
	}
	w, err1 := strconv.ParseUint(whole, 10, 32)
	f, err2 := strconv.ParseUint(frac, 10, 16)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("%q is not a factor", s)
	}
	return Factor(int64(w)*10000 + int64(f)), nil
}

// String formats the factor with the fewest places that keep it exact
// (at least three): "1.444", "1.000", "1.15" becomes "1.150".
func (f Factor) String() string {
	s := fmt.Sprintf("%d.%04d", int64(f)/10000, int64(f)%10000)
	if strings.HasSuffix(s, "0") {
		s = s[:len(s)-1]
	}
	return s
}

// MarshalText writes the decimal form.
func (f Factor) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText reads the decimal form.
func (f *Factor) UnmarshalText(b []byte) error {
	v, err := ParseFactor(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// MulRound returns m × f1 × f2 … rounded half-up to the cent, computed in
// integers. It is the one place premiums are multiplied.
func (m Money) MulRound(factors ...Factor) Money {
	num := int64(m)
	den := int64(1)
	for _, f := range factors {
		num *= int64(f)
		den *= int64(FactorOne)
		// keep the intermediate small: reduce by common powers of ten
		for den > 1 && num%10 == 0 && den%10 == 0 {
			num, den = num/10, den/10
		}
	}
	if num >= 0 {
		return Money((num + den/2) / den)
	}
	return -Money((-num + den/2) / den)
}
