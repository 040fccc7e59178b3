package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// count formats a whole number with thousands separators.
func count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + count(-n)
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// quietStyle sets apart secondary text (a subtitle, the details of a
// change, a terminated member's row) while it stays as readable as the
// rest: a label of low importance takes the colour of disabled controls,
// which on either background cannot be read.
var quietStyle = fyne.TextStyle{Italic: true}

// plural returns "1 member" or "3 members".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// longDate formats a date for reading: "Mar 1, 2027".
func longDate(d model.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time().Format("Jan 2, 2006")
}

// relativeDays says how far a date is: "in 12 days", "today", "3 days ago".
func relativeDays(today, d model.Date) string {
	n := today.DaysUntil(d)
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n > 1:
		return fmt.Sprintf("in %s days", count(n))
	case n == -1:
		return "yesterday"
	}
	return fmt.Sprintf("%s days ago", count(-n))
}

// orDash shows an em dash for an empty value.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// setLabel gives a label its text and importance in one refresh. Setting
// the text first and the importance after let a reused table cell show the
// text it held before.
func setLabel(l *widget.Label, text string, importance widget.Importance) {
	l.Text = text
	l.Importance = importance
	l.Refresh()
}
