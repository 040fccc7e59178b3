package model

// AgeCurve returns the plan's age curve: the one it names, or the federal
// default curve.
func (p *Plan) AgeCurve() *AgeCurve {
	if c, ok := BuiltinCurves[p.Rating.Curve]; ok {
		return &c
	}
	return &CurveFederal2018
}

// FamilyPremium is the monthly premium of a family's covered members (all
// but the terminated) under the subscriber's plan, rated in the group's
// area on the rating date (the start of the plan year). A family whose
// subscriber is not covered costs nothing.
func FamilyPremium(plans map[string]*Plan, fam []Member, area string, on Date) (Money, error) {
	if len(fam) == 0 || !covered(&fam[0]) {
		return 0, nil
	}
	p, ok := plans[fam[0].PlanID]
	if !ok || p == nil {
		return 0, Errorf(EINVALID, "plan %s is not in the catalog, so the premium is unknown", fam[0].PlanID)
	}
	people := make([]RatedPerson, 0, len(fam))
	for i := range fam {
		if covered(&fam[i]) {
			m := &fam[i]
			people = append(people, RatedPerson{Relationship: m.Relationship, DateOfBirth: m.DateOfBirth, Tobacco: m.Tobacco, Area: area})
		}
	}
	lines, total := RateFamily(p, p.AgeCurve(), people, on)
	for _, l := range lines {
		if l.Err != nil {
			return total, l.Err
		}
	}
	return total, nil
}

// PremiumChange rates a family before and after a change.
func PremiumChange(plans map[string]*Plan, before, after []Member, area string, on Date) PremiumEffect {
	var e PremiumEffect
	var err1, err2 error
	e.Before, err1 = FamilyPremium(plans, before, area, on)
	e.After, err2 = FamilyPremium(plans, after, area, on)
	if err := firstOf(err2, err1); err != nil {
		e.Unrated = "The premium cannot be computed: " + ErrorMessage(err)
	}
	return e
}

// PlanYearStart is the start of the group's plan year that contains on:
// rates change only at renewal, so members are rated with their age on
// this date.
func (g *Group) PlanYearStart(on Date) Date {
	start := g.RenewalDate
	if start.IsZero() {
		start = g.EffectiveDate
	}
	for start.After(on) {
		start = start.AddYears(-1)
	}
	for !start.AddYears(1).After(on) {
		start = start.AddYears(1)
	}
	return start
}
