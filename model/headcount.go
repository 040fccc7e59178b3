package model

// CoverageSpan is when one member was covered: from the effective date
// through the termination date (zero while coverage goes on).
type CoverageSpan struct {
	Subscriber  bool
	Effective   Date
	Termination Date
}

// coveredOn reports whether the span covers the day.
func (c CoverageSpan) coveredOn(d Date) bool {
	m := Member{Effective: c.Effective, Termination: c.Termination}
	return m.CoveredOn(d)
}

// HeadcountPoint is a group's head count on the first of a month.
type HeadcountPoint struct {
	Month       Date
	Subscribers int
	Members     int // subscribers and dependents
}

// HeadcountByMonth counts the covered subscribers and members on the
// first of each month of the months before and including the one of last.
func HeadcountByMonth(spans []CoverageSpan, last Date, months int) []HeadcountPoint {
	first := last.FirstOfMonth().AddMonths(-(months - 1))
	out := make([]HeadcountPoint, months)
	for i := range out {
		out[i].Month = first.AddMonths(i)
	}
	for _, s := range spans {
		for i := range out {
			if !s.coveredOn(out[i].Month) {
				continue
			}
			out[i].Members++
			if s.Subscriber {
				out[i].Subscribers++
			}
		}
	}
	return out
}
