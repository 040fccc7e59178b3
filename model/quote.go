package model

import "sort"

// QuotePerson is one person of a quote's census, as the census file (or
// the group's roster) gives them.
type QuotePerson struct {
	Sheet        string       `json:"sheet,omitempty"`
	Row          int          `json:"row,omitempty"` // the census file's row; 0 for the roster
	EmployeeID   string       `json:"employee_id"`
	Relationship Relationship `json:"relationship"`
	FirstName    string       `json:"first_name"`
	LastName     string       `json:"last_name"`
	DateOfBirth  Date         `json:"date_of_birth"`
	Gender       Gender       `json:"gender,omitempty"`
	ZIP          string       `json:"zip,omitempty"`
	Tobacco      bool         `json:"tobacco,omitempty"`
	PlanID       string       `json:"plan_id,omitempty"` // the plan the employee chose, when known
}

// CensusOptions say how to read a census for a quote.
type CensusOptions struct {
	Effective Date // the coverage effective date: everyone is rated at their age on it
	Today     Date // a date of birth after today is an error
	GroupZIP  string
	Areas     *AreaIndex
}

// MaxAge is the oldest age a census may state: older is surely a typo.
const MaxAge = 120

// QuoteCensus is a census ready for rating under any number of plans:
// the work that does not depend on the plan (ages, areas, families, the
// three-child rule) is done once.
type QuoteCensus struct {
	Effective Date
	People    []QuotePerson
	Lines     []CensusLine // one per person, in census order
	Families  []Family
	Areas     []string // the areas the census lives in; CensusLine.Area indexes it
}

// CensusLine is what rating needs of one person.
type CensusLine struct {
	Age     int   // whole years on the effective date
	Area    int32 // index into QuoteCensus.Areas
	Family  int32 // index into QuoteCensus.Families
	Rated   bool  // false for a fourth or later child under 21 of a family
	Tobacco bool
}

// Family is a subscriber and their dependents, by index into People,
// subscriber first.
type Family struct {
	Members []int32
	Tier    Tier
}

// Employees counts the census's employees.
func (c *QuoteCensus) Employees() int { return len(c.Families) }

// Subscriber returns the employee of a family.
func (c *QuoteCensus) Subscriber(f int) *QuotePerson { return &c.People[c.Families[f].Members[0]] }

// PrepareCensus checks a census and prepares it for rating. Every problem
// is returned with its row and column; a census with any problem is not
// returned at all.
func PrepareCensus(people []QuotePerson, o CensusOptions) (*QuoteCensus, []ImportProblem) {
	b := censusBuilder{o: o, c: &QuoteCensus{Effective: o.Effective, People: people, Lines: make([]CensusLine, len(people))},
		byEmployee: map[string]int32{}, areaAt: map[string]int32{}}
	for i := range people {
		b.person(i)
	}
	for f := range b.c.Families {
		b.familyArea(f)
		b.rateChildren(f)
	}
	if len(people) == 0 {
		b.problem(0, "", "the census lists nobody")
	}
	if len(b.probs) > 0 {
		return nil, b.probs
	}
	return b.c, nil
}

type censusBuilder struct {
	o          CensusOptions
	c          *QuoteCensus
	byEmployee map[string]int32
	areaAt     map[string]int32
	probs      []ImportProblem
}

func (b *censusBuilder) problem(i int, column, format string, args ...any) {
	p := ImportProblem{Column: column, Message: Errorf(EINVALID, format, args...).Message}
	if i >= 0 && i < len(b.c.People) {
		p.Sheet, p.Row = b.c.People[i].Sheet, b.c.People[i].Row
		if p.Row == 0 {
			p.Message = b.c.People[i].FirstName + " " + b.c.People[i].LastName + ": " + p.Message
		}
	}
	b.probs = append(b.probs, p)
}

