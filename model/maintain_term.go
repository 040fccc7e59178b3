package model

import (
	"fmt"
	"strings"
)

// Termination ends a member's coverage on a date (the last covered day).
// Ending a subscriber's coverage ends their dependents' too. The date may
// not be further back than the carrier's retro-termination limit.
type Termination struct {
	Family  string // the subscriber's ID (FamilyOf the member)
	Member  string
	Version int64
	Date    Date
	Reason  string
}

// TermReasons are the usual reasons, offered by the forms.
var TermReasons = []string{"Voluntary resignation", "Termination of employment", "Reduction in hours", "Retirement",
	"Death", "Divorce or legal separation", "Child reached age 26", "Other coverage", "Member request"}

// SubscriberID is the member's family.
func (t *Termination) SubscriberID() string { return t.Family }

// Apply ends the coverage of the member and, for a subscriber, of the family.
func (t *Termination) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	i, err := findMember(fam, t.Member, t.Version)
	if err != nil {
		return Outcome{}, err
	}
	if !covered(&fam[i]) {
		return Outcome{}, Errorf(EINVALID, "%s's coverage already ended on %s.", fam[i].FullName(), fam[i].Termination)
	}
	var p Problems
	if strings.TrimSpace(t.Reason) == "" {
		p.Add("reason", "give the reason coverage ends")
	}
	if t.Date.IsZero() {
		p.Add("termination_date", "choose the last day of coverage")
	} else if err := c.retro().Check(t.Date, c.Today); err != nil {
		p = append(p, err.(*Error))
	}
	if err := p.Err(); err != nil {
		return Outcome{}, err
	}
	out := Outcome{Family: cloneFamily(fam), Notes: map[string]string{}}
	targets := []int{i}
	if i == 0 {
		targets = everyCovered(out.Family)
	}
	for _, k := range targets {
		m := &out.Family[k]
		m.Status, m.Termination, m.TermReason = StatusTerminated, t.Date, strings.TrimSpace(t.Reason)
		out.Notes[m.ID] = fmt.Sprintf("%s's coverage ends on %s (%s)", m.FullName(), t.Date.US(), m.TermReason)
	}
	retier(out.Family)
	if i != 0 && out.Family[0].Tier != fam[0].Tier {
		out.Notes[fam[0].ID] = fmt.Sprintf("%s's coverage tier changed from %s to %s", fam[0].FullName(), fam[0].Tier.Label(), out.Family[0].Tier.Label())
	}
	return out, validateFamily(fam, out.Family, c.Today)
}

func everyCovered(fam []Member) []int {
	var out []int
	for i := range fam {
		if covered(&fam[i]) {
			out = append(out, i)
		}
	}
	return out
}

// Reinstatement restores coverage that was ended, as if it had not been:
// a subscriber's dependents who ended with them come back too. Coverage
// that ended before the retro limit cannot be reinstated; the person is
// enrolled again instead.
type Reinstatement struct {
	Family  string
	Member  string
	Version int64
}

// SubscriberID is the member's family.
func (r *Reinstatement) SubscriberID() string { return r.Family }

// Apply clears the termination.
func (r *Reinstatement) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	i, err := findMember(fam, r.Member, r.Version)
	if err != nil {
		return Outcome{}, err
	}
	m := fam[i]
	switch {
	case m.Status != StatusTerminated:
		return Outcome{}, Errorf(EINVALID, "%s is not terminated.", m.FullName())
	case i > 0 && fam[0].Status == StatusTerminated:
		return Outcome{}, Errorf(EINVALID, "%s's coverage has ended; reinstate the subscriber first.", fam[0].FullName())
	}
	if err := c.retro().Check(m.Termination, c.Today); err != nil {
		return Outcome{}, Errorf(EINVALID, "%s's coverage ended on %s, before the earliest date the carrier reopens (%s). Enroll them again instead.",
			m.FullName(), m.Termination, c.retro().Earliest(c.Today))
	}
	out := Outcome{Family: cloneFamily(fam), Notes: map[string]string{}}
	for k := range out.Family {
		d := &out.Family[k]
		if k != i && (i != 0 || d.Termination != m.Termination || d.TermReason != m.TermReason || d.Status != StatusTerminated) {
			continue
		}
		d.Status, d.Termination, d.TermReason = startStatus(d.Effective, c.Today), Date{}, ""
		out.Notes[d.ID] = fmt.Sprintf("%s reinstated (coverage had ended on %s)", d.FullName(), m.Termination.US())
	}
	retier(out.Family)
	return out, validateFamily(fam, out.Family, c.Today)
}

