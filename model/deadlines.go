package model

import "sort"

// AgingOut is a child dependent who turns 26 soon: coverage runs through
// the day before the birthday.
type AgingOut struct {
	Member       Member
	Birthday     Date // the 26th birthday
	CoverageEnds Date // the day before
	DaysLeft     int  // from today to the birthday
}

// ClosingWindow is a reported life event whose window closes soon.
type ClosingWindow struct {
	Event      LifeEventRecord
	Subscriber string // the subscriber's name
	DaysLeft   int
}

// Deadlines are the dates an administrator must act before.
type Deadlines struct {
	AgingOut []AgingOut
	Windows  []ClosingWindow
}

// DeadlineHorizon is how far ahead the deadline list looks, in days.
const DeadlineHorizon = 90

// AgingOutSoon returns the covered child dependents who turn 26 within
// horizon days from today (today included), soonest first.
func AgingOutSoon(ms []Member, today Date, horizon int) []AgingOut {
	var out []AgingOut
	last := today.AddDays(horizon)
	for _, m := range ms {
		b, ok := m.AgesOut()
		if !ok || !covered(&m) || m.IsSubscriber() || b.Before(today) || b.After(last) {
			continue
		}
		out = append(out, AgingOut{Member: m, Birthday: b, CoverageEnds: b.AddDays(-1), DaysLeft: today.DaysUntil(b)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Birthday.Before(out[j].Birthday) })
	return out
}

// WindowsClosingSoon returns the open life events whose window closes
// within horizon days (today included), soonest first. names maps
// subscriber IDs to names.
func WindowsClosingSoon(events []LifeEventRecord, names map[string]string, today Date, horizon int) []ClosingWindow {
	var out []ClosingWindow
	last := today.AddDays(horizon)
	for _, e := range events {
		if e.Status != LifeEventOpen || e.WindowCloses.Before(today) || e.WindowCloses.After(last) {
			continue
		}
		out = append(out, ClosingWindow{Event: e, Subscriber: names[e.SubscriberID], DaysLeft: today.DaysUntil(e.WindowCloses)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Event.WindowCloses.Before(out[j].Event.WindowCloses) })
	return out
}
