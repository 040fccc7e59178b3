package model

import "fmt"

// RateChange is one rate of a plan kept in both versions that differs.
type RateChange struct {
	PlanID string
	Plan   string
	Rate   string // "Employee only", "Age 21 base rate (area 3)", "Tobacco factor"
	From   string
	To     string
}

// TermChange is a term added, removed or reworded.
type TermChange struct {
	Heading string
	From    string // "" when added
	To      string // "" when removed
}

// ContractDiff is what changed from one contract version to another.
type ContractDiff struct {
	From, To         *Contract
	PlansAdded       []ContractPlan
	PlansRemoved     []ContractPlan
	RatesChanged     []RateChange
	Contribution     [2]string // before and after, when it changed
	TermsChanged     []TermChange
	SignatoriesAdded []Signatory
	SignatoriesGone  []Signatory
	AmendmentsAdded  []Amendment
}

// DiffContracts compares two versions of a group's contract, the older
// first.
func DiffContracts(from, to *Contract) ContractDiff {
	d := ContractDiff{From: from, To: to}
	d.diffPlans()
	if a, b := from.Contribution.Describe(), to.Contribution.Describe(); a != b {
		d.Contribution = [2]string{a, b}
	}
	d.diffTerms()
	d.diffSignatories()
	seen := map[int]bool{}
	for _, a := range from.Amendments {
		seen[a.Number] = true
	}
	for _, a := range to.Amendments {
		if !seen[a.Number] {
			d.AmendmentsAdded = append(d.AmendmentsAdded, a)
		}
	}
	return d
}

func (d *ContractDiff) diffPlans() {
	before := map[string]*ContractPlan{}
	for i := range d.From.Plans {
		before[d.From.Plans[i].PlanID] = &d.From.Plans[i]
	}
	kept := map[string]bool{}
	for i := range d.To.Plans {
		p := &d.To.Plans[i]
		old, ok := before[p.PlanID]
		if !ok {
			d.PlansAdded = append(d.PlansAdded, *p)
			continue
		}
		kept[p.PlanID] = true
		d.RatesChanged = append(d.RatesChanged, rateChanges(old, p)...)
	}
	for _, p := range d.From.Plans {
		if !kept[p.PlanID] {
			d.PlansRemoved = append(d.PlansRemoved, p)
		}
	}
}

// rateChanges lists the rates of one plan that differ between versions.
func rateChanges(a, b *ContractPlan) []RateChange {
	var out []RateChange
	add := func(rate, from, to string) {
		if from != to {
			out = append(out, RateChange{PlanID: b.PlanID, Plan: b.Name, Rate: rate, From: from, To: to})
		}
	}
	for _, t := range Tiers {
		add(t.Label(), moneyOrDash(a.TierRates[t], a.TierRates != nil), moneyOrDash(b.TierRates[t], b.TierRates != nil))
	}
	add(b.BaseRateLabel(), moneyOrDash(a.BaseRate, a.Method == RatingAge), moneyOrDash(b.BaseRate, b.Method == RatingAge))
	if a.TobaccoFactor != b.TobaccoFactor {
		add("Tobacco factor", a.TobaccoFactor.String(), b.TobaccoFactor.String())
	}
	return out
}

func moneyOrDash(m Money, has bool) string {
	if !has {
		return "—"
	}
	return m.String()
}

// BaseRateLabel names an age-rated plan's base rate.
func (p *ContractPlan) BaseRateLabel() string {
	if p.Area == "" {
		return "Age 21 base rate"
	}
	return "Age 21 base rate (area " + p.Area + ")"
}

func (d *ContractDiff) diffTerms() {
	before := map[string]string{}
	for _, t := range d.From.Terms {
		before[t.Heading] = t.Text
	}
	kept := map[string]bool{}
	for _, t := range d.To.Terms {
		old, ok := before[t.Heading]
		kept[t.Heading] = ok
		if !ok || old != t.Text {
			d.TermsChanged = append(d.TermsChanged, TermChange{Heading: t.Heading, From: old, To: t.Text})
		}
	}
	for _, t := range d.From.Terms {
		if !kept[t.Heading] {
			d.TermsChanged = append(d.TermsChanged, TermChange{Heading: t.Heading, From: t.Text})
		}
	}
}

func (d *ContractDiff) diffSignatories() {
	key := func(s Signatory) string { return s.Party + "\x00" + s.Name + "\x00" + s.Title }
	has := func(list []Signatory, s Signatory) bool {
		for _, o := range list {
			if key(o) == key(s) {
				return true
			}
		}
		return false
	}
	for _, s := range d.To.Signatories {
		if !has(d.From.Signatories, s) {
			d.SignatoriesAdded = append(d.SignatoriesAdded, s)
		}
	}
	for _, s := range d.From.Signatories {
		if !has(d.To.Signatories, s) {
			d.SignatoriesGone = append(d.SignatoriesGone, s)
		}
	}
}

// Empty reports whether nothing but the period changed.
func (d *ContractDiff) Empty() bool { return len(d.Lines()) == 0 }

// Lines tells what changed, one line each, for the Contracts screen.
func (d *ContractDiff) Lines() []string {
	var out []string
	for _, p := range d.PlansAdded {
		out = append(out, "Plan added: "+p.Name+" ("+p.PlanID+")")
	}
	for _, p := range d.PlansRemoved {
		out = append(out, "Plan removed: "+p.Name+" ("+p.PlanID+")")
	}
	for _, r := range d.RatesChanged {
		out = append(out, fmt.Sprintf("Rate changed: %s, %s: from %s to %s", r.Plan, r.Rate, r.From, r.To))
	}
	if d.Contribution[0] != "" {
		out = append(out, fmt.Sprintf("Contribution changed: %s (was: %s)", d.Contribution[1], d.Contribution[0]))
	}
	for _, t := range d.TermsChanged {
		out = append(out, t.line())
	}
	for _, s := range d.SignatoriesAdded {
		out = append(out, fmt.Sprintf("Signed by: %s, %s (%s) on %s", s.Name, s.Title, s.Party, s.SignedOn.US()))
	}
	for _, s := range d.SignatoriesGone {
		out = append(out, fmt.Sprintf("No longer a signatory: %s, %s (%s)", s.Name, s.Title, s.Party))
	}
	for _, a := range d.AmendmentsAdded {
		out = append(out, fmt.Sprintf("Amendment %d (from %s): %s", a.Number, a.Effective.US(), a.Text))
	}
	return out
}

func (t TermChange) line() string {
	switch {
	case t.From == "":
		return "Term added: " + t.Heading + " — " + t.To
	case t.To == "":
		return "Term removed: " + t.Heading
	}
	return "Term changed: " + t.Heading + " — now: " + t.To
}
