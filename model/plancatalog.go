package model

import (
	"fmt"
	"strings"
)

// Catalog is what a quote is rated with: the rating areas, the custom age
// curves (the built-in ones need no definition) and the plans.
type Catalog struct {
	Areas  []RatingArea `json:"areas"`
	Curves []AgeCurve   `json:"curves,omitempty"`
	Plans  []Plan       `json:"plans"`
}

// Curve returns the named curve: a custom one of the catalog, else a
// built-in; "" is the federal default.
func (c *Catalog) Curve(name string) (*AgeCurve, error) {
	if name == "" {
		name = CurveFederal2018.Name
	}
	for i := range c.Curves {
		if c.Curves[i].Name == name {
			return &c.Curves[i], nil
		}
	}
	if b, ok := BuiltinCurves[name]; ok {
		return &b, nil
	}
	return nil, Errorf(EINVALID, "there is no age curve %q (built in: federal-2018, federal-2014)", name)
}

// Plan returns a plan of the catalog by ID.
func (c *Catalog) Plan(id string) (*Plan, bool) {
	for i := range c.Plans {
		if c.Plans[i].ID == id {
			return &c.Plans[i], true
		}
	}
	return nil, false
}

// Validate checks the catalog as a whole: areas that overlap, curves that
// break the 3:1 rule, plans that name an unknown curve or area, IDs used
// twice. Every problem names the area, curve or plan.
func (c *Catalog) Validate() error {
	var p Problems
	for i := range c.Areas {
		p.addErr(c.Areas[i].Validate())
	}
	areas, err := NewAreaIndex(c.Areas)
	p.addErr(err)
	names := map[string]bool{}
	for i := range c.Curves {
		cv := &c.Curves[i]
		if names[cv.Name] {
			p.Add("curves", "curve %s is defined twice", cv.Name)
		}
		names[cv.Name] = true
		p.addErr(cv.Validate())
	}
	ids := map[string]bool{}
	for i := range c.Plans {
		pl := &c.Plans[i]
		if ids[pl.ID] && pl.ID != "" {
			p.Add("plans", "plan %s is defined twice", pl.ID)
		}
		ids[pl.ID] = true
		p.addErr(c.validatePlan(pl, areas))
	}
	return p.Err()
}

func (c *Catalog) validatePlan(pl *Plan, areas *AreaIndex) error {
	var p Problems
	p.addErr(pl.Validate())
	if pl.Rating.Method != RatingAge {
		return p.Err()
	}
	if _, err := c.Curve(pl.Rating.Curve); err != nil {
		p.Add("rating.curve", "plan %s: %s", pl.ID, ErrorMessage(err))
	}
	for _, area := range sortedKeys(pl.Rating.BaseRates) {
		if !areas.Has(area) {
			p.Add("rating.base_rates", "plan %s has a rate for area %s, which is not defined", pl.ID, area)
		}
		if pl.Rating.BaseRates[area] <= 0 {
			p.Add("rating.base_rates", "plan %s: the base rate for area %s must be more than zero", pl.ID, area)
		}
	}
	return p.Err()
}

// addErr appends the problems of err (one, or the details of several).
func (p *Problems) addErr(err error) {
	if err == nil {
		return
	}
	e, ok := err.(*Error)
	switch {
	case !ok:
		*p = append(*p, &Error{Code: EINVALID, Message: err.Error()})
	case len(e.Details) > 0:
		*p = append(*p, e.Details...)
	default:
		*p = append(*p, e)
	}
}

// Validate checks a custom curve: every factor above zero and at most 9.9,
// and adults (21 and over) within 3:1 of each other (45 CFR 147.102).
func (c *AgeCurve) Validate() error {
	var p Problems
	if strings.TrimSpace(c.Name) == "" {
		p.Add("curves", "a curve needs a name")
	}
	if _, builtin := BuiltinCurves[c.Name]; builtin {
		p.Add("curves", "curve %s is built in and cannot be redefined; give yours another name", c.Name)
	}
	lo, hi := c.Factors[ChildRatingAge], c.Factors[ChildRatingAge]
	for age, f := range c.Factors {
		if f <= 0 || f > 99000 {
			p.Add("curves", "curve %s: the factor at age %d is %s; it must be above 0 and at most 9.9", c.Name, age, f)
		}
		if age >= ChildRatingAge {
			lo, hi = min(lo, f), max(hi, f)
		}
	}
	if hi > 3*lo {
		p.Add("curves", "curve %s: adult factors run from %s to %s, more than the 3:1 the ACA allows", c.Name, lo, hi)
	}
	return p.Err()
}

// AreaOf returns the rating area of a ZIP, or an error naming the ZIP.
func AreaOf(x *AreaIndex, zip string) (string, error) {
	if a, ok := x.Lookup(zip); ok {
		return a, nil
	}
	return "", fmt.Errorf("ZIP %s is in no rating area of the plan catalog", zip)
}