// person checks one person's fields and puts them in a family.
func (b *censusBuilder) person(i int) {
	p := &b.c.People[i]
	line := &b.c.Lines[i]
	line.Tobacco, line.Rated = p.Tobacco, true
	switch {
	case p.DateOfBirth.IsZero():
		b.problem(i, "date_of_birth", "the date of birth is missing")
	case p.DateOfBirth.After(b.o.Today) && !b.o.Today.IsZero():
		b.problem(i, "date_of_birth", "the date of birth %s is in the future", p.DateOfBirth)
	case p.DateOfBirth.After(b.o.Effective):
		b.problem(i, "date_of_birth", "%s is born after the effective date %s; add them from their birth", p.DateOfBirth, b.o.Effective)
	case p.DateOfBirth.AgeOn(b.o.Effective) > MaxAge:
		b.problem(i, "date_of_birth", "the date of birth %s makes this person %d, older than %d", p.DateOfBirth, p.DateOfBirth.AgeOn(b.o.Effective), MaxAge)
	default:
		line.Age = p.DateOfBirth.AgeOn(b.o.Effective)
	}
	if p.Relationship == RelEmployee {
		b.employee(i)
		return
	}
	b.dependent(i)
}

func (b *censusBuilder) employee(i int) {
	p := &b.c.People[i]
	f := int32(len(b.c.Families))
	if p.EmployeeID != "" {
		if _, dup := b.byEmployee[p.EmployeeID]; dup {
			b.problem(i, "employee_id", "employee ID %s is used by two employees", p.EmployeeID)
		}
		b.byEmployee[p.EmployeeID] = f
	}
	b.c.Families = append(b.c.Families, Family{Members: []int32{int32(i)}})
	b.c.Lines[i].Family = f
}

func (b *censusBuilder) dependent(i int) {
	p := &b.c.People[i]
	switch p.Relationship {
	case RelSpouse, RelDomesticPartner, RelChild, RelOther:
	default:
		b.problem(i, "relationship", "the relationship %q is not employee, spouse, domestic_partner or child", p.Relationship)
		return
	}
	f, ok := b.byEmployee[p.EmployeeID]
	if p.EmployeeID == "" && len(b.c.Families) > 0 {
		f, ok = int32(len(b.c.Families)-1), true
	}
	if !ok {
		who := "any employee"
		if p.EmployeeID != "" {
			who = "the employee with ID " + p.EmployeeID
		}
		b.problem(i, "relationship", "a %s listed before %s: list each employee before their dependents", p.Relationship.Label(), who)
		return
	}
	fam := &b.c.Families[f]
	fam.Members = append(fam.Members, int32(i))
	b.c.Lines[i].Family = f
}

// familyArea rates the whole family in the area of the subscriber's ZIP,
// or of the group's when the subscriber has none.
func (b *censusBuilder) familyArea(f int) {
	fam := &b.c.Families[f]
	sub := int(fam.Members[0])
	zip := b.c.People[sub].ZIP
	if zip == "" {
		zip = b.o.GroupZIP
	}
	area := ""
	switch {
	case zip == "":
		b.problem(sub, "zip", "the ZIP code is missing, and there is no group ZIP to rate the family with")
		return
	case !ValidZIP(zip):
		b.problem(sub, "zip", "%q is not a ZIP code", zip)
		return
	default:
		var ok bool
		if area, ok = b.o.Areas.Lookup(zip); !ok {
			b.problem(sub, "zip", "ZIP %s is in no rating area of the plan catalog", zip)
			return
		}
	}
	at, ok := b.areaAt[area]
	if !ok {
		at = int32(len(b.c.Areas))
		b.areaAt[area] = at
		b.c.Areas = append(b.c.Areas, area)
	}
	deps := make([]Relationship, 0, len(fam.Members)-1)
	for _, m := range fam.Members {
		b.c.Lines[m].Area = at
		if m != int32(sub) {
			deps = append(deps, b.c.People[m].Relationship)
		}
	}
	fam.Tier = TierFor(deps)
}

// rateChildren charges only the three oldest children under 21 of a family
// (45 CFR 147.102(c)(1)); of twins the one listed first takes the slot.
func (b *censusBuilder) rateChildren(f int) {
	var kids []int32
	for _, m := range b.c.Families[f].Members[1:] {
		r := b.c.People[m].Relationship
		if !r.IsAdultPartner() && b.c.Lines[m].Age < ChildRatingAge {
			kids = append(kids, m)
		}
	}
	if len(kids) <= MaxRatedChildren {
		return
	}
	sort.SliceStable(kids, func(i, j int) bool {
		return b.c.People[kids[i]].DateOfBirth.Before(b.c.People[kids[j]].DateOfBirth)
	})
	for _, m := range kids[MaxRatedChildren:] {
		b.c.Lines[m].Rated = false
	}
}
