package demo

import "github.com/groupdesk/groupdesk/model"

// termsFor are the terms of a plan year that started back years before
// the one in force: the participation rule and the grace period read as
// they did then.
func termsFor(g model.Group, back int) []model.ContractTerm {
	participation := "At least 70% of eligible employees, not counting those with other group coverage, enroll."
	grace := "Premium is due by the 20th of the month before coverage. A grace period of 30 days follows the due date."
	if back >= 2 {
		participation = "At least 75% of eligible employees enroll."
	}
	if back >= 3 {
		grace = "Premium is due by the 20th of the month before coverage. A grace period of 31 days follows the due date."
	}
	terms := []model.ContractTerm{
		{Heading: "Eligibility", Text: "Employees who work at least 30 hours a week, their spouses or domestic partners, and their children to age 26."},
		{Heading: "Waiting period", Text: "Coverage begins on the first of the month after 30 days of employment."},
		{Heading: "Participation", Text: participation},
		{Heading: "Premium and grace period", Text: grace},
		{Heading: "Changes in coverage", Text: "New hires, qualifying life events and terminations are reported within 30 days; retroactive terminations reach back no more than 60 days."},
		{Heading: "Term and renewal", Text: "The agreement runs for the plan year and renews on its anniversary at the rates the carrier offers, unless the group gives notice before the renewal date."},
		{Heading: "Arbitration", Text: "Disputes are settled by binding arbitration under the Federal Arbitration Act, as set out in the arbitration agreement the group signs and keeps on file."},
	}
	if g.Segment == model.SegmentLarge {
		terms = append(terms, model.ContractTerm{Heading: "Composite rates",
			Text: "Premium is charged per subscriber at the composite rate of the coverage tier, whatever the ages of the people covered."})
	}
	return terms
}

// signatories: the group's administrator for the employer and, for the
// carrier, the head of employer contracts of the time.
func signatories(g model.Group, starts model.Date, back int) []model.Signatory {
	carrier := model.Signatory{Party: "Carrier", Name: "Zoë Łukasiewicz", Title: "Vice President, Employer Group Contracts"}
	if back >= 2 {
		carrier = model.Signatory{Party: "Carrier", Name: "Øystein Müller-Ibáñez", Title: "Director, Group Underwriting"}
	}
	signed := starts.AddDays(-30)
	carrier.SignedOn = signed
	employer := model.Signatory{Party: "Employer", Name: g.ContactName, Title: "Primary Group Administrator", SignedOn: signed}
	if employer.Name == "" {
		employer.Name = "Authorized officer"
	}
	return []model.Signatory{employer, carrier}
}
