package model

// PlanQuote is a census rated under one plan: each person's monthly
// premium (census order), each family's employee-only premium (what the
// employee would pay alone, for contributions), and the total.
type PlanQuote struct {
	Plan     *Plan
	Premiums []Money
	Rated    []bool
	EEOnly   []Money // per family
	Total    Money
	// Err says why the plan cannot be quoted for this census: no rate for
	// an area (naming the first person there) or no rate for a tier.
	Err error
}

// ageRows is the premium table of one area: age 0–64, without and with
// tobacco. Rating a person is then a lookup, so a census of thousands is
// rated under dozens of plans as fast as the user types.
type ageRows [65][2]Money

// RateCensus rates a prepared census under a plan with its age curve (nil
// for a composite plan).
func RateCensus(c *QuoteCensus, p *Plan, curve *AgeCurve) PlanQuote {
	q := PlanQuote{Plan: p, Premiums: make([]Money, len(c.People)), Rated: make([]bool, len(c.People)), EEOnly: make([]Money, len(c.Families))}
	if p.Rating.Method == RatingComposite {
		q.rateComposite(c)
		return q
	}
	tables, err := ageTables(c, p, curve)
	if err != nil {
		q.Err = err
		return q
	}
	for i := range c.Lines {
		l := &c.Lines[i]
		q.Rated[i] = l.Rated
		if !l.Rated {
			continue
		}
		tob := 0
		if l.Tobacco {
			tob = 1
		}
		prem := tables[l.Area][min(l.Age, 64)][tob]
		q.Premiums[i] = prem
		q.Total += prem
	}
	for f := range c.Families {
		q.EEOnly[f] = q.Premiums[c.Families[f].Members[0]]
	}
	return q
}

// ageTables builds the premium table of every area the census lives in,
// with exactly RateFamily's arithmetic: base × factor (× tobacco), one
// half-up rounding to the cent.
func ageTables(c *QuoteCensus, p *Plan, curve *AgeCurve) ([]ageRows, error) {
	tables := make([]ageRows, len(c.Areas))
	for a, area := range c.Areas {
		base, ok := p.Rating.BaseRates[area]
		if !ok {
			return nil, Errorf(EINVALID, "plan %s has no rate for area %s (%s)", p.ID, area, c.firstIn(int32(a)))
		}
		for age := range tables[a] {
			f := curve.Factor(age)
			tables[a][age][0] = base.MulRound(f)
			tables[a][age][1] = tables[a][age][0]
			if p.Rating.TobaccoFactor > 0 {
				tables[a][age][1] = base.MulRound(f, p.Rating.TobaccoFactor)
			}
		}
	}
	return tables, nil
}

// firstIn names the first person of the census living in an area.
func (c *QuoteCensus) firstIn(area int32) string {
	for i := range c.Lines {
		if c.Lines[i].Area == area {
			p := &c.People[i]
			if p.Row > 0 {
				return "row " + groupDigits(p.Row) + ", ZIP " + p.ZIP + ", the first person living there"
			}
			return p.FirstName + " " + p.LastName + " lives there"
		}
	}
	return "nobody lives there"
}

// rateComposite charges each family its tier's rate on the subscriber's
// line; dependents' lines are zero.
func (q *PlanQuote) rateComposite(c *QuoteCensus) {
	rates := q.Plan.Rating.TierRates
	for f := range c.Families {
		fam := &c.Families[f]
		rate, ok := rates[fam.Tier]
		if !ok {
			q.Err = Errorf(EINVALID, "plan %s has no %s rate (%s)", q.Plan.ID, fam.Tier, c.Subscriber(f).where())
			return
		}
		sub := fam.Members[0]
		q.Premiums[sub], q.Rated[sub] = rate, true
		q.EEOnly[f] = rates[TierEE]
		q.Total += rate
	}
}

func (p *QuotePerson) where() string {
	if p.Row > 0 {
		return "row " + groupDigits(p.Row)
	}
	return p.FirstName + " " + p.LastName
}

// FamilyPremium is a family's monthly premium under the quote.
func (q *PlanQuote) FamilyPremium(c *QuoteCensus, f int) Money {
	var sum Money
	for _, m := range c.Families[f].Members {
		sum += q.Premiums[m]
	}
	return sum
}

// QuotePlans rates a census under each plan of the catalog named by ids
// (all, in catalog order, when ids is empty). An unknown ID or a curve the
// catalog lacks is an error; a plan that cannot rate this census carries
// its own Err.
func QuotePlans(c *QuoteCensus, cat *Catalog, ids []string) ([]PlanQuote, error) {
	if len(ids) == 0 {
		for i := range cat.Plans {
			ids = append(ids, cat.Plans[i].ID)
		}
	}
	out := make([]PlanQuote, 0, len(ids))
	for _, id := range ids {
		p, ok := cat.Plan(id)
		if !ok {
			return nil, Errorf(ENOTFOUND, "there is no plan %s in the plans file", id)
		}
		var curve *AgeCurve
		if p.Rating.Method == RatingAge {
			var err error
			if curve, err = cat.Curve(p.Rating.Curve); err != nil {
				return nil, Errorf(EINVALID, "plan %s: %s", id, ErrorMessage(err))
			}
		}
		out = append(out, RateCensus(c, p, curve))
	}
	return out, nil
}
