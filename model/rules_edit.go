package model

import "context"

// EntityRules names the rules table in the audit log.
const EntityRules = "rules"

// MayEditRules reports whether a principal may change the rules table on
// this desktop: the owner of a local database, or a Primary Group
// Administrator. Others see the rules in force, read-only.
func MayEditRules(p *Principal) bool {
	if p == nil {
		return false
	}
	if p.Owner || p.System {
		return true
	}
	for _, r := range p.Grants {
		if r == RolePGA {
			return true
		}
	}
	return false
}

// Validate checks every row of the rules table: a window of at least a
// day, a known effective-date rule and retro limit, no negative days, and
// no two rows for the same event, state and segment (or carrier and state).
func (rs *Rules) Validate() error {
	var p Problems
	seen := map[[3]string]bool{}
	for _, r := range rs.Events {
		key := [3]string{r.State, string(r.Segment), string(r.Event)}
		switch {
		case seen[key]:
			p.Add("events", "%s has two rules for the same state and segment", r.Event.Label())
		case r.WindowDays < 1:
			p.Add("window_days", "the window for %s must be at least one day", lower(r.Event.Label()))
		case r.Effective != EffectiveOnEvent && r.Effective != EffectiveFirstOfMonthAfterAsk && r.Effective != EffectiveFirstOfMonthAfterEvent:
			p.Add("effective_rule", "%q is not a rule for when coverage starts", r.Effective)
		}
		seen[key] = true
	}
	retro := map[[2]string]bool{}
	for _, r := range rs.Retro {
		key := [2]string{r.Carrier, r.State}
		switch {
		case retro[key]:
			p.Add("retro", "two retro-termination rules for the same carrier and state")
		case r.Limit != RetroCurrentMonth && r.Limit != RetroDays && r.Limit != RetroNone:
			p.Add("retro", "%q is not a retro-termination limit", r.Limit)
		case r.Days < 0:
			p.Add("retro", "a termination cannot be backdated a negative number of days")
		}
		retro[key] = true
	}
	return p.Err()
}

// RulesEditor changes the rules table: the whole table at once, checked and
// audited.
type RulesEditor interface {
	RulesService
	SaveRules(ctx context.Context, rs Rules) error
}

// EffectiveRules lists the rules for when coverage starts.
var EffectiveRules = []EffectiveRule{EffectiveOnEvent, EffectiveFirstOfMonthAfterAsk, EffectiveFirstOfMonthAfterEvent}

// Label is the effective-date rule for people.
func (e EffectiveRule) Label() string {
	switch e {
	case EffectiveOnEvent:
		return "On the day of the event"
	case EffectiveFirstOfMonthAfterAsk:
		return "First of the month after the request"
	case EffectiveFirstOfMonthAfterEvent:
		return "First of the month after the event"
	}
	return string(e)
}

// RetroLimits lists the kinds of limit on backdating a termination.
var RetroLimits = []RetroLimit{RetroCurrentMonth, RetroDays, RetroNone}

// Label is the limit for people.
func (l RetroLimit) Label() string {
	switch l {
	case RetroCurrentMonth:
		return "Back to the first of the current month"
	case RetroDays:
		return "A number of days back"
	case RetroNone:
		return "No backdating"
	}
	return string(l)
}
