package model

import "fmt"

// AlertRenewalOffer is a renewal offer waiting for the group's answer.
const AlertRenewalOffer AlertKind = "renewal_offer"

// RenewalOfferAlerts returns, for each renewal still waiting for the
// group's answer, the offer in a line with the days left to the cutoff:
// "Renewal offer for 02/01/2027: $9,731.55 a month, up from $9,120.00
// (+6.7%); answer by 01/10/2027, 43 days left". A renewal the carrier sent
// back for more information says so.
func RenewalOfferAlerts(rs []Renewal, names map[string]string, today Date) []Alert {
	var out []Alert
	for i := range rs {
		r := &rs[i]
		if !r.Status.Open() || (today.After(r.Cutoff) && r.Status != RenewalNeedsInfo) {
			continue
		}
		out = append(out, renewalOfferAlert(r, names[r.GroupID], today))
	}
	return out
}

func renewalOfferAlert(r *Renewal, group string, today Date) Alert {
	a := Alert{Kind: AlertRenewalOffer, GroupID: r.GroupID, Group: group, Subject: "Renewal " + r.Effective.String(),
		SubjectID: r.ID, Due: r.Cutoff, Severity: SeverityBy(today, r.Cutoff), Text: RenewalSummary(r, today)}
	if r.Status == RenewalNeedsInfo {
		a.Due, a.Severity = r.Effective, max(SeverityWarning, SeverityBy(today, r.Effective))
		a.Text = "The carrier needs more information about the renewal: " + r.LastNote()
	}
	return a
}

// RenewalSummary is the offer in a line, as Home and the Renewals screen
// show it.
func RenewalSummary(r *Renewal, today Date) string {
	cur, ren := r.Offer.Totals()
	left := r.DaysToCutoff(today)
	when := fmt.Sprintf("answer by %s, %s left", r.Cutoff.US(), plural(left, "day", "days"))
	switch {
	case left == 0:
		when = "answer today: the cutoff is " + r.Cutoff.US()
	case left < 0:
		when = "the cutoff was " + r.Cutoff.US()
	}
	dir := "up"
	if ren < cur {
		dir = "down"
	}
	return fmt.Sprintf("Renewal offer for %s: %s a month, %s from %s (%s); %s", r.Effective.US(), ren, dir, cur, ChangePercent(cur, ren), when)
}
