package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date (a day on the calendar, with no time of day and no
// time zone): a date of birth, an effective date, a due date. The zero Date
// means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalised the way time.Date normalises
// (so NewDate(2026, 2, 31) is 2026-03-03).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads an ISO date (YYYY-MM-DD) or a US date (MM/DD/YYYY).
// The empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var y, m, d int
	var err error
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, err = atoi(s[0:4], err)
		m, err = atoi(s[5:7], err)
		d, err = atoi(s[8:10], err)
	case strings.Count(s, "/") == 2:
		parts := strings.Split(s, "/")
		m, err = atoi(parts[0], err)
		d, err = atoi(parts[1], err)
		y, err = atoi(parts[2], err)
		if len(parts[2]) != 4 {
			err = fmt.Errorf("year must have four digits")
		}
	default:
		return Date{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD or MM/DD/YYYY)", s)
	}
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD or MM/DD/YYYY)", s)
	}
	dt := NewDate(y, time.Month(m), d)
	if m < 1 || m > 12 || d < 1 || dt.Day != d || dt.Month != time.Month(m) {
		return Date{}, fmt.Errorf("%q is not a day on the calendar", s)
	}
	return dt, nil
}

// MustDate parses an ISO date and panics on error; for tests and tables.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func atoi(s string, prev error) (int, error) {
	if prev != nil {
		return 0, prev
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not a number")
		}
	}
	return strconv.Atoi(s)
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// By hand: a first sync or an import writes four dates a member.
	y, m := d.Year, int(d.Month)
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d.Day/10), byte('0' + d.Day%10)}
	return string(b[:])
}

// US formats the date as MM/DD/YYYY, or "" when unset.
func (d Date) US() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", int(d.Month), d.Day, d.Year)
}

// Time returns midnight UTC at the start of the date.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// AddMonths returns the same day n months later, clamped to the month's end
// (January 31 plus one month is the last day of February).
func (d Date) AddMonths(n int) Date {
	first := NewDate(d.Year, d.Month+time.Month(n), 1)
	last := first.EndOfMonth().Day
	return Date{first.Year, first.Month, min(d.Day, last)}
}

// AddYears returns the same day n years later; February 29 becomes
// February 28 in a year that has none.
func (d Date) AddYears(n int) Date {
	return Date{d.Year + n, d.Month, 1}.withDay(d.Day)
}

func (d Date) withDay(day int) Date {
	return Date{d.Year, d.Month, min(day, d.EndOfMonth().Day)}
}

// FirstOfMonth returns the first day of the date's month.
func (d Date) FirstOfMonth() Date { return Date{d.Year, d.Month, 1} }

// FirstOfNextMonth returns the first day of the month after the date's.
func (d Date) FirstOfNextMonth() Date { return NewDate(d.Year, d.Month+1, 1) }

// EndOfMonth returns the last day of the date's month.
func (d Date) EndOfMonth() Date { return NewDate(d.Year, d.Month+1, 0) }

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// DaysUntil returns the number of days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.Time().Sub(d.Time()).Hours() / 24)
}

// AgeOn returns the age in whole years of someone born on d, on the date on.
// A person born on February 29 turns a year older on March 1 in common years.
func (d Date) AgeOn(on Date) int {
	age := on.Year - d.Year
	if on.Month < d.Month || (on.Month == d.Month && on.Day < d.Day) {
		age--
	}
	return age
}

// Birthday returns the date on which someone born on d turns age years old.
func (d Date) Birthday(age int) Date {
	if d.Month == time.February && d.Day == 29 {
		b := NewDate(d.Year+age, time.February, 29)
		return b // normalises to March 1 in common years
	}
	return Date{d.Year + age, d.Month, d.Day}
}

// MarshalText writes the ISO form; the zero date is "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO or US form.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
