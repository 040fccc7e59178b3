package model

import (
	"context"
	"strconv"
	"strings"
)

// LifeEvent is a qualifying life event: something that opens a special
// enrollment window outside open enrollment (HIPAA special enrollment).
type LifeEvent string

const (
	EventMarriage         LifeEvent = "marriage"
	EventDomesticPartner  LifeEvent = "domestic_partner"
	EventBirth            LifeEvent = "birth"
	EventAdoption         LifeEvent = "adoption"
	EventPlacement        LifeEvent = "placement" // placement for adoption or foster care
	EventLossOfCoverage   LifeEvent = "loss_of_coverage"
	EventCourtOrder       LifeEvent = "court_order"
	EventMedicaidCHIPLoss LifeEvent = "medicaid_chip_loss"
	EventMedicaidCHIPHelp LifeEvent = "medicaid_chip_assistance" // became eligible for premium assistance
)

// LifeEvents lists the events in the order pickers show them.
var LifeEvents = []LifeEvent{EventMarriage, EventDomesticPartner, EventBirth, EventAdoption, EventPlacement,
	EventLossOfCoverage, EventCourtOrder, EventMedicaidCHIPLoss, EventMedicaidCHIPHelp}

// Label is the event for people.
func (e LifeEvent) Label() string {
	switch e {
	case EventMarriage:
		return "Marriage"
	case EventDomesticPartner:
		return "New domestic partner"
	case EventBirth:
		return "Birth"
	case EventAdoption:
		return "Adoption"
	case EventPlacement:
		return "Placement for adoption or foster care"
	case EventLossOfCoverage:
		return "Loss of other coverage"
	case EventCourtOrder:
		return "Court order"
	case EventMedicaidCHIPLoss:
		return "Loss of Medicaid or CHIP"
	case EventMedicaidCHIPHelp:
		return "Eligible for Medicaid/CHIP premium help"
	}
	return string(e)
}

// ParseLifeEvent reads an event by its code or its label.
func ParseLifeEvent(s string) (LifeEvent, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, e := range LifeEvents {
		if k == string(e) || k == strings.ToLower(e.Label()) {
			return e, true
		}
	}
	return "", false
}

// EffectiveRule says when coverage added for a life event starts.
type EffectiveRule string

const (
	EffectiveOnEvent                EffectiveRule = "event_date"
	EffectiveFirstOfMonthAfterAsk   EffectiveRule = "first_of_month_after_request"
	EffectiveFirstOfMonthAfterEvent EffectiveRule = "first_of_month_after_event"
)

// EventRule is one row of the life-event rules table: how long the window
// of an event stays open and when coverage starts, for a state and segment.
// An empty State or Segment matches any (the federal default).
type EventRule struct {
	State      string        `json:"state"`
	Segment    Segment       `json:"segment"`
	Event      LifeEvent     `json:"event"`
	WindowDays int           `json:"window_days"`
	Effective  EffectiveRule `json:"effective_rule"`
	Source     string        `json:"source,omitempty"`
}

// WindowCloses is the last day on which the event can be reported.
func (r EventRule) WindowCloses(event Date) Date { return event.AddDays(r.WindowDays) }

// EffectiveDate is the day coverage starts for an event reported on request.
func (r EventRule) EffectiveDate(event, request Date) Date {
	switch r.Effective {
	case EffectiveOnEvent:
		return event
	case EffectiveFirstOfMonthAfterEvent:
		return event.FirstOfNextMonth()
	}
	return request.FirstOfNextMonth()
}

// Check refuses an event dated in the future or reported after its window.
func (r EventRule) Check(event, request Date) error {
	switch {
	case event.IsZero():
		return FieldError("event_date", "the date of the %s is required", strings.ToLower(r.Event.Label()))
	case event.After(request):
		return FieldError("event_date", "the %s on %s has not happened yet", strings.ToLower(r.Event.Label()), event)
	case request.After(r.WindowCloses(event)):
		return FieldError("event_date", "the %d-day window for the %s on %s closed on %s; the change must wait for open enrollment",
			r.WindowDays, strings.ToLower(r.Event.Label()), event, r.WindowCloses(event))
	}
	return nil
}

// RetroLimit is the kind of limit on backdating a termination.
type RetroLimit string

const (
	// RetroCurrentMonth allows terminations back to the first of the month
	// the request is made in, and no earlier.
	RetroCurrentMonth RetroLimit = "first_of_current_month"
	// RetroDays allows terminations back a number of days.
	RetroDays RetroLimit = "days"
	// RetroNone allows no backdating: the earliest termination is today.
	RetroNone RetroLimit = "none"
)

// RetroRule limits how far back a termination may be dated, per carrier and
// state; empty Carrier or State matches any.
type RetroRule struct {
	Carrier string     `json:"carrier"`
	State   string     `json:"state"`
	Limit   RetroLimit `json:"limit"`
	Days    int        `json:"days,omitempty"`
	Source  string     `json:"source,omitempty"`
}

// Earliest is the earliest termination date allowed for a request today.
func (r RetroRule) Earliest(today Date) Date {
	switch r.Limit {
	case RetroDays:
		return today.AddDays(-r.Days)
	case RetroNone:
		return today
	}
	return today.FirstOfMonth()
}

// Check refuses a termination dated before the earliest allowed.
func (r RetroRule) Check(term, today Date) error {
	if earliest := r.Earliest(today); term.Before(earliest) {
		return FieldError("termination_date", "coverage cannot end before %s (%s); %s is too far back",
			earliest, r.describe(), term)
	}
	return nil
}

func (r RetroRule) describe() string {
	switch r.Limit {
	case RetroDays:
		return "terminations may be backdated " + strconv.Itoa(r.Days) + " days"
	case RetroNone:
		return "terminations may not be backdated"
	}
	return "terminations may not be backdated before the first of the current month"
}

// Rules is the rules table: life-event windows and retro-termination limits.
// It is data, kept in the database, so that it can be edited without a new
// release.
type Rules struct {
	Events []EventRule `json:"events"`
	Retro  []RetroRule `json:"retro"`
}

// EventFor returns the most specific rule for an event: state and segment,
// then state, then the federal default. A missing rule gives the federal
// minimum of 30 days with coverage from the first of the next month.
func (rs *Rules) EventFor(state string, seg Segment, ev LifeEvent) EventRule {
	best, score := EventRule{Event: ev, WindowDays: 30, Effective: EffectiveFirstOfMonthAfterAsk}, -1
	for _, r := range rs.Events {
		if r.Event != ev || (r.State != "" && !strings.EqualFold(r.State, state)) || (r.Segment != "" && r.Segment != seg) {
			continue
		}
		s := specificity(r.State != "", r.Segment != "")
		if s > score {
			best, score = r, s
		}
	}
	return best
}

// RetroFor returns the most specific retro-termination rule; the default is
// not before the first of the current month.
func (rs *Rules) RetroFor(carrier, state string) RetroRule {
	best, score := RetroRule{Limit: RetroCurrentMonth}, -1
	for _, r := range rs.Retro {
		if (r.Carrier != "" && !strings.EqualFold(r.Carrier, carrier)) || (r.State != "" && !strings.EqualFold(r.State, state)) {
			continue
		}
		s := specificity(r.Carrier != "", r.State != "")
		if s > score {
			best, score = r, s
		}
	}
	return best
}

func specificity(first, second bool) int {
	s := 0
	if first {
		s += 2
	}
	if second {
		s++
	}
	return s
}

// RulesService reads the rules table.
type RulesService interface {
	Rules(ctx context.Context) (Rules, error)
}
