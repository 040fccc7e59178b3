package ical

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groupdesk/groupdesk/model"
)

// ProductID names GroupDesk in the file, as RFC 5545 §3.7.3 asks.
const ProductID = "-//GroupDesk//Deadline calendar//EN"

// Calendar is what goes in the file.
type Calendar struct {
	Name   string        // the calendar's name (X-WR-CALNAME, read by most programs)
	Alerts []model.Alert // undated alerts are left out
	Stamp  time.Time     // when the file was made (DTSTAMP)
}

// Write encodes the calendar: one all-day VEVENT per dated alert, lines
// folded at 75 octets and ended with CRLF.
func Write(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	out := &writer{w: bw}
	out.prop("BEGIN", "VCALENDAR")
	out.prop("VERSION", "2.0")
	out.prop("PRODID", ProductID)
	out.prop("CALSCALE", "GREGORIAN")
	out.prop("METHOD", "PUBLISH")
	if c.Name != "" {
		out.prop("X-WR-CALNAME", Escape(c.Name))
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, a := range model.DatedAlerts(c.Alerts) {
		out.event(a, stamp)
	}
	out.prop("END", "VCALENDAR")
	if out.err != nil {
		return out.err
	}
	return bw.Flush()
}

type writer struct {
	w   *bufio.Writer
	err error
}

func (w *writer) event(a model.Alert, stamp string) {
	w.prop("BEGIN", "VEVENT")
	w.prop("UID", Escape(a.Key())+"@groupdesk")
	w.prop("DTSTAMP", stamp)
	w.prop("DTSTART;VALUE=DATE", date(a.Due))
	w.prop("DTEND;VALUE=DATE", date(a.Due.AddDays(1)))
	w.prop("SUMMARY", Escape(summary(a)))
	w.prop("DESCRIPTION", Escape(a.Text))
	w.prop("CATEGORIES", Escape(string(a.Kind)))
	w.prop("TRANSP", "TRANSPARENT") // a deadline does not make the day busy
	w.prop("END", "VEVENT")
}

// summary is the event's title: the group, then what is due.
func summary(a model.Alert) string {
	if a.Group == "" {
		return a.Text
	}
	return a.Group + ": " + a.Text
}

func date(d model.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day) }

// prop writes one content line, folded.
func (w *writer) prop(name, value string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(Fold(name + ":" + value))
	}
}

// Escape escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon,
// comma and newline.
func Escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// Fold splits a content line into lines of at most 75 octets, each
// continuation starting with a space, never inside a UTF-8 sequence
// (RFC 5545 §3.1), and ends it with CRLF.
func Fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}
