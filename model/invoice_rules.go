package model

import "strings"

// BillingRule is one row of the billing rules, kept as data beside the
// retro-termination rules (the billing_rules table): for a carrier and a
// state (empty matches any), the grace period and the billing calendar.
// The invoice for a coverage month is issued on IssueDay and due on DueDay
// of the month before; the grace period begins the day after the last
// day of paid coverage and lasts GraceDays (DOMAIN.md §6).
type BillingRule struct {
	Carrier   string `json:"carrier"`
	State     string `json:"state"`
	GraceDays int    `json:"grace_days"`
	IssueDay  int    `json:"issue_day"`
	DueDay    int    `json:"due_day"`
	Source    string `json:"source,omitempty"`
}

// DefaultBillingRule applies when no row matches: California's 30 days,
// issued on the 1st and due on the 20th of the month before coverage.
var DefaultBillingRule = BillingRule{GraceDays: 30, IssueDay: 1, DueDay: 20,
	Source: "GroupDesk default: a 30-day grace period (10 CCR §2274.53, HSC §1365); bills on the 1st, due the 20th of the month before coverage"}

// RetroMonths is how far back retroactive lines reach: changes to months
// billed longer ago go to the carrier by hand.
const RetroMonths = 12

// Validate checks that the row can be used.
func (r *BillingRule) Validate() error {
	var p Problems
	if r.GraceDays < 1 || r.GraceDays > 90 {
		p.Add("grace_days", "the grace period must be 1 to 90 days, not %d", r.GraceDays)
	}
	if r.IssueDay < 1 || r.IssueDay > 28 {
		p.Add("issue_day", "invoices are issued on day 1 to 28 of the month before coverage, not %d", r.IssueDay)
	}
	if r.DueDay < r.IssueDay || r.DueDay > 28 {
		p.Add("due_day", "the due day must fall between the issue day and the 28th, not %d", r.DueDay)
	}
	return p.Err()
}

// BillingRuleFor returns the most specific row for a carrier and state:
// both, then the carrier, then the state, then any; DefaultBillingRule when
// none matches.
func BillingRuleFor(rows []BillingRule, carrier, state string) BillingRule {
	best, score := DefaultBillingRule, -1
	for _, r := range rows {
		if (r.Carrier != "" && !strings.EqualFold(r.Carrier, carrier)) || (r.State != "" && !strings.EqualFold(r.State, state)) {
			continue
		}
		if s := specificity(r.Carrier != "", r.State != ""); s > score {
			best, score = r, s
		}
	}
	return best
}

// IssueDate is the day the invoice for a coverage month is issued.
func (r BillingRule) IssueDate(p Period) Date {
	prior := p.Add(-1)
	return NewDate(prior.Year, prior.Month, r.IssueDay)
}

// DueDate is the day the invoice for a coverage month is due.
func (r BillingRule) DueDate(p Period) Date {
	prior := p.Add(-1)
	return NewDate(prior.Year, prior.Month, r.DueDay)
}

// PeriodIssuedOn returns the coverage month whose invoice is issued on or
// most recently before a day.
func (r BillingRule) PeriodIssuedOn(day Date) Period {
	p := PeriodOf(day).Add(1)
	if day.Before(r.IssueDate(p)) {
		p = p.Add(-1)
	}
	return p
}

// GraceEnds is the last day of the grace period after the last day of
// paid coverage.
func (r BillingRule) GraceEnds(lastPaid Date) Date { return lastPaid.AddDays(r.GraceDays) }
