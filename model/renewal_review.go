package model

import "fmt"

// MemberRenewal is one covered member's premium today and at renewal.
type MemberRenewal struct {
	Name         string
	Relationship Relationship
	Family       int    // the family's index in the review's census
	From, To     string // the plan today and at renewal
	AgeNow       int    // at the start of this plan year (what today's premium is rated on)
	AgeAt        int    // on the renewal date
	Current      Money
	Renewal      Money
	// RatedNow and Rated are false for a fourth or later child under 21
	// (today and at renewal): they are covered without charge.
	RatedNow bool
	Rated    bool
}

// Change is the member's monthly change at renewal.
func (m *MemberRenewal) Change() Money { return m.Renewal - m.Current }

// NewRatingAge reports a member whose factor changes most at renewal:
// they turn 21 (rated as an adult) or 64 (the top of the curve).
func (m *MemberRenewal) NewRatingAge() bool {
	return (m.AgeNow < ChildRatingAge && m.AgeAt >= ChildRatingAge) || (m.AgeNow < 64 && m.AgeAt >= 64)
}

// Charged writes a premium, or "not charged" for a fourth or later child
// under 21.
func Charged(m Money, rated bool) string {
	if !rated {
		return "not charged"
	}
	return m.String()
}

// PlanRenewal is one current plan at renewal: who is on it, and its
// premium today and under the plan it renews into.
type PlanRenewal struct {
	From         *Plan // at today's rates
	To           *Plan // at renewal rates
	Discontinued bool
	Subscribers  int
	Members      int
	Current      Money
	Renewal      Money
}

// Change is the plan's monthly change at renewal.
func (p *PlanRenewal) Change() Money { return p.Renewal - p.Current }

// RenewalReview is a group's renewal worked out member by member: every
// member covered on the renewal date rated today (at their age at the
// start of the plan year, under today's plan and rates) and at renewal
// (at their age on the renewal date, under the plan their plan maps to,
// at renewal rates). The renewal side is the quote engine's: the census
// is prepared once and rated per plan, so a what-if recomputes fast.
type RenewalReview struct {
	Effective Date
	Census    *QuoteCensus // the members covered on the renewal date, ages on it
	Mapping   map[string]string
	Quotes    map[string]*PlanQuote // by plan ID, at renewal rates
	Plans     []PlanRenewal         // in the offer's order
	Members   []MemberRenewal       // in census order
	Current   Money
	Renewal   Money
	offer     *RenewalOffer
}

// Review works the offer out for the group's families as they stand, with
// each current plan going where mapping says (the offer's own mapping, or a
// scenario's).
func (o *RenewalOffer) Review(fams [][]Member, effective Date, mapping map[string]string) (*RenewalReview, error) {
	rv := &RenewalReview{Effective: effective, Mapping: mapping, Quotes: map[string]*PlanQuote{}, offer: o}
	byFrom, err := rv.planRows(o, mapping)
	if err != nil {
		return nil, err
	}
	people := RenewalPeople(fams, effective)
	if len(people) == 0 {
		return rv, nil
	}
	if rv.Census, err = renewalCensus(people, effective, o.Area); err != nil {
		return nil, err
	}
	rv.Members = make([]MemberRenewal, 0, len(people))
	for f := range rv.Census.Families {
		if err := rv.family(f, byFrom); err != nil {
			return nil, err
		}
	}
	for i := range rv.Plans {
		rv.Current += rv.Plans[i].Current
		rv.Renewal += rv.Plans[i].Renewal
	}
	return rv, nil
}

// Subscribers counts the families covered on the renewal date.
func (rv *RenewalReview) Subscribers() int {
	n := 0
	for _, p := range rv.Plans {
		n += p.Subscribers
	}
	return n
}

// planRows lays out one row per current plan, in the offer's order.
func (rv *RenewalReview) planRows(o *RenewalOffer, mapping map[string]string) (map[string]*PlanRenewal, error) {
	rv.Plans = make([]PlanRenewal, 0, len(o.Mappings))
	for _, m := range o.Mappings {
		from, _ := o.CurrentPlan(m.From)
		to, ok := o.Option(mapping[m.From])
		if !ok || from == nil {
			return nil, Errorf(EINVALID, "%s renews into %q, which is not one of the plans offered at renewal.", planName(from, m.From), mapping[m.From])
		}
		rv.Plans = append(rv.Plans, PlanRenewal{From: from, To: to, Discontinued: m.Discontinued})
	}
	byFrom := make(map[string]*PlanRenewal, len(rv.Plans))
	for i := range rv.Plans {
		byFrom[rv.Plans[i].From.ID] = &rv.Plans[i]
	}
	return byFrom, nil
}

func planName(p *Plan, id string) string {
	if p == nil {
		return "Plan " + id
	}
	return p.Name
}

