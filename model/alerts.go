package model

import (
	"sort"
	"strings"
)

// AlertKind says what an alert is about. Each capability adds its own
// kinds (invoices, access codes, documents…) beside its provider.
type AlertKind string

const (
	AlertRenewalOpens     AlertKind = "renewal_opens"
	AlertRenewalOpen      AlertKind = "renewal_open"
	AlertAgingOut         AlertKind = "aging_out"
	AlertWindowClosing    AlertKind = "life_event_window"
	AlertSyncPending      AlertKind = "sync_pending"
	AlertSyncConflict     AlertKind = "sync_conflict"
	AlertSyncRefused      AlertKind = "sync_refused"
	AlertApplicationNeeds AlertKind = "application_needs_information"
)

// Severity is how soon a person should act on an alert.
type Severity int

const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityUrgent
)

// Label is the severity for people.
func (s Severity) Label() string {
	switch s {
	case SeverityUrgent:
		return "Urgent"
	case SeverityWarning:
		return "Soon"
	}
	return "Coming up"
}

// Alert is one thing that needs attention: on Home for a group, in the book
// of business across groups, and (when it has a date) on the deadline
// calendar.
type Alert struct {
	Kind      AlertKind
	GroupID   string // "" for what belongs to no group (an application)
	Group     string // the group's name, for the book of business
	Subject   string // who or what: a member, a change, an application
	SubjectID string // the record a screen opens for it
	Due       Date   // the day to act by; zero for an undated alert
	Severity  Severity
	Text      string
}

// Key identifies an alert across runs: the calendar export uses it as the
// event's UID, so that a calendar updates an event instead of doubling it.
func (a Alert) Key() string {
	return strings.Join([]string{string(a.Kind), a.GroupID, a.SubjectID, a.Due.String()}, "/")
}

// Dated reports whether the alert has a day to act by.
func (a Alert) Dated() bool { return !a.Due.IsZero() }

// SortAlerts orders alerts most urgent first: by severity, then the
// soonest due date (undated alerts after dated ones), then group and text.
func SortAlerts(as []Alert) {
	sort.SliceStable(as, func(i, j int) bool { return moreUrgent(as[i], as[j]) })
}

func moreUrgent(a, b Alert) bool {
	if a.Severity != b.Severity {
		return a.Severity > b.Severity
	}
	if a.Dated() != b.Dated() {
		return a.Dated()
	}
	if c := a.Due.Compare(b.Due); c != 0 {
		return c < 0
	}
	if a.Group != b.Group {
		return a.Group < b.Group
	}
	return a.Text < b.Text
}

// Alert horizons, in days before the due date.
const (
	UrgentDays  = 7
	WarningDays = 30
)

// SeverityBy grades a dated alert by the days left until due: urgent within
// a week (or past), soon within a month, coming up otherwise.
func SeverityBy(today, due Date) Severity {
	switch left := today.DaysUntil(due); {
	case left <= UrgentDays:
		return SeverityUrgent
	case left <= WarningDays:
		return SeverityWarning
	}
	return SeverityInfo
}

// DatedAlerts returns the alerts that have a due date, soonest first, for
// the calendar.
func DatedAlerts(as []Alert) []Alert {
	var out []Alert
	for _, a := range as {
		if a.Dated() {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Due.Compare(out[j].Due); c != 0 {
			return c < 0
		}
		return moreUrgent(out[i], out[j])
	})
	return out
}
