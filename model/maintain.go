package model

import (
	"context"
	"fmt"
)

// ChangeContext is what a change to a family needs to know besides the
// family: today's date, the group (its state and segment pick the rules),
// the rules table, the plan catalog, and a source of new IDs.
type ChangeContext struct {
	Today       Date
	Group       Group
	Subscribers int // the group's active subscribers, for Cal-COBRA
	Rules       *Rules
	Plans       map[string]*Plan
	NewID       func() string
}

// Outcome is a family after a change: every member (changed or not,
// subscriber first, new members last), the audit line of each member the
// change touched, and the life event the change recorded, if any.
type Outcome struct {
	Family []Member
	Notes  map[string]string // member ID → what happened to them
	Event  *LifeEventRecord
}

// FamilyChange is one maintenance operation on one family. Apply checks the
// rules and returns the family as it will be; it never changes fam. The
// store runs it on the family read in its transaction and writes the
// difference; a preview runs it without writing.
type FamilyChange interface {
	// SubscriberID is the family the change is about, "" for an enrollment.
	SubscriberID() string
	Apply(fam []Member, c ChangeContext) (Outcome, error)
}

// PremiumEffect is a change's effect on the family's monthly premium.
type PremiumEffect struct {
	Before Money
	After  Money
	// Unrated explains a premium that could not be computed (a plan with
	// no rate for the group's area), or is "".
	Unrated string
}

// Delta is the change of the monthly premium.
func (e PremiumEffect) Delta() Money { return e.After - e.Before }

// String is the effect for people: "$1,180.22 a month, up $567.82 from
// $612.40".
func (e PremiumEffect) String() string {
	switch d := e.Delta(); {
	case e.Unrated != "":
		return e.Unrated
	case d == 0:
		return fmt.Sprintf("%s a month, no change", e.After)
	case d > 0:
		return fmt.Sprintf("%s a month, up %s from %s", e.After, d, e.Before)
	default:
		return fmt.Sprintf("%s a month, down %s from %s", e.After, -d, e.Before)
	}
}

// MaintenanceService changes members the way an administrator does: each
// saved change is one transaction, audited and queued for sync, and checked
// against the rules. A preview runs the change without saving it; both
// return the change's effect on the family's monthly premium.
type MaintenanceService interface {
	PreviewMemberChange(ctx context.Context, groupID string, ch FamilyChange) (Outcome, PremiumEffect, error)
	SaveMemberChange(ctx context.Context, groupID string, ch FamilyChange) (Outcome, PremiumEffect, error)
	MemberDeadlines(ctx context.Context, groupID string, horizonDays int) (Deadlines, error)
}

// RosterService reads a group's roster a family at a time (subscriber
// first), families in name order, for exports that must not hold a large
// group in memory.
type RosterService interface {
	EachFamily(ctx context.Context, groupID string, fn func(fam []Member) error) error
	// RosterCounts returns how many subscribers and dependents a group has,
	// which an export needs before its first row.
	RosterCounts(ctx context.Context, groupID string) (subscribers, dependents int, err error)
}

// cloneFamily copies a family so that a change never alters its input.
func cloneFamily(fam []Member) []Member { return append([]Member(nil), fam...) }

// findMember returns the index of a member in the family, checking the
// version the caller read it at (0 skips the check).
func findMember(fam []Member, id string, version int64) (int, error) {
	for i := range fam {
		if fam[i].ID != id {
			continue
		}
		if version != 0 && fam[i].Version != version {
			return i, Errorf(ECONFLICT, "%s was changed by someone else. Reload and try again.", fam[i].FullName())
		}
		return i, nil
	}
	return -1, Errorf(ENOTFOUND, "There is no member %s in this family.", id)
}

// covered reports whether a member still counts for the family's tier and
// premium: everyone but the terminated.
func covered(m *Member) bool { return m.Status != StatusTerminated }

// retier gives every covered member the tier their covered dependents make.
func retier(fam []Member) {
	var rels []Relationship
	for i := range fam[1:] {
		if covered(&fam[i+1]) {
			rels = append(rels, fam[i+1].Relationship)
		}
	}
	t := TierFor(rels)
	for i := range fam {
		if covered(&fam[i]) {
			fam[i].Tier = t
		}
	}
}

