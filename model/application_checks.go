package model

import (
	"fmt"
	"strings"
)

// Check is one eligibility or completeness check of an application.
type Check struct {
	Name   string
	OK     bool
	Detail string
}

// CheckInput is what the checks need besides the application.
type CheckInput struct {
	Settings CarrierSettings
	Catalog  *Catalog
	Today    Date
}

// Checks runs every check of an application, in the order the review
// step shows them.
func (a *Application) Checks(in CheckInput) []Check {
	census, quotes, censusCheck := a.quoteCensus(in)
	return []Check{
		a.checkCompany(),
		a.checkSize(),
		a.checkEffective(in.Today),
		censusCheck,
		checkPlans(a, quotes),
		a.checkParticipation(in.Settings, census),
		a.checkContribution(in.Settings, census, quotes),
		a.checkDocuments(in.Settings),
	}
}

// ChecksError is nil when every check passed, else an EINVALID error
// listing the failures.
func ChecksError(checks []Check) error {
	var p Problems
	for _, c := range checks {
		if !c.OK {
			p = append(p, &Error{Code: EINVALID, Field: c.Name, Message: c.Detail})
		}
	}
	return p.Err()
}

func pass(name, detail string, args ...any) Check {
	return Check{Name: name, OK: true, Detail: fmt.Sprintf(detail, args...)}
}

func fail(name, detail string, args ...any) Check {
	return Check{Name: name, Detail: fmt.Sprintf(detail, args...)}
}

func (a *Application) checkCompany() Check {
	const name = "Company"
	c := &a.Company
	var missing []string
	for _, f := range []struct{ v, label string }{{c.LegalName, "legal name"}, {c.Industry, "industry"},
		{c.Address.Line1, "street address"}, {c.Address.City, "city"}, {c.Address.State, "state"}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.label)
		}
	}
	if len(missing) > 0 {
		return fail(name, "Missing: %s.", strings.Join(missing, ", "))
	}
	if len(digits(c.FEIN)) != 9 {
		return fail(name, "The FEIN has nine digits (12-3456789); %q does not.", c.FEIN)
	}
	if !ValidZIP(c.Address.ZIP) {
		return fail(name, "%q is not a ZIP code.", c.Address.ZIP)
	}
	return pass(name, "%s, FEIN %s, %s, %s %s.", c.LegalName, c.FEIN, c.Address.City, c.Address.State, c.Address.ZIP)
}

func (a *Application) checkSize() Check {
	const name = "Small group size"
	r := SmallGroupRule(a.Company.Address.State)
	switch {
	case a.EmployeesTotal < a.EmployeesEligible:
		return fail(name, "%d eligible employees is more than the %d employees in total.", a.EmployeesEligible, a.EmployeesTotal)
	case len(a.Waivers) > a.EmployeesEligible:
		return fail(name, "%d employees waive, more than the %d eligible.", len(a.Waivers), a.EmployeesEligible)
	case a.EmployeesEligible < r.MinEligible || a.EmployeesEligible > r.MaxEligible:
		return fail(name, "%d eligible employees: %s.", a.EmployeesEligible, r.Source)
	}
	return pass(name, "%d eligible employees: %s.", a.EmployeesEligible, r.Source)
}

func (a *Application) checkEffective(today Date) Check {
	const name = "Effective date"
	switch {
	case a.Effective.IsZero():
		return fail(name, "Choose the date coverage begins.")
	case a.Effective.Day != 1:
		return fail(name, "Coverage begins on the first of a month, not %s.", a.Effective)
	case !a.Effective.After(today):
		return fail(name, "Coverage must begin after today; %s has passed.", a.Effective)
	}
	return pass(name, "Coverage begins %s.", a.Effective)
}

