package model

import "fmt"

// DefaultRenewalLeadDays is how long before the renewal effective date the
// renewal opens online (DOMAIN.md §3). A rules table that carries a lead
// time per carrier or segment passes its own to RenewalAlerts.
const DefaultRenewalLeadDays = 75

// RenewalNoticeDays is how long before the renewal window opens Home
// starts to announce it.
const RenewalNoticeDays = 30

// RenewalAlerts returns the renewal alert of a group on a day: the window
// opens soon (within RenewalNoticeDays of opening), or it is open and closes
// on the renewal effective date. Nothing once the renewal date has passed:
// the group's next renewal date replaces it.
func RenewalAlerts(g Group, today Date, leadDays int) []Alert {
	renewal := g.RenewalDate
	if renewal.IsZero() || today.After(renewal) {
		return nil
	}
	if leadDays <= 0 {
		leadDays = DefaultRenewalLeadDays
	}
	opens := renewal.AddDays(-leadDays)
	a := Alert{GroupID: g.ID, Group: g.Name, Subject: "Renewal " + renewal.String(), SubjectID: renewal.String()}
	switch {
	case !today.Before(opens):
		a.Kind, a.Due = AlertRenewalOpen, renewal
		a.Severity = renewalSeverity(today, renewal)
		a.Text = fmt.Sprintf("Renewal window open: review the renewal and send plan changes before %s", renewal.US())
	case today.DaysUntil(opens) <= RenewalNoticeDays:
		a.Kind, a.Due, a.Severity = AlertRenewalOpens, opens, SeverityInfo
		a.Text = fmt.Sprintf("Renewal window opens %s, %d days before the renewal on %s", opens.US(), leadDays, renewal.US())
	default:
		return nil
	}
	return []Alert{a}
}

// renewalSeverity: a renewal takes longer than a form, so it is urgent two
// weeks ahead.
func renewalSeverity(today, renewal Date) Severity {
	switch left := today.DaysUntil(renewal); {
	case left <= 2*UrgentDays:
		return SeverityUrgent
	case left <= 45:
		return SeverityWarning
	}
	return SeverityInfo
}
