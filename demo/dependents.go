package demo

import "github.com/groupdesk/groupdesk/model"

// hasPartner decides whether the employee covers a spouse or partner;
// about half of all employees do, fewer of the young.
func (c *roster) hasPartner(age int, sc scenario) bool {
	switch {
	case sc == bigFamily:
		return true
	case sc == agingOut:
		return chance(c.r, 0.75)
	case age < 25:
		return chance(c.r, 0.18)
	case age < 30:
		return chance(c.r, 0.42)
	case age < 60:
		return chance(c.r, 0.56)
	}
	return chance(c.r, 0.50)
}

// partner makes a spouse (or, for one in twenty, a domestic partner) of
// about the employee's age but at least minAge, usually of the same culture
// and last name.
func (c *roster) partner(sub *model.Member, cult, minAge int) model.Member {
	r := c.r
	if chance(r, 0.2) {
		cult = weighted(r, c.cultW)
	}
	gender := partnerGender(sub.Gender, chance(r, 0.04), chance(r, 0.5))
	age := sub.DateOfBirth.AgeOn(c.today) + r.IntN(7) - 3 + r.IntN(7) - 3
	switch {
	case sub.Gender == model.GenderMale && gender == model.GenderFemale:
		age -= 2
	case sub.Gender == model.GenderFemale && gender == model.GenderMale:
		age += 2
	}
	p := c.person(cult, gender, c.birthDate(min(max(age, minAge), 85)), false)
	p.Relationship, p.SSN, p.Tobacco = model.RelSpouse, c.ssn(), chance(r, 0.08)
	share := 0.78
	if chance(r, 0.05) {
		p.Relationship, share = model.RelDomesticPartner, 0.15
	}
	if chance(r, share) {
		p.LastName = sub.LastName
	}
	c.dependOn(&p, sub)
	return p
}

// partnerGender is the other sex, or the same for a same-sex couple; coin
// decides for an employee whose sex is not recorded.
func partnerGender(g model.Gender, same, coin bool) model.Gender {
	switch {
	case g == model.GenderUnknown && coin, g == model.GenderMale && !same, g == model.GenderFemale && same:
		return model.GenderFemale
	}
	return model.GenderMale
}

// childBirths returns the children's dates of birth, oldest first.
func (c *roster) childBirths(age int, sc scenario) []model.Date {
	n := c.childCount(age, sc)
	if n == 0 {
		return nil
	}
	first, ok := c.oldestBirth(age, sc)
	if !ok {
		return nil
	}
	births := make([]model.Date, 0, n)
	for d := first; len(births) < n && !d.After(c.today); d = d.AddDays(c.siblingGap(sc)) {
		births = append(births, d)
	}
	return births
}

// childCount: about four in ten employees cover children, mostly one or
// two, sometimes four or five.
func (c *roster) childCount(age int, sc scenario) int {
	switch sc {
	case agingOut:
		return 1 + weighted(c.r, []int{40, 40, 20})
	case bigFamily:
		return 4 + weighted(c.r, []int{70, 30})
	}
	p := 0.04
	switch {
	case age < 24:
		p = 0.06
	case age < 30:
		p = 0.28
	case age < 50:
		p = 0.56
	case age < 56:
		p = 0.45
	case age < 61:
		p = 0.18
	}
	if !chance(c.r, p) {
		return 0
	}
	return 1 + weighted(c.r, []int{34, 40, 17, 6, 3})
}

// oldestBirth is the oldest child's birth date: the employee was 19 to 45
// at the birth, and the child is at most 25.
func (c *roster) oldestBirth(age int, sc scenario) (model.Date, bool) {
	switch sc {
	case agingOut:
		return c.today.AddDays(between(c.r, 10, 85)).AddYears(-model.DependentAgeLimit), true
	case bigFamily:
		return c.birthDate(between(c.r, 11, 16)), true
	}
	lo, hi := max(0, age-45), min(model.DependentAgeLimit-1, age-20) // 19 at the birth, whatever the days
	if hi < lo {
		return model.Date{}, false
	}
	return c.birthDate(between(c.r, lo, hi)), true
}

// siblingGap is the number of days between two births; some are twins.
func (c *roster) siblingGap(sc scenario) int {
	switch {
	case chance(c.r, 0.025):
		return 0
	case sc == bigFamily:
		return between(c.r, 330, 900)
	}
	return between(c.r, 330, 3*365+180)
}

// child makes a child born on dob, or false when the birth came after the
// family's coverage ended. Babies under two months have no SSN yet.
func (c *roster) child(sub *model.Member, cult int, partnerLast string, dob model.Date) (model.Member, bool) {
	if sub.Status == model.StatusTerminated && dob.After(sub.Termination) {
		return model.Member{}, false
	}
	k := c.person(cult, c.gender(0.003), dob, true)
	k.Relationship, k.LastName = model.RelChild, sub.LastName
	if partnerLast != "" && partnerLast != sub.LastName && chance(c.r, 0.3) {
		k.LastName = partnerLast
	}
	if dob.AgeOn(c.today) >= 18 {
		k.Tobacco = chance(c.r, 0.03)
	}
	if dob.AddDays(60).Before(c.today) {
		k.SSN = c.ssn()
	}
	c.dependOn(&k, sub)
	return k, true
}

// dependOn links a dependent to the subscriber and copies the family's
// address and coverage; a baby born later is covered from birth.
func (c *roster) dependOn(d *model.Member, sub *model.Member) {
	d.SubscriberID, d.EmployeeID, d.Address = sub.ID, sub.EmployeeID, sub.Address
	d.PlanID, d.Status, d.Termination, d.TermReason = sub.PlanID, sub.Status, sub.Termination, sub.TermReason
	d.Effective = laterOf(sub.Effective, d.DateOfBirth)
}
