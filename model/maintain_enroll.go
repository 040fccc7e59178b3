package model

import (
	"fmt"
	"strings"
)

// Enrollment enrolls a new subscriber with their dependents in one step.
// The dependents take the subscriber's employee ID, plan and effective date;
// the tier follows from who is covered.
type Enrollment struct {
	Subscriber Member
	Dependents []Member
}

// SubscriberID is "": an enrollment starts a family.
func (e *Enrollment) SubscriberID() string { return "" }

// Apply builds the new family and checks it.
func (e *Enrollment) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	if len(fam) > 0 {
		return Outcome{}, Errorf(ECONFLICT, "This family is already enrolled.")
	}
	sub := e.Subscriber
	sub.ID, sub.GroupID, sub.SubscriberID, sub.Relationship = c.NewID(), c.Group.ID, "", RelEmployee
	sub.Status, sub.Termination, sub.TermReason, sub.Version = startStatus(sub.Effective, c.Today), Date{}, "", 0
	if sub.Gender == "" {
		sub.Gender = GenderUnknown
	}
	if err := firstOf(c.checkPlan(sub.PlanID), c.checkStart(sub.Effective)); err != nil {
		return Outcome{}, err
	}
	out := Outcome{Family: []Member{sub}, Notes: map[string]string{}}
	out.Notes[sub.ID] = fmt.Sprintf("%s enrolled (%s, effective %s)", sub.FullName(), c.planName(sub.PlanID), sub.Effective.US())
	for _, d := range e.Dependents {
		d = joinFamily(d, &sub, c)
		if d.Effective.IsZero() || d.Effective.Before(sub.Effective) {
			d.Effective = sub.Effective
		}
		d.Status = startStatus(d.Effective, c.Today)
		out.Family = append(out.Family, d)
		out.Notes[d.ID] = fmt.Sprintf("%s enrolled as %s of %s", d.FullName(), strings.ToLower(d.Relationship.Label()), sub.FullName())
	}
	retier(out.Family)
	return out, validateFamily(fam, out.Family, c.Today)
}

// joinFamily makes d a new dependent of sub.
func joinFamily(d Member, sub *Member, c ChangeContext) Member {
	d.ID, d.GroupID, d.SubscriberID, d.EmployeeID = c.NewID(), sub.GroupID, sub.ID, sub.EmployeeID
	d.PlanID, d.Termination, d.TermReason, d.Version = sub.PlanID, Date{}, "", 0
	if d.Gender == "" {
		d.Gender = GenderUnknown
	}
	if d.Address == (Address{}) {
		d.Address = sub.Address
	}
	return d
}

func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (c ChangeContext) planName(id string) string {
	if p, ok := c.Plans[id]; ok && p != nil {
		return p.Name
	}
	return id
}

// DependentAddition adds a dependent to a family through a qualifying life
// event: the event's window and effective-date rule come from the rules
// table for the group's state and segment.
type DependentAddition struct {
	Subscriber string // the subscriber's ID
	Dependent  Member
	Event      LifeEvent
	EventDate  Date
}

// SubscriberID is the family the dependent joins.
func (a *DependentAddition) SubscriberID() string { return a.Subscriber }

// Apply checks the event's window and adds the dependent.
func (a *DependentAddition) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	if len(fam) == 0 {
		return Outcome{}, Errorf(ENOTFOUND, "There is no subscriber %s.", a.Subscriber)
	}
	sub := fam[0]
	if sub.Status == StatusTerminated {
		return Outcome{}, Errorf(EINVALID, "%s's coverage has ended; reinstate them before adding a dependent.", sub.FullName())
	}
	rule := c.event(a.Event)
	if err := firstOf(a.checkEvent(), rule.Check(a.EventDate, c.Today)); err != nil {
		return Outcome{}, err
	}
	d := joinFamily(a.Dependent, &sub, c)
	d.Effective = rule.EffectiveDate(a.EventDate, c.Today)
	if d.Effective.Before(sub.Effective) {
		d.Effective = sub.Effective
	}
	d.Status = startStatus(d.Effective, c.Today)
	out := Outcome{Family: append(cloneFamily(fam), d), Notes: map[string]string{}}
	retier(out.Family)
	out.Notes[d.ID] = fmt.Sprintf("%s added as %s of %s (%s on %s, effective %s)", d.FullName(),
		strings.ToLower(d.Relationship.Label()), sub.FullName(), strings.ToLower(a.Event.Label()), a.EventDate.US(), d.Effective.US())
	if out.Family[0].Tier != sub.Tier {
		out.Notes[sub.ID] = fmt.Sprintf("%s's coverage tier changed from %s to %s", sub.FullName(), sub.Tier.Label(), out.Family[0].Tier.Label())
	}
	out.Event = &LifeEventRecord{ID: c.NewID(), GroupID: sub.GroupID, SubscriberID: sub.ID, MemberID: d.ID, Event: a.Event,
		EventDate: a.EventDate, ReportedOn: c.Today, WindowCloses: rule.WindowCloses(a.EventDate), Status: LifeEventEnrolled}
	return out, validateFamily(fam, out.Family, c.Today)
}

// checkEvent refuses an event that cannot bring this relationship in: a
// birth adds a child born that day, a marriage a spouse.
func (a *DependentAddition) checkEvent() error {
	d := a.Dependent
	switch {
	case a.Event == "":
		return FieldError("event", "choose the life event")
	case d.Relationship == RelEmployee:
		return FieldError("relationship", "a dependent cannot be an employee")
	case (a.Event == EventBirth || a.Event == EventAdoption || a.Event == EventPlacement) && d.Relationship != RelChild:
		return FieldError("relationship", "a %s adds a child, not a %s", strings.ToLower(a.Event.Label()), strings.ToLower(d.Relationship.Label()))
	case a.Event == EventBirth && d.DateOfBirth != a.EventDate:
		return FieldError("date_of_birth", "a child added for a birth on %s is born that day, not on %s", a.EventDate, d.DateOfBirth)
	case a.Event == EventMarriage && d.Relationship != RelSpouse:
		return FieldError("relationship", "a marriage adds a spouse, not a %s", strings.ToLower(d.Relationship.Label()))
	case a.Event == EventDomesticPartner && d.Relationship != RelDomesticPartner:
		return FieldError("relationship", "a new domestic partnership adds a domestic partner, not a %s", strings.ToLower(d.Relationship.Label()))
	}
	return nil
}
