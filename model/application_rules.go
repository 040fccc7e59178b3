package model

// MarketRule is a state's small-group size rule: how many eligible
// employees a small employer has (DOMAIN.md §1.5).
type MarketRule struct {
	State       string // "" is the federal default
	MinEligible int
	MaxEligible int
	Source      string
}

// SmallGroupRules are the states that expanded the small group to 1–100
// (CMS/KFF table, Dec 10 2021) and the federal default of 1–50 (PACE Act).
var SmallGroupRules = []MarketRule{
	{"CA", 1, 100, "California small group: 1–100 eligible employees"},
	{"CO", 1, 100, "Colorado small group: 1–100 eligible employees"},
	{"NY", 1, 100, "New York small group: 1–100 eligible employees"},
	{"VT", 1, 100, "Vermont small group: 1–100 eligible employees"},
	{"", 1, 50, "Small group under the PACE Act default: 1–50 eligible employees"},
}

// SmallGroupRule returns the rule of a state.
func SmallGroupRule(state string) MarketRule {
	for _, r := range SmallGroupRules {
		if r.State == state {
			return r
		}
	}
	return SmallGroupRules[len(SmallGroupRules)-1]
}

// WaiverReason is a reason an employee declines; a valid one (other
// coverage) takes the employee out of the participation count.
type WaiverReason struct {
	Label string
	Valid bool
}

// DocumentRequirement is an item of the documents checklist and when it
// applies: "always", "broker" (a broker applies) or "waivers" (someone
// declines).
type DocumentRequirement struct {
	Kind  string
	Label string
	When  string
}

// CarrierSettings are the carrier's underwriting settings for new small
// groups. They are data: a carrier changes them without a new GroupDesk.
type CarrierSettings struct {
	MinParticipation Percent // of eligible employees without other coverage
	MinContribution  Percent // of each employee's employee-only premium
	WaiverReasons    []WaiverReason
	Documents        []DocumentRequirement
}

// DefaultCarrierSettings follow the Kaiser Permanente California small
// business guidelines quoted in DOMAIN.md §1.5 (70% participation, the
// older edition) and the common 50% minimum contribution.
var DefaultCarrierSettings = CarrierSettings{
	MinParticipation: 7000,
	MinContribution:  5000,
	WaiverReasons: []WaiverReason{
		{"Covered by a spouse's or parent's group plan", true},
		{"Medicare", true}, {"Medi-Cal or Medicaid", true}, {"TRICARE or VA", true},
		{"Individual coverage", true}, {"Declines without other coverage", false},
	},
	Documents: []DocumentRequirement{
		{"wage_report", "Latest quarterly wage and withholding report (DE 9C in California)", "always"},
		{"enrollment_forms", "Employee enrollment forms", "always"},
		{"waiver_forms", "Waiver forms of the employees who decline", "waivers"},
		{"broker_of_record", "Broker of record authorization", "broker"},
	},
}

// ValidWaiver reports whether a reason counts as other coverage.
func (s *CarrierSettings) ValidWaiver(reason string) bool {
	for _, r := range s.WaiverReasons {
		if r.Label == reason {
			return r.Valid
		}
	}
	return false
}

// RequiredDocuments lists the checklist of an application, keeping the
// files already attached.
func (s *CarrierSettings) RequiredDocuments(a *Application) []AppDocument {
	have := map[string]AppDocument{}
	for _, d := range a.Documents {
		have[d.Kind] = d
	}
	var out []AppDocument
	for _, r := range s.Documents {
		if (r.When == "broker" && a.Broker == "") || (r.When == "waivers" && len(a.Waivers) == 0) {
			continue
		}
		d := have[r.Kind]
		d.Kind, d.Label = r.Kind, r.Label
		out = append(out, d)
	}
	return out
}

// applicantMoves and carrierMoves are the status changes each side may
// make; the applicant also saves an editable application in place.
var (
	applicantMoves = map[ApplicationStatus][]ApplicationStatus{
		AppDraft: {AppDraft, AppSubmitted}, AppNeedsInfo: {AppNeedsInfo, AppSubmitted},
	}
	carrierMoves = map[ApplicationStatus][]ApplicationStatus{
		AppSubmitted: {AppInReview, AppNeedsInfo}, AppInReview: {AppNeedsInfo, AppApproved},
		AppNeedsInfo: {AppInReview}, AppApproved: {AppActive},
	}
)

// CheckMove refuses a status change the side may not make.
func CheckMove(from, to ApplicationStatus, carrier bool) error {
	moves := applicantMoves
	who := "The applicant"
	if carrier {
		moves, who = carrierMoves, "The carrier"
	}
	for _, s := range moves[from] {
		if s == to {
			return nil
		}
	}
	return Errorf(EINVALID, "%s cannot move an application from %s to %s.", who, from.Label(), to.Label())
}
