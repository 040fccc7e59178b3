package model

import (
	"fmt"
	"time"
)

// Period is a coverage month: the month one invoice bills, or the month a
// retroactive line corrects. Premiums are billed by whole months.
type Period struct {
	Year  int
	Month time.Month
}

// PeriodOf returns the month a date falls in.
func PeriodOf(d Date) Period { return Period{d.Year, d.Month} }

// ParsePeriod reads a month written YYYY-MM.
func ParsePeriod(s string) (Period, error) {
	d, err := ParseDate(s + "-01")
	if err != nil || len(s) != 7 {
		return Period{}, fmt.Errorf("%q is not a month (use YYYY-MM)", s)
	}
	return PeriodOf(d), nil
}

// IsZero reports whether the period is unset.
func (p Period) IsZero() bool { return p == Period{} }

// String is the month as YYYY-MM, or "" when unset.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month))
}

// Label is the month for people: "March 2026".
func (p Period) Label() string { return p.First().Time().Format("January 2006") }

// Short is the month in a few letters: "Mar 2026".
func (p Period) Short() string { return p.First().Time().Format("Jan 2006") }

// First is the first day of the month.
func (p Period) First() Date { return Date{p.Year, p.Month, 1} }

// Last is the last day of the month.
func (p Period) Last() Date { return p.First().EndOfMonth() }

// Add returns the month n months later (earlier when n < 0).
func (p Period) Add(n int) Period { return PeriodOf(NewDate(p.Year, p.Month+time.Month(n), 1)) }

// Compare returns -1, 0 or +1 as p is before, the same as or after o.
func (p Period) Compare(o Period) int { return p.First().Compare(o.First()) }

// Before reports whether p is an earlier month than o.
func (p Period) Before(o Period) bool { return p.Compare(o) < 0 }

// After reports whether p is a later month than o.
func (p Period) After(o Period) bool { return p.Compare(o) > 0 }

// MonthsUntil counts the months from p to o (negative when o is earlier).
func (p Period) MonthsUntil(o Period) int {
	return (o.Year-p.Year)*12 + int(o.Month) - int(p.Month)
}

// MarshalText writes YYYY-MM.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads YYYY-MM; "" is the zero period.
func (p *Period) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = Period{}
		return nil
	}
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
