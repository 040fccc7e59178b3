package model

import "fmt"

// DeadlineAlerts turns a group's member deadlines into alerts: children
// turning 26 (coverage ends the day before) and life-event windows closing.
// A deadline is gone once it is resolved: the child's coverage ended or
// was changed, the event was enrolled or its window closed.
func DeadlineAlerts(g Group, d Deadlines, today Date) []Alert {
	var out []Alert
	for _, a := range d.AgingOut {
		out = append(out, Alert{
			Kind: AlertAgingOut, GroupID: g.ID, Group: g.Name,
			Subject: a.Member.FullName(), SubjectID: a.Member.ID, Due: a.CoverageEnds,
			Severity: SeverityBy(today, a.CoverageEnds),
			Text: fmt.Sprintf("%s turns 26 on %s: coverage as a dependent ends %s", a.Member.FullName(),
				a.Birthday.US(), a.CoverageEnds.US()),
		})
	}
	for _, w := range d.Windows {
		e := w.Event
		out = append(out, Alert{
			Kind: AlertWindowClosing, GroupID: g.ID, Group: g.Name,
			Subject: w.Subscriber, SubjectID: e.SubscriberID, Due: e.WindowCloses,
			Severity: SeverityBy(today, e.WindowCloses),
			Text: fmt.Sprintf("%s: the window for the %s on %s closes %s", w.Subscriber,
				lower(e.Event.Label()), e.EventDate.US(), e.WindowCloses.US()),
		})
	}
	return out
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
