// Package ical writes the deadline calendar as an iCalendar file (RFC 5545)
// that any calendar program imports: one all-day event per dated alert.
// It imports model and the standard library only.
package ical
