package model_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want model.Date
	}{
		{"an ISO date is read", "2026-03-15", model.Date{Year: 2026, Month: time.March, Day: 15}},
		{"a US date is read", "03/15/2026", model.Date{Year: 2026, Month: time.March, Day: 15}},
		{"a US date without leading zeros is read", "3/5/2026", model.Date{Year: 2026, Month: time.March, Day: 5}},
		{"surrounding spaces are ignored", "  2026-01-02 ", model.Date{Year: 2026, Month: time.January, Day: 2}},
		{"February 29 of a leap year is a date", "2024-02-29", model.Date{Year: 2024, Month: time.February, Day: 29}},
		{"the empty string is the zero date", "", model.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateRefusesWhatIsNotADay(t *testing.T) {
	for _, tt := range []struct{ name, in string }{
		{"February 30 does not exist", "2026-02-30"},
		{"February 29 of a common year does not exist", "2026-02-29"},
		{"April 31 does not exist", "04/31/2026"},
		{"month 13 does not exist", "2026-13-01"},
		{"month 0 does not exist", "2026-00-10"},
		{"day 0 does not exist", "2026-01-00"},
		{"a two-digit US year is ambiguous", "03/15/26"},
		{"a day-first European date with day 31 is refused", "31/01/2026"},
		{"letters are not digits", "2026-0a-01"},
		{"a signed part is not a date", "2026-+1-01"},
		{"dots are not a date format", "15.03.2026"},
		{"a timestamp is not a civil date", "2026-03-15T10:00:00Z"},
		{"words are not a date", "yesterday"},
		{"empty US parts are not a date", "//2026"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if d, err := model.ParseDate(tt.in); err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tt.in, d)
			}
		})
	}
}

