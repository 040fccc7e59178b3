package model

import (
	"sort"
	"time"
)

// PlanMapping is where one of the group's plans goes at renewal, with the
// offer's figures for it (a month, at the time of the offer).
type PlanMapping struct {
	From         string `json:"from"`
	To           string `json:"to"`
	Discontinued bool   `json:"discontinued,omitempty"` // From is no longer offered; To is its successor
	Subscribers  int    `json:"subscribers"`
	Members      int    `json:"members"`
	Current      Money  `json:"current"`
	Renewal      Money  `json:"renewal"`
}

// BenefitChange is one benefit of a plan that differs at renewal.
type BenefitChange struct {
	PlanID string `json:"plan_id"` // the current plan
	Item   string `json:"item"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// RenewalOffer is what the carrier offers a group at renewal: each current
// plan mapped to the plan it renews into, every plan the group may choose
// at its renewal rates, and the benefits that change. It carries its plans
// and curves, so it is read the same way on every desktop whatever the
// catalog holds by then.
type RenewalOffer struct {
	// CurrentFrom is the start of the plan year that ends at the renewal:
	// current premiums rate each member at their age on it.
	CurrentFrom Date            `json:"current_from"`
	Area        string          `json:"area"`
	Mappings    []PlanMapping   `json:"mappings"`
	Current     []Plan          `json:"current"` // the group's plans at today's rates
	Options     []Plan          `json:"options"` // the plans it may renew into, at renewal rates; the mapped ones first
	Curves      []AgeCurve      `json:"curves,omitempty"`
	Changes     []BenefitChange `json:"benefit_changes,omitempty"`
}

// DefaultMapping is the offer's plan for each current plan.
func (o *RenewalOffer) DefaultMapping() map[string]string {
	out := make(map[string]string, len(o.Mappings))
	for _, m := range o.Mappings {
		out[m.From] = m.To
	}
	return out
}

// Option returns a plan the group may renew into, at renewal rates.
func (o *RenewalOffer) Option(id string) (*Plan, bool) { return findPlan(o.Options, id) }

// CurrentPlan returns one of the group's plans at today's rates.
func (o *RenewalOffer) CurrentPlan(id string) (*Plan, bool) { return findPlan(o.Current, id) }

func findPlan(plans []Plan, id string) (*Plan, bool) {
	for i := range plans {
		if plans[i].ID == id {
			return &plans[i], true
		}
	}
	return nil, false
}

// PlanNames names every plan of the offer, today's and at renewal, by ID.
func (o *RenewalOffer) PlanNames() map[string]string {
	out := map[string]string{}
	for _, list := range [][]Plan{o.Current, o.Options} {
		for _, p := range list {
			out[p.ID] = p.Name
		}
	}
	return out
}

// Curve returns the age curve a plan of the offer names.
func (o *RenewalOffer) Curve(p *Plan) *AgeCurve {
	for i := range o.Curves {
		if o.Curves[i].Name == p.Rating.Curve {
			return &o.Curves[i]
		}
	}
	return p.AgeCurve()
}

// Totals are the offer's monthly premium today and at renewal.
func (o *RenewalOffer) Totals() (current, renewal Money) {
	for _, m := range o.Mappings {
		current += m.Current
		renewal += m.Renewal
	}
	return current, renewal
}

// OfferInput is what the carrier makes an offer from.
type OfferInput struct {
	Group    Group
	Setting  RenewalSetting
	Catalog  *Catalog
	Rates    []RenewalRate
	Families [][]Member // the group's families, subscriber first
	Today    Date
	At       time.Time // when the offer is made, for its history
	By       string
}

// NewRenewal makes a group's renewal offer for its next renewal date.
func NewRenewal(in OfferInput) (Renewal, error) {
	g := &in.Group
	d := in.Setting.Dates(g.RenewalDate)
	r := Renewal{GroupID: g.ID, Effective: d.Effective, Segment: g.Segment, OpensOn: d.Opens, NoticeBy: d.NoticeBy,
		Cutoff: d.Cutoff, Delivery: g.Delivery, DeliveredOn: in.Today}
	if r.Delivery == "" {
		r.Delivery = DeliveryOnline
	}
	offer, err := buildOffer(in)
	if err != nil {
		return r, err
	}
	r.Offer = *offer
	r.step(in.At, in.By, RenewalAvailable, deliveryNote(r))
	return r, nil
}

func deliveryNote(r Renewal) string {
	if r.Delivery == DeliveryPaper {
		return "Renewal offer mailed on " + r.DeliveredOn.US() + " (the group chose paper) and available here"
	}
	return "Renewal offer available online from " + r.DeliveredOn.US()
}

func buildOffer(in OfferInput) (*RenewalOffer, error) {
	g := &in.Group
	if g.RatingArea == "" || g.RenewalDate.IsZero() {
		return nil, Errorf(EINVALID, "%s has no rating area or renewal date, so no renewal can be offered.", g.Name)
	}
	plans := planIndex(in.Catalog.Plans)
	o := &RenewalOffer{CurrentFrom: currentFrom(g), Area: g.RatingArea}
	for _, id := range currentPlanIDs(in.Families, g.RenewalDate) {
		to, err := SuccessorOf(plans, id)
		if err != nil {
			return nil, err
		}
		o.Mappings = append(o.Mappings, PlanMapping{From: id, To: to, Discontinued: to != id})
		o.Current = append(o.Current, *plans[id])
	}
	o.Options = renewalOptions(in, o)
	o.Curves = customCurves(in.Catalog, append(append([]Plan(nil), o.Current...), o.Options...))
	o.Changes = benefitChanges(o)
	return o, o.fillTotals(in.Families, g.RenewalDate)
}

// currentFrom is the start of the plan year that ends at the renewal.
func currentFrom(g *Group) Date {
	from := g.RenewalDate.AddYears(-1)
	if g.EffectiveDate.After(from) {
		return g.EffectiveDate
	}
	return from
}

func planIndex(plans []Plan) map[string]*Plan {
	out := make(map[string]*Plan, len(plans))
	for i := range plans {
		out[plans[i].ID] = &plans[i]
	}
	return out
}

// currentPlanIDs lists, sorted, the plans of the subscribers covered on the
// renewal date.
func currentPlanIDs(fams [][]Member, on Date) []string {
	seen := map[string]bool{}
	var out []string
	for _, fam := range fams {
		if len(fam) == 0 || !fam[0].CoveredOn(on) || seen[fam[0].PlanID] {
			continue
		}
		seen[fam[0].PlanID] = true
		out = append(out, fam[0].PlanID)
	}
	sort.Strings(out)
	return out
}

// renewalOptions lists the plans the group may renew into at their renewal
// rates: the mapped plans first, then every plan still offered that is
// rated the way the group's plans are and has a rate for its area.
func renewalOptions(in OfferInput, o *RenewalOffer) []Plan {
	methods := map[RatingMethod]bool{}
	for _, p := range o.Current {
		methods[p.Rating.Method] = true
	}
	var out []Plan
	added := map[string]bool{}
	add := func(p *Plan) {
		if !added[p.ID] {
			added[p.ID] = true
			out = append(out, AtRenewal(*p, in.Rates, in.Group.RenewalDate))
		}
	}
	plans := planIndex(in.Catalog.Plans)
	for _, m := range o.Mappings {
		add(plans[m.To])
	}
	for i := range in.Catalog.Plans {
		p := &in.Catalog.Plans[i]
		if !p.Discontinued() && methods[p.Rating.Method] && ratesArea(p, o.Area) {
			add(p)
		}
	}
	return out
}

func ratesArea(p *Plan, area string) bool {
	if p.Rating.Method == RatingComposite {
		return true
	}
	_, ok := p.Rating.BaseRates[area]
	return ok
}

// customCurves are the catalog's own curves the plans name.
func customCurves(cat *Catalog, plans []Plan) []AgeCurve {
	var out []AgeCurve
	for i := range cat.Curves {
		for _, p := range plans {
			if p.Rating.Curve == cat.Curves[i].Name {
				out = append(out, cat.Curves[i])
				break
			}
		}
	}
	return out
}

// fillTotals puts the offer's own figures in its mappings.
func (o *RenewalOffer) fillTotals(fams [][]Member, effective Date) error {
	rv, err := o.Review(fams, effective, o.DefaultMapping())
	if err != nil {
		return err
	}
	for i, pr := range rv.Plans {
		m := &o.Mappings[i]
		m.Subscribers, m.Members, m.Current, m.Renewal = pr.Subscribers, pr.Members, pr.Current, pr.Renewal
	}
	return nil
}