// startStatus is active, or pending when coverage starts after today.
func startStatus(effective, today Date) Status {
	if effective.After(today) {
		return StatusPending
	}
	return StatusActive
}

// validateFamily checks the members a change touched (those that differ
// from before, and the new ones) and the family's shape: at most one
// spouse or partner, children under 26. Members the change left alone are
// not judged: an old record's flaw must not block an unrelated change.
func validateFamily(before, after []Member, today Date) error {
	was := make(map[string]Member, len(before))
	for _, m := range before {
		was[m.ID] = m
	}
	var p Problems
	partners := 0
	for i := range after {
		m := &after[i]
		if i > 0 && covered(m) && m.Relationship.IsAdultPartner() {
			partners++
		}
		old, ok := was[m.ID]
		if ok && old == *m {
			continue
		}
		var prev *Member
		if ok {
			prev = &old
		}
		p = append(p, checkMember(m, prev, i, today)...)
	}
	if partners > 1 {
		p.Add("relationship", "a family covers one spouse or domestic partner, not %d", partners)
	}
	return p.Err()
}

// checkMember returns the problems of one member of a family (prev is the
// member before the change, nil for a new one). The age limit is checked
// when a child joins or comes back, or their birth date changes: a tier
// change must not be refused because a child just turned 26.
func checkMember(m, prev *Member, i int, today Date) Problems {
	who := m.FullName()
	if who == "" {
		who = fmt.Sprintf("person %d", i+1)
	}
	var p Problems
	if err := m.Validate(today); err != nil {
		p = append(p, prefixed(who, err)...)
	}
	joins := prev == nil || !covered(prev) || prev.DateOfBirth != m.DateOfBirth || prev.Relationship != m.Relationship
	if joins && i > 0 && covered(m) && m.Relationship == RelChild && !m.DateOfBirth.IsZero() && m.DateOfBirth.AgeOn(today) >= DependentAgeLimit {
		p.Add("date_of_birth", "%s is %d: children are covered until their 26th birthday", who, m.DateOfBirth.AgeOn(today))
	}
	return p
}

// prefixed returns an error's problems with a person's name in front, so a
// family's problems say whom they are about.
func prefixed(who string, err error) Problems {
	e, ok := err.(*Error)
	if !ok {
		return Problems{Errorf(EINVALID, "%s: %v", who, err)}
	}
	list := e.Details
	if len(list) == 0 {
		list = []*Error{e}
	}
	out := make(Problems, 0, len(list))
	for _, d := range list {
		out = append(out, &Error{Code: d.Code, Field: d.Field, Message: who + ": " + d.Message})
	}
	return out
}

// checkPlan refuses a plan the catalog does not hold.
func (c ChangeContext) checkPlan(id string) error {
	if id == "" {
		return FieldError("plan_id", "choose a plan")
	}
	if _, ok := c.Plans[id]; c.Plans != nil && !ok {
		return FieldError("plan_id", "there is no plan %q in the catalog", id)
	}
	return nil
}

// retro returns the group's retro-termination rule.
func (c ChangeContext) retro() RetroRule {
	if c.Rules == nil {
		return RetroRule{Limit: RetroCurrentMonth}
	}
	return c.Rules.RetroFor("", c.Group.Address.State)
}

// event returns the group's rule for a life event.
func (c ChangeContext) event(ev LifeEvent) EventRule {
	if c.Rules == nil {
		return (&Rules{}).EventFor(c.Group.Address.State, c.Group.Segment, ev)
	}
	return c.Rules.EventFor(c.Group.Address.State, c.Group.Segment, ev)
}

// checkStart refuses a coverage start backdated beyond the retro limit:
// coverage may not be added further back than it may be ended.
func (c ChangeContext) checkStart(effective Date) error {
	if effective.IsZero() {
		return FieldError("effective_date", "an effective date is required")
	}
	if earliest := c.retro().Earliest(c.Today); effective.Before(earliest) {
		return FieldError("effective_date", "coverage cannot start before %s; %s is too far back", earliest, effective)
	}
	return nil
}
