package demo

import (
	"math/rand/v2"
	"strconv"

	"github.com/groupdesk/groupdesk/model"
)

// scenario marks a family the rules care about; each group has one of each.
type scenario int

const (
	plainFamily scenario = iota
	agingOut             // a child turns 26 within 90 days
	bigFamily            // four or five children: the three-child rule applies
)

// scenarioOf returns the scenario of the i-th of n families of a group.
func scenarioOf(i, n int) scenario {
	switch {
	case i == n-1 && n >= 2:
		return bigFamily
	case i == n/2 && n >= 3, i == 0 && n == 2:
		return agingOut
	}
	return plainFamily
}

// roster generates the members of one group.
type roster struct {
	*gen
	r      *rand.Rand
	spec   *groupSpec
	group  *model.Group
	area   *area
	plans  []string // plan IDs offered
	planW  []int
	deptW  []int
	cultW  []int
	empID  int
	emails map[string]bool
	rels   []model.Relationship // scratch for the tier
}

// roster appends the n families of the i-th group to the book.
func (g *gen) roster(i int, s *groupSpec, grp *model.Group, n int) {
	c := &roster{gen: g, r: rand.New(rand.NewPCG(g.seed, streamGroup+uint64(i))), spec: s, group: grp,
		area: areaByCode(s.area), emails: make(map[string]bool, n)}
	for _, code := range s.plans {
		c.plans = append(c.plans, planID(code, g.today.Year))
	}
	c.planW = []int{52, 30, 13, 5}[:len(c.plans)] // a group offers at most four plans
	for _, d := range s.depts {
		c.deptW = append(c.deptW, d.weight)
	}
	c.cultW = cultureWeightsOther[:]
	if c.area.state == "CA" {
		c.cultW = cultureWeightsCA[:]
	}
	c.empID = 10000 + c.r.IntN(30000)
	if n > 2000 {
		c.empID = 100000 + c.r.IntN(50000)
	}
	for k := range n {
		c.family(scenarioOf(k, n))
	}
}

// family appends a subscriber and their dependents, all with the family's tier.
func (c *roster) family(sc scenario) {
	sub, cult := c.subscriber(sc)
	start := len(c.book.Members)
	c.book.Members = append(c.book.Members, sub)
	age := sub.DateOfBirth.AgeOn(c.today)
	births := c.childBirths(age, sc)
	partnerLast := ""
	if c.hasPartner(age, sc) {
		minAge := 19 // and at least 19 at the oldest child's birth: 20 plus the child's age
		if len(births) > 0 {
			minAge = 20 + births[0].AgeOn(c.today)
		}
		p := c.partner(&sub, cult, minAge)
		partnerLast = p.LastName
		c.book.Members = append(c.book.Members, p)
	}
	for _, dob := range births {
		if kid, ok := c.child(&sub, cult, partnerLast, dob); ok {
			c.book.Members = append(c.book.Members, kid)
		}
	}
	c.setTier(c.book.Members[start:])
}

// setTier gives every member of the family the tier its dependents make.
func (c *roster) setTier(fam []model.Member) {
	c.rels = c.rels[:0]
	for _, m := range fam[1:] {
		c.rels = append(c.rels, m.Relationship)
	}
	tier := model.TierFor(c.rels)
	for k := range fam {
		fam[k].Tier = tier
	}
}

// subscriber makes the employee: person, contact, job and coverage.
func (c *roster) subscriber(sc scenario) (model.Member, int) {
	cult := weighted(c.r, c.cultW)
	m := c.person(cult, c.gender(0.005), c.birthDate(c.employeeAge(sc)), false)
	m.Relationship = model.RelEmployee
	c.empID += between(c.r, 1, 7)
	m.EmployeeID = "E" + strconv.Itoa(c.empID)
	m.SSN = c.ssn()
	m.Tobacco = chance(c.r, 0.08)
	m.Address = c.home()
	m.Phone = c.phone()
	m.Email = c.email(m.FirstName, m.LastName)
	m.Employment = c.employment(m.DateOfBirth, sc)
	c.enroll(&m, sc)
	return m, cult
}

// employeeAge is 19–70, most often in the forties.
func (c *roster) employeeAge(sc scenario) int {
	switch sc {
	case agingOut:
		return between(c.r, 50, 60)
	case bigFamily:
		return between(c.r, 36, 46)
	}
	return 19 + (c.r.IntN(52)+c.r.IntN(52))/2
}

// employment draws the hire date (tenure is roughly exponential), the
// department, hours and salary.
func (c *roster) employment(dob model.Date, sc scenario) model.Employment {
	r := c.r
	months := int(r.ExpFloat64() * float64(c.spec.tenure))
	if months < 3 && chance(r, 0.5) {
		months += 3 // fewer new hires still in their waiting period
	}
	months = min(months, (dob.AgeOn(c.today)-18)*12)
	if sc != plainFamily {
		months = max(months, 36)
	}
	hire := c.today.AddMonths(-months).AddDays(-r.IntN(28))
	hire = laterOf(hire, dob.AddYears(18))
	d := c.spec.depts[weighted(r, c.deptW)]
	e := model.Employment{HireDate: hire, Status: "full_time", HoursWeekly: 40, Department: d.name}
	salary := between(r, d.lo/100, d.hi/100) * 100
	switch {
	case chance(r, float64(c.spec.partTime)/100):
		e.Status, e.HoursWeekly = "part_time", between(r, 20, 29)
		salary = salary * e.HoursWeekly / 40 / 100 * 100
	case chance(r, 0.2):
		e.HoursWeekly = pick(r, []int{32, 36, 37, 38, 45, 50})
	}
	e.Salary = model.Money(salary) * 100
	return e
}

// enroll sets the plan, the effective date (the first of the month after
// the waiting period, not before the group's start) and the status.
func (c *roster) enroll(m *model.Member, sc scenario) {
	m.PlanID = c.plans[weighted(c.r, c.planW)]
	eligible := m.Employment.HireDate.AddDays(c.spec.waiting).FirstOfNextMonth()
	m.Effective = laterOf(c.group.EffectiveDate, eligible)
	m.Status = model.StatusActive
	switch {
	case m.Effective.After(c.today):
		m.Status = model.StatusPending
	case sc != plainFamily:
	case chance(c.r, 0.04):
		c.terminate(m)
	case chance(c.r, 0.012):
		m.Status = model.StatusCOBRA
	}
}

var termReasons = []string{"Voluntary resignation", "Termination of employment", "Reduction in hours"}

// terminate ends coverage on the last day of a past month, when the member
// was covered by then.
func (c *roster) terminate(m *model.Member) {
	term := c.today.AddMonths(-between(c.r, 1, 8)).EndOfMonth()
	if term.Before(m.Effective) {
		return
	}
	m.Status, m.Termination = model.StatusTerminated, term
	m.TermReason = termReasons[weighted(c.r, []int{55, 35, 10})]
	if m.DateOfBirth.AgeOn(term) >= 60 && chance(c.r, 0.6) {
		m.TermReason = "Retirement"
	}
}

func laterOf(a, b model.Date) model.Date {
	if a.After(b) {
		return a
	}
	return b
}