func TestDateFormats(t *testing.T) {
	d := model.MustDate("2026-03-05")
	if d.String() != "2026-03-05" || d.US() != "03/05/2026" {
		t.Errorf("got %q and %q", d.String(), d.US())
	}
	if (model.Date{}).String() != "" || (model.Date{}).US() != "" {
		t.Error("the zero date must format as the empty string")
	}
	b, err := json.Marshal(struct{ D model.Date }{d})
	if err != nil || string(b) != `{"D":"2026-03-05"}` {
		t.Errorf("json = %s, %v", b, err)
	}
	var back struct{ D model.Date }
	if err := json.Unmarshal([]byte(`{"D":"03/05/2026"}`), &back); err != nil || back.D != d {
		t.Errorf("unmarshal = %v, %v", back.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2026-02-30"}`), &back); err == nil {
		t.Error("unmarshalling 2026-02-30 must fail")
	}
}

func TestAgeOn(t *testing.T) {
	tests := []struct {
		name     string
		born, on string
		want     int
	}{
		{"the day before the birthday is still the younger age", "1980-06-15", "2026-06-14", 45},
		{"on the birthday the person is a year older", "1980-06-15", "2026-06-15", 46},
		{"the day after the birthday is the older age", "1980-06-15", "2026-06-16", 46},
		{"a newborn is 0 on the day of birth", "2026-01-10", "2026-01-10", 0},
		{"a baby is 0 until the first birthday", "2025-01-10", "2026-01-09", 0},
		{"a Feb 29 birthday is not reached on Feb 28 of a common year", "2008-02-29", "2026-02-28", 17},
		{"a Feb 29 birthday is reached on Mar 1 of a common year", "2008-02-29", "2026-03-01", 18},
		{"a Feb 29 birthday is reached on Feb 29 of a leap year", "2008-02-29", "2028-02-29", 20},
		{"a Feb 29 birthday is not reached on Feb 28 of a leap year", "2008-02-29", "2028-02-28", 19},
		{"someone born Feb 28 is a year older on Feb 28", "2008-02-28", "2026-02-28", 18},
		{"a December birthday is not reached in November", "1990-12-31", "2026-11-30", 35},
		{"an 80-year-old", "1946-01-01", "2026-01-01", 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.MustDate(tt.born).AgeOn(model.MustDate(tt.on)); got != tt.want {
				t.Errorf("born %s, age on %s = %d, want %d", tt.born, tt.on, got, tt.want)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  func() model.Date
		want string
	}{
		{"a month after January 31 is the last day of February", func() model.Date { return model.MustDate("2026-01-31").AddMonths(1) }, "2026-02-28"},
		{"a month after January 31 of a leap year is February 29", func() model.Date { return model.MustDate("2024-01-31").AddMonths(1) }, "2024-02-29"},
		{"a month after March 31 is April 30", func() model.Date { return model.MustDate("2026-03-31").AddMonths(1) }, "2026-04-30"},
		{"a month before March 31 is the end of February", func() model.Date { return model.MustDate("2026-03-31").AddMonths(-1) }, "2026-02-28"},
		{"twelve months after a date is the same date next year", func() model.Date { return model.MustDate("2026-05-15").AddMonths(12) }, "2027-05-15"},
		{"months carry into the next year", func() model.Date { return model.MustDate("2026-11-30").AddMonths(3) }, "2027-02-28"},
		{"months borrow from the previous year", func() model.Date { return model.MustDate("2026-01-15").AddMonths(-2) }, "2025-11-15"},
		{"a year after February 29 is February 28", func() model.Date { return model.MustDate("2024-02-29").AddYears(1) }, "2025-02-28"},
		{"four years after February 29 is February 29", func() model.Date { return model.MustDate("2024-02-29").AddYears(4) }, "2028-02-29"},
		{"a year before an ordinary date is the same day", func() model.Date { return model.MustDate("2026-07-04").AddYears(-1) }, "2025-07-04"},
		{"the end of February in a common year is the 28th", func() model.Date { return model.MustDate("2026-02-10").EndOfMonth() }, "2026-02-28"},
		{"the end of February in a leap year is the 29th", func() model.Date { return model.MustDate("2024-02-01").EndOfMonth() }, "2024-02-29"},
		{"the end of December is the 31st", func() model.Date { return model.MustDate("2026-12-01").EndOfMonth() }, "2026-12-31"},
		{"the end of April is the 30th", func() model.Date { return model.MustDate("2026-04-30").EndOfMonth() }, "2026-04-30"},
		{"the first of next month after December is in January", func() model.Date { return model.MustDate("2026-12-15").FirstOfNextMonth() }, "2027-01-01"},
		{"the first of next month after a first is a month later", func() model.Date { return model.MustDate("2026-03-01").FirstOfNextMonth() }, "2026-04-01"},
		{"the first of next month after January 31 is February 1", func() model.Date { return model.MustDate("2026-01-31").FirstOfNextMonth() }, "2026-02-01"},
		{"the first of the month", func() model.Date { return model.MustDate("2026-01-31").FirstOfMonth() }, "2026-01-01"},
		{"adding days crosses months", func() model.Date { return model.MustDate("2026-02-27").AddDays(3) }, "2026-03-02"},
		{"subtracting days crosses years", func() model.Date { return model.MustDate("2026-01-01").AddDays(-1) }, "2025-12-31"},
		{"the 26th birthday of an ordinary date", func() model.Date { return model.MustDate("2000-07-04").Birthday(26) }, "2026-07-04"},
		{"a Feb 29 birthday in a common year falls on March 1", func() model.Date { return model.MustDate("2000-02-29").Birthday(26) }, "2026-03-01"},
		{"a Feb 29 birthday in a leap year falls on February 29", func() model.Date { return model.MustDate("2000-02-29").Birthday(28) }, "2028-02-29"},
		{"a new date is normalised like time.Date", func() model.Date { return model.NewDate(2026, time.February, 31) }, "2026-03-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got(); got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBirthdayAgreesWithAgeOn(t *testing.T) {
	for _, born := range []string{"2000-02-29", "2000-03-01", "2000-02-28", "1999-12-31", "2004-02-29"} {
		for age := 1; age <= 30; age++ {
			b := model.MustDate(born).Birthday(age)
			if got := model.MustDate(born).AgeOn(b); got != age {
				t.Errorf("born %s: on the %d. birthday %s the age is %d", born, age, b, got)
			}
			if got := model.MustDate(born).AgeOn(b.AddDays(-1)); got != age-1 {
				t.Errorf("born %s: the day before the %d. birthday %s the age is %d", born, age, b, got)
			}
		}
	}
}

func TestDaysUntilAndCompare(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"the same day is zero days away", "2026-03-15", "2026-03-15", 0},
		{"tomorrow is one day away", "2026-03-15", "2026-03-16", 1},
		{"yesterday is minus one day away", "2026-03-15", "2026-03-14", -1},
		{"a common year has 365 days", "2026-01-01", "2027-01-01", 365},
		{"a leap year has 366 days", "2024-01-01", "2025-01-01", 366},
		{"a daylight-saving change does not lose a day", "2026-03-07", "2026-03-09", 2},
		{"the renewal window opens 75 days before", "2026-10-18", "2027-01-01", 75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := model.MustDate(tt.from), model.MustDate(tt.to)
			if got := from.DaysUntil(to); got != tt.want {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", from, to, got, tt.want)
			}
			if got := from.AddDays(tt.want); got != to {
				t.Errorf("%s.AddDays(%d) = %s, want %s", from, tt.want, got, to)
			}
			wantCmp := map[bool]int{true: -1, false: 1}[tt.want > 0]
			if tt.want == 0 {
				wantCmp = 0
			}
			if got := from.Compare(to); got != wantCmp {
				t.Errorf("Compare = %d, want %d", got, wantCmp)
			}
			if from.Before(to) != (wantCmp < 0) || from.After(to) != (wantCmp > 0) {
				t.Errorf("Before/After disagree with Compare %d", wantCmp)
			}
		})
	}
}

// String writes a date as ISO 8601 with the year in four digits, as it
// always has, whatever the date.
func TestDateStringIsISO(t *testing.T) {
	for _, d := range []model.Date{
		{Year: 2026, Month: time.November, Day: 29}, {Year: 1, Month: time.January, Day: 1},
		{Year: 99, Month: time.December, Day: 31}, {Year: 9999, Month: time.December, Day: 31},
		{Year: 10000, Month: time.January, Day: 1}, {Year: -1, Month: time.March, Day: 4},
		{Year: 2024, Month: 13, Day: 100}, {Year: 2024, Month: 0, Day: 0},
	} {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day); got != want {
			t.Errorf("%+v: %q, want %q", d, got, want)
		}
	}
	if s := (model.Date{}).String(); s != "" {
		t.Errorf("the zero date: %q", s)
	}
}
