package model

import (
	"fmt"
	"sort"
	"strings"
)

// RenewalCheckInput is what the checks of a renewal answer need: the
// renewal, the group's families as they stand, and the maintenance context
// (the day the answer is made, the group, the rules, the catalog).
type RenewalCheckInput struct {
	Renewal  *Renewal
	Families [][]Member
	Change   ChangeContext
	Settings CarrierSettings
}

// RenewalChecks runs every check of an answer before it is sent, in the
// order the Submit step shows them: the date, the plans, the member
// changes (the member maintenance rules), ages at renewal, participation
// and the employer's contribution.
func RenewalChecks(in RenewalCheckInput, sub *RenewalSubmission) []Check {
	r := in.Renewal
	after, errs := ApplyRenewalChanges(in.Families, sub.Changes, r.Effective, in.Change)
	rv, rateErr := r.Offer.Review(after, r.Effective, sub.Plans)
	return []Check{
		checkAnswerDate(r, in.Change.Today),
		checkRenewalPlans(r, sub, rateErr),
		checkRenewalChanges(r, sub, errs),
		checkRenewalAges(after, r.Effective),
		checkRenewalParticipation(in.Settings, sub, after, r.Effective),
		checkRenewalContribution(in.Settings, sub, rv, rateErr),
	}
}

func checkAnswerDate(r *Renewal, today Date) Check {
	const name = "Answer by the cutoff"
	switch left := r.DaysToCutoff(today); {
	case r.Status == RenewalNeedsInfo:
		return pass(name, "The carrier asked for more information; answer it before %s.", r.Effective.US())
	case !r.Status.Open():
		return fail(name, "The renewal is %s; it takes no new answer.", strings.ToLower(r.Status.Label()))
	case left < 0:
		return fail(name, "The cutoff was %s: without an answer the plans renew as offered. Call your account manager for changes.", r.Cutoff.US())
	default:
		return pass(name, "Answered %s, %s before the cutoff of %s.", today.US(), plural(left, "day", "days"), r.Cutoff.US())
	}
}

func plural(n int, one, many string) string { return groupDigits(n) + " " + pluralize(n, one, many) }

func checkRenewalPlans(r *Renewal, sub *RenewalSubmission, rateErr error) Check {
	const name = "Plans"
	if err := checkMapping(&r.Offer, sub.Plans); err != nil {
		return fail(name, "%s", ErrorMessage(err))
	}
	if rateErr != nil {
		return fail(name, "%s", ErrorMessage(rateErr))
	}
	var moves []string
	for _, m := range r.Offer.Mappings {
		to, _ := r.Offer.Option(sub.Plans[m.From])
		from, _ := r.Offer.CurrentPlan(m.From)
		moves = append(moves, fmt.Sprintf("%s renews into %s", from.Name, to.Name))
	}
	return pass(name, "%s.", strings.Join(moves, "; "))
}

// checkRenewalChanges runs the member changes under the maintenance rules;
// a new subscriber joins one of the group's plans, which then renews where
// the answer maps it.
func checkRenewalChanges(r *Renewal, sub *RenewalSubmission, errs map[int]error) Check {
	const name = "Member changes"
	if len(sub.Changes) == 0 {
		return pass(name, "No enrollments or terminations.")
	}
	var lines []string
	for k := range sub.Changes {
		c := &sub.Changes[k]
		if err := errs[k]; err != nil {
			lines = append(lines, c.Who+": "+ErrorMessage(err))
		} else if c.Kind == ChangeEnroll && c.Subscriber != nil {
			if _, ok := r.Offer.CurrentPlan(c.Subscriber.PlanID); !ok {
				lines = append(lines, c.Who+": a new employee joins one of the group's current plans")
			}
		}
	}
	if len(lines) > 0 {
		return fail(name, "%s", strings.Join(lines, "; "))
	}
	return pass(name, "%s, each effective %s.", plural(len(sub.Changes), "change", "changes"), r.Effective.US())
}

// checkRenewalAges refuses children still covered on the renewal date who
// are 26 by then: their coverage ends the day before the 26th birthday.
func checkRenewalAges(fams [][]Member, effective Date) Check {
	const name = "Ages at renewal"
	var old []string
	for _, fam := range fams {
		for i := range fam {
			m := &fam[i]
			if i > 0 && m.Relationship == RelChild && m.CoveredOn(effective) && m.DateOfBirth.AgeOn(effective) >= DependentAgeLimit {
				old = append(old, fmt.Sprintf("%s turns 26 on %s", m.FullName(), m.DateOfBirth.Birthday(DependentAgeLimit).US()))
			}
		}
	}
	if len(old) > 0 {
		sort.Strings(old)
		return fail(name, "Children are covered until their 26th birthday: %s. End their coverage with the renewal.", strings.Join(old, "; "))
	}
	return pass(name, "Every child covered at renewal is under 26 on %s; members are rated at their age that day.", effective.US())
}

func checkRenewalParticipation(s CarrierSettings, sub *RenewalSubmission, fams [][]Member, effective Date) Check {
	const name = "Participation"
	enrolled := 0
	for _, fam := range fams {
		if len(fam) > 0 && fam[0].CoveredOn(effective) {
			enrolled++
		}
	}
	base := sub.EligibleEmployees - sub.ValidWaivers
	switch {
	case sub.EligibleEmployees < enrolled:
		return fail(name, "%d employees are enrolled at renewal, more than the %d eligible you gave.", enrolled, sub.EligibleEmployees)
	case base <= 0:
		return fail(name, "Give the number of eligible employees; at least one must enroll.")
	}
	have := Percent(int64(enrolled) * 10000 / int64(base))
	if have < s.MinParticipation {
		return fail(name, "%d of %d eligible employees without other coverage are enrolled at renewal (%s); the carrier needs %s.",
			enrolled, base, have, s.MinParticipation)
	}
	return pass(name, "%d of %d eligible employees without other coverage enrolled (%s; at least %s).", enrolled, base, have, s.MinParticipation)
}

func checkRenewalContribution(s CarrierSettings, sub *RenewalSubmission, rv *RenewalReview, rateErr error) Check {
	const name = "Employer contribution"
	if err := sub.Contribution.Validate(); err != nil {
		return fail(name, "%s", ErrorMessage(err))
	}
	if rateErr != nil || rv.Census == nil {
		return fail(name, "The contribution is checked against the renewal rates once every member can be rated.")
	}
	cost := rv.Cost(sub.Contribution)
	for f, fc := range cost.Families {
		q := rv.Quotes[rv.PlanOf(f).ID]
		if need := s.MinContribution.Of(q.EEOnly[f]); fc.Employer < need {
			who := rv.Census.Subscriber(f)
			return fail(name, "Under %s the employer pays %s toward %s %s, less than %s of the employee-only premium (%s).",
				rv.PlanOf(f).Name, fc.Employer, who.FirstName, who.LastName, s.MinContribution, need)
		}
	}
	return pass(name, "%s: %s a month of %s at renewal rates.", sub.Contribution.Describe(), cost.Employer, cost.Premium)
}