// quoteCensus prepares the census and rates it under the chosen plans.
func (a *Application) quoteCensus(in CheckInput) (*QuoteCensus, []PlanQuote, Check) {
	const name = "Census"
	if len(a.Census) == 0 {
		return nil, nil, fail(name, "Add the census of the employees who enroll and their dependents.")
	}
	if in.Catalog == nil {
		return nil, nil, fail(name, "The plan catalog is not here yet: sync first.")
	}
	areas, err := NewAreaIndex(in.Catalog.Areas)
	if err != nil {
		return nil, nil, fail(name, "The plan catalog's areas are inconsistent: %s", ErrorMessage(err))
	}
	c, probs := PrepareCensus(a.Census, CensusOptions{Effective: a.Effective, Today: in.Today, GroupZIP: a.Company.Address.ZIP, Areas: areas})
	if len(probs) > 0 {
		return nil, nil, fail(name, "%s (%d problems in all).", probs[0], len(probs))
	}
	if max := a.EmployeesEligible - len(a.Waivers); c.Employees() > max {
		return c, nil, fail(name, "The census enrolls %d employees, more than the %d eligible who do not waive.", c.Employees(), max)
	}
	quotes, err := QuotePlans(c, in.Catalog, a.PlanIDs)
	if err != nil || len(a.PlanIDs) == 0 {
		return c, nil, pass(name, "%d employees and %d dependents.", c.Employees(), len(a.Census)-c.Employees())
	}
	return c, quotes, pass(name, "%d employees and %d dependents.", c.Employees(), len(a.Census)-c.Employees())
}

func checkPlans(a *Application, quotes []PlanQuote) Check {
	const name = "Plans"
	if len(a.PlanIDs) == 0 {
		return fail(name, "Choose at least one plan to offer.")
	}
	if quotes == nil {
		return fail(name, "The plans cannot be rated until the census is complete and every plan is in the catalog.")
	}
	var total Money
	for _, q := range quotes {
		if q.Err != nil {
			return fail(name, "%s", ErrorMessage(q.Err))
		}
		if q.Plan.Rating.Method == RatingComposite && SegmentFor(a.EmployeesEligible) == SegmentSmall {
			return fail(name, "%s is a composite-rated large-group plan; small groups are rated per member.", q.Plan.Name)
		}
		total += q.Total
	}
	return pass(name, "%d plans offered; %s a month for the first.", len(quotes), quotes[0].Total)
}

func (a *Application) checkParticipation(s CarrierSettings, c *QuoteCensus) Check {
	const name = "Participation"
	if c == nil {
		return fail(name, "Participation is counted from the census.")
	}
	valid := 0
	for _, w := range a.Waivers {
		if s.ValidWaiver(w.Reason) {
			valid++
		}
	}
	base := a.EmployeesEligible - valid
	if base <= 0 {
		return fail(name, "Every eligible employee waives; at least one must enroll.")
	}
	have := Percent(int64(c.Employees()) * 10000 / int64(base))
	if have < s.MinParticipation {
		return fail(name, "%d of %d eligible employees without other coverage enroll (%s); the carrier needs %s.",
			c.Employees(), base, have, s.MinParticipation)
	}
	return pass(name, "%d of %d eligible employees without other coverage enroll (%s; at least %s).", c.Employees(), base, have, s.MinParticipation)
}

func (a *Application) checkContribution(s CarrierSettings, c *QuoteCensus, quotes []PlanQuote) Check {
	const name = "Employer contribution"
	if err := a.Contribution.Validate(); err != nil {
		return fail(name, "%s", ErrorMessage(err))
	}
	if c == nil || quotes == nil {
		return fail(name, "The contribution is checked against the plans' rates once the census and plans are complete.")
	}
	for _, q := range quotes {
		cost := a.Contribution.Cost(c, &q)
		for f, fc := range cost.Families {
			need := s.MinContribution.Of(q.EEOnly[f])
			if fc.Employer < need {
				sub := c.Subscriber(f)
				return fail(name, "Under %s the employer pays %s toward %s %s, less than %s of the employee-only premium (%s).",
					q.Plan.Name, fc.Employer, sub.FirstName, sub.LastName, s.MinContribution, need)
			}
		}
	}
	return pass(name, "At least %s of every employee-only premium, under every plan offered.", s.MinContribution)
}

func (a *Application) checkDocuments(s CarrierSettings) Check {
	const name = "Required documents"
	var missing []string
	docs := s.RequiredDocuments(a)
	for _, d := range docs {
		if d.FileName == "" || len(d.SHA256) != 64 {
			missing = append(missing, d.Label)
		}
	}
	if len(missing) > 0 {
		return fail(name, "Attach: %s.", strings.Join(missing, "; "))
	}
	return pass(name, "%d documents attached, each with its SHA-256.", len(docs))
}