// COBRAEvent is a COBRA qualifying event (X12 834 INS07).
type COBRAEvent string

const (
	COBRATermination     COBRAEvent = "termination"
	COBRAReducedHours    COBRAEvent = "reduction_in_hours"
	COBRADeath           COBRAEvent = "death"
	COBRADivorce         COBRAEvent = "divorce"
	COBRAMedicare        COBRAEvent = "medicare"
	COBRAIneligibleChild COBRAEvent = "ineligible_child"
)

// COBRAEvents lists the events in the order pickers show them.
var COBRAEvents = []COBRAEvent{COBRATermination, COBRAReducedHours, COBRADeath, COBRADivorce, COBRAMedicare, COBRAIneligibleChild}

// Label is the event for people.
func (e COBRAEvent) Label() string {
	switch e {
	case COBRATermination:
		return "Termination of employment"
	case COBRAReducedHours:
		return "Reduction of hours"
	case COBRADeath:
		return "Death of the employee"
	case COBRADivorce:
		return "Divorce or legal separation"
	case COBRAMedicare:
		return "Employee entitled to Medicare"
	case COBRAIneligibleChild:
		return "Child no longer a dependent"
	}
	return string(e)
}

// Months is the longest continuation for the event: 18 months after a
// termination or a reduction of hours, 36 after the others. Cal-COBRA
// (California groups of 2–19 employees) gives 36 months for every event.
func (e COBRAEvent) Months(calCOBRA bool) int {
	if calCOBRA || (e != COBRATermination && e != COBRAReducedHours) {
		return 36
	}
	return 18
}

// COBRAElection puts a member whose coverage ended on COBRA continuation:
// coverage resumes the day after it ended and lasts until the event's
// maximum period; a subscriber's dependents who ended with them follow.
type COBRAElection struct {
	Family  string
	Member  string
	Version int64
	Event   COBRAEvent
}

// SubscriberID is the member's family.
func (e *COBRAElection) SubscriberID() string { return e.Family }

// Apply marks the member (and family) COBRA.
func (e *COBRAElection) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	i, err := findMember(fam, e.Member, e.Version)
	if err != nil {
		return Outcome{}, err
	}
	m := fam[i]
	switch {
	case e.Event == "":
		return Outcome{}, FieldError("event", "choose the COBRA qualifying event")
	case m.Status == StatusCOBRA:
		return Outcome{}, Errorf(EINVALID, "%s is already on COBRA.", m.FullName())
	case m.Status != StatusTerminated:
		return Outcome{}, Errorf(EINVALID, "End %s's coverage first (with the qualifying event as the reason); COBRA continues it from the next day.", m.FullName())
	}
	calCOBRA := strings.EqualFold(c.Group.Address.State, "CA") && c.Subscribers >= 2 && c.Subscribers < 20
	months := e.Event.Months(calCOBRA)
	start := m.Termination.AddDays(1)
	end := start.AddMonths(months).AddDays(-1)
	kind := "COBRA"
	if calCOBRA {
		kind = "Cal-COBRA"
	}
	out := Outcome{Family: cloneFamily(fam), Notes: map[string]string{}}
	for k := range out.Family {
		d := &out.Family[k]
		if k != i && (i != 0 || d.Termination != m.Termination || d.Status != StatusTerminated) {
			continue
		}
		d.Status, d.Termination = StatusCOBRA, end
		d.TermReason = fmt.Sprintf("%s continuation: %s (%d months)", kind, strings.ToLower(e.Event.Label()), months)
		out.Notes[d.ID] = fmt.Sprintf("%s continues on %s from %s to %s", d.FullName(), kind, start.US(), end.US())
	}
	retier(out.Family)
	return out, validateFamily(fam, out.Family, c.Today)
}

// FamilyOf is the ID of the subscriber whose family the member is in.
func FamilyOf(m *Member) string {
	if m.SubscriberID != "" {
		return m.SubscriberID
	}
	return m.ID
}
