package model

import (
	"slices"
	"strings"
	"time"
)

// RenewalScenario is a renewal option the group works out before
// answering: where each current plan goes, the plans compared side by
// side, the employer's contribution and the member changes. Like quote
// scenarios, scenarios are the desktop's own working papers: only the one
// submitted travels, inside the submission.
type RenewalScenario struct {
	ID           string            `json:"id"`
	RenewalID    string            `json:"renewal_id"`
	Name         string            `json:"name"`
	Plans        map[string]string `json:"plans"`             // current plan → the plan chosen
	Compare      []string          `json:"compare,omitempty"` // up to four plans side by side
	Contribution Contribution      `json:"contribution"`
	Changes      []RenewalChange   `json:"changes,omitempty"`
	Version      int64             `json:"version"`
	UpdatedAt    time.Time         `json:"updated_at"`
}

// NewRenewalScenario starts a scenario from the offer as it stands: every
// plan where the carrier maps it, those plans compared, the default
// contribution.
func NewRenewalScenario(r *Renewal) RenewalScenario {
	s := RenewalScenario{RenewalID: r.ID, Plans: r.Offer.DefaultMapping(), Contribution: DefaultContribution}
	for _, m := range r.Offer.Mappings {
		if !slices.Contains(s.Compare, m.To) && len(s.Compare) < MaxCompared {
			s.Compare = append(s.Compare, m.To)
		}
	}
	return s
}

// AddCompared adds a plan to the side-by-side view (at most four).
func (s *RenewalScenario) AddCompared(id string) error {
	switch {
	case slices.Contains(s.Compare, id):
		return nil
	case len(s.Compare) >= MaxCompared:
		return Errorf(EINVALID, "At most %d plans are compared side by side; remove one first.", MaxCompared)
	}
	s.Compare = append(append([]string(nil), s.Compare...), id)
	return nil
}

// RemoveCompared takes a plan out of the side-by-side view.
func (s *RenewalScenario) RemoveCompared(id string) {
	var out []string
	for _, v := range s.Compare {
		if v != id {
			out = append(out, v)
		}
	}
	s.Compare = out
}

// Validate checks a scenario against its renewal's offer.
func (s *RenewalScenario) Validate(o *RenewalOffer) error {
	var p Problems
	if strings.TrimSpace(s.Name) == "" {
		p.Add("name", "give the scenario a name")
	}
	if len(s.Compare) > MaxCompared {
		p.Add("compare", "at most %d plans are compared side by side", MaxCompared)
	}
	p.addErr(checkMapping(o, s.Plans))
	p.addErr(s.Contribution.Validate())
	return p.Err()
}

// checkMapping refuses a mapping that leaves a current plan out or sends
// it to a plan not offered, or rated otherwise (a small group rated per
// member cannot move to a composite-rated plan).
func checkMapping(o *RenewalOffer, mapping map[string]string) error {
	var p Problems
	for _, m := range o.Mappings {
		from, _ := o.CurrentPlan(m.From)
		to, ok := o.Option(mapping[m.From])
		switch {
		case mapping[m.From] == "":
			p.Add("plans", "choose the plan %s renews into", planName(from, m.From))
		case !ok:
			p.Add("plans", "%s cannot renew into %s: it is not offered at this renewal", planName(from, m.From), mapping[m.From])
		case from != nil && to.Rating.Method != from.Rating.Method:
			p.Add("plans", "%s is rated %s; %s is rated %s", from.Name, from.Rating.Method, to.Name, to.Rating.Method)
		}
	}
	return p.Err()
}

// RenewalSubmission is the group's answer: keep the plans as offered, or
// a scenario's plans, with the contribution, the head counts participation
// is judged on, and the member changes effective on the renewal date.
type RenewalSubmission struct {
	Keep              bool              `json:"keep"`
	Scenario          string            `json:"scenario,omitempty"`
	Plans             map[string]string `json:"plans"`
	Contribution      Contribution      `json:"contribution"`
	EligibleEmployees int               `json:"eligible_employees"`
	ValidWaivers      int               `json:"valid_waivers"` // eligible employees who decline with other coverage
	Changes           []RenewalChange   `json:"changes,omitempty"`
	SubmittedOn       Date              `json:"submitted_on"`
	SubmittedBy       string            `json:"submitted_by"`
}

// KeepPlans is the answer that keeps the plans as offered.
func KeepPlans(r *Renewal, contrib Contribution, eligible int, changes []RenewalChange) RenewalSubmission {
	return RenewalSubmission{Keep: true, Plans: r.Offer.DefaultMapping(), Contribution: contrib,
		EligibleEmployees: eligible, Changes: changes}
}

// FromScenario is the answer a scenario makes.
func FromScenario(s *RenewalScenario, eligible, waivers int) RenewalSubmission {
	return RenewalSubmission{Scenario: s.Name, Plans: s.Plans, Contribution: s.Contribution,
		EligibleEmployees: eligible, ValidWaivers: waivers, Changes: s.Changes}
}

// Describe says the answer in a line.
func (s *RenewalSubmission) Describe() string {
	what := "Keep the current plans as offered"
	if !s.Keep {
		what = "Scenario " + s.Scenario
	}
	if n := len(s.Changes); n > 0 {
		what += ", with " + groupDigits(n) + " " + pluralize(n, "member change", "member changes")
	}
	return what
}
