package model

import "strings"

// RenewalSetting is one row of the carrier's renewal settings: for a state
// and segment (empty matches any), how long before the renewal date the
// offer comes out, the notice the law requires, and the last day the group
// may answer. The rows are data (the renewal_settings table), so a carrier
// changes them without a new GroupDesk.
type RenewalSetting struct {
	State   string  `json:"state"`
	Segment Segment `json:"segment"`
	// LeadDays: the offer comes out this many days before the renewal date.
	LeadDays int `json:"lead_days"`
	// NoticeDays: the offer must reach the group at least this many days
	// before the renewal date (California HSC §1374.21: 60 small, 120 large).
	NoticeDays int `json:"notice_days"`
	// CutoffDay, when set, makes the cutoff that day of the month before the
	// renewal (the 10th in Kaiser Washington's auto-renewal notice); else
	// the cutoff is CutoffDays before the renewal date.
	CutoffDay  int    `json:"cutoff_day,omitempty"`
	CutoffDays int    `json:"cutoff_days,omitempty"`
	Source     string `json:"source,omitempty"`
}

// DefaultRenewalSetting is used when no row matches: the 75-day window of
// DOMAIN.md §3, California's small-group notice, an answer by the 10th of
// the month before.
var DefaultRenewalSetting = RenewalSetting{LeadDays: DefaultRenewalLeadDays, NoticeDays: 60, CutoffDay: 10,
	Source: "GroupDesk default: the 75-day online window, 60 days' notice, answers by the 10th of the month before"}

// Validate checks that the row can be used: the offer must come out before
// the notice is due, and the cutoff must fall inside the window.
func (s *RenewalSetting) Validate() error {
	var p Problems
	switch {
	case s.LeadDays <= 0:
		p.Add("lead_days", "the lead time must be at least one day")
	case s.LeadDays < s.NoticeDays:
		p.Add("lead_days", "an offer %d days ahead cannot give %d days' notice", s.LeadDays, s.NoticeDays)
	}
	if s.CutoffDay < 0 || s.CutoffDay > 28 {
		p.Add("cutoff_day", "the cutoff day must be 1 to 28 of the month before, not %d", s.CutoffDay)
	}
	if s.CutoffDay == 0 && (s.CutoffDays <= 0 || s.CutoffDays >= s.LeadDays) {
		p.Add("cutoff_days", "the cutoff must be between the day the offer comes out and the renewal date")
	}
	return p.Err()
}

// RenewalSettingFor returns the most specific row for a state and segment:
// both, then the state, then the segment, then any; DefaultRenewalSetting
// when none matches.
func RenewalSettingFor(rows []RenewalSetting, state string, seg Segment) RenewalSetting {
	best, score := DefaultRenewalSetting, -1
	for _, r := range rows {
		if (r.State != "" && !strings.EqualFold(r.State, state)) || (r.Segment != "" && r.Segment != seg) {
			continue
		}
		if s := specificity(r.State != "", r.Segment != ""); s > score {
			best, score = r, s
		}
	}
	return best
}

// RenewalDates are the dates of one renewal under a setting.
type RenewalDates struct {
	Opens, NoticeBy, Cutoff, Effective Date
}

// Dates works out the dates of a renewal effective on a day.
func (s RenewalSetting) Dates(effective Date) RenewalDates {
	d := RenewalDates{Effective: effective, Opens: effective.AddDays(-s.LeadDays), NoticeBy: effective.AddDays(-s.NoticeDays)}
	d.Cutoff = effective.AddDays(-s.CutoffDays)
	if s.CutoffDay > 0 {
		prior := effective.AddMonths(-1)
		d.Cutoff = NewDate(prior.Year, prior.Month, s.CutoffDay)
	}
	if d.Cutoff.Before(d.Opens) {
		d.Cutoff = d.Opens
	}
	return d
}

// Due reports whether the offer of a renewal should be out on today: the
// window has opened and the renewal date has not come.
func (d RenewalDates) Due(today Date) bool {
	return !today.Before(d.Opens) && today.Before(d.Effective)
}