// family rates one family today and at renewal.
func (rv *RenewalReview) family(f int, byFrom map[string]*PlanRenewal) error {
	c := rv.Census
	fam := &c.Families[f]
	sub := &c.People[fam.Members[0]]
	pr := byFrom[sub.PlanID]
	if pr == nil {
		return Errorf(EINVALID, "%s %s is on plan %s, which this renewal offer does not cover; ask the carrier for a new offer.",
			sub.FirstName, sub.LastName, sub.PlanID)
	}
	q, err := rv.quote(pr.To)
	if err != nil {
		return err
	}
	lines, total, err := rv.today(pr.From, fam)
	if err != nil {
		return err
	}
	for i, m := range fam.Members {
		p := &c.People[m]
		rv.Members = append(rv.Members, MemberRenewal{Name: p.FirstName + " " + p.LastName, Relationship: p.Relationship, Family: f,
			From: pr.From.ID, To: pr.To.ID, AgeNow: max(lines[i].Age, 0), AgeAt: c.Lines[m].Age,
			Current: lines[i].Premium, Renewal: q.Premiums[m], RatedNow: lines[i].Rated, Rated: q.Rated[m]})
	}
	pr.Subscribers++
	pr.Members += len(fam.Members)
	pr.Current += total
	pr.Renewal += q.FamilyPremium(c, f)
	return nil
}

// today rates a family as it is billed today: the current plan and rates,
// ages at the start of the plan year (rates change only at renewal).
func (rv *RenewalReview) today(p *Plan, fam *Family) ([]RatedLine, Money, error) {
	people := make([]RatedPerson, len(fam.Members))
	for i, m := range fam.Members {
		q := &rv.Census.People[m]
		people[i] = RatedPerson{Relationship: q.Relationship, DateOfBirth: q.DateOfBirth, Tobacco: q.Tobacco, Area: rv.offer.Area}
	}
	lines, total := RateFamily(p, rv.offer.Curve(p), people, rv.offer.CurrentFrom)
	for _, l := range lines {
		if l.Err != nil {
			return nil, 0, l.Err
		}
	}
	return lines, total, nil
}

// quote rates the census under a plan at renewal rates, once per plan.
func (rv *RenewalReview) quote(p *Plan) (*PlanQuote, error) {
	if q, ok := rv.Quotes[p.ID]; ok {
		return q, q.Err
	}
	q := RateCensus(rv.Census, p, rv.offer.Curve(p))
	rv.Quotes[p.ID] = &q
	return &q, q.Err
}

// RenewalPeople lists the members covered on the renewal date as the
// people of a census, each subscriber before their dependents. A family is
// keyed by its subscriber's ID, which unlike the employee ID is unique.
func RenewalPeople(fams [][]Member, on Date) []QuotePerson {
	var out []QuotePerson
	for _, fam := range fams {
		if len(fam) == 0 || !fam[0].CoveredOn(on) {
			continue
		}
		for i := range fam {
			m := &fam[i]
			if !m.CoveredOn(on) {
				continue
			}
			out = append(out, QuotePerson{EmployeeID: fam[0].ID, Relationship: m.Relationship, FirstName: m.FirstName,
				LastName: m.LastName, DateOfBirth: m.DateOfBirth, Gender: m.Gender, Tobacco: m.Tobacco, PlanID: fam[0].PlanID})
		}
	}
	return out
}

// groupZIP stands for the group's address in a renewal census: the contract
// rates every member in the group's rating area (as the bill does), not in
// the area of their home ZIP.
const groupZIP = "00000"

// renewalCensus prepares the people for rating on the renewal date in the
// group's rating area.
func renewalCensus(people []QuotePerson, on Date, area string) (*QuoteCensus, error) {
	areas, err := NewAreaIndex([]RatingArea{{ID: area, ZIPs: []string{groupZIP}}})
	if err != nil {
		return nil, err
	}
	c, probs := PrepareCensus(people, CensusOptions{Effective: on, GroupZIP: groupZIP, Areas: areas})
	if len(probs) > 0 {
		return nil, Errorf(EINVALID, "The roster cannot be rated for the renewal: %s (%d problems in all).", probs[0].Message, len(probs))
	}
	return c, nil
}

// ChangePercent is the change from before to after in percent, with one
// decimal and its sign: "+6.5%", "-2.0%", "0.0%"; "new" from nothing.
func ChangePercent(before, after Money) string {
	if before == 0 {
		if after == 0 {
			return "0.0%"
		}
		return "new"
	}
	num := int64(after-before) * 1000
	den := int64(before)
	if den < 0 {
		num, den = -num, -den
	}
	tenths := (abs64(num) + den/2) / den
	sign := "+"
	switch {
	case tenths == 0:
		sign = ""
	case num < 0:
		sign = "-"
	}
	return fmt.Sprintf("%s%d.%d%%", sign, tenths/10, tenths%10)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// SignedMoney writes a change with its sign: "+$12.50", "-$3.00", "$0.00".
func SignedMoney(m Money) string {
	if m > 0 {
		return "+" + m.String()
	}
	return m.String()
}
