package model

import (
	"fmt"
	"strings"
)

// RenewalChangeKind is a member change sent with a renewal.
type RenewalChangeKind string

const (
	ChangeEnroll       RenewalChangeKind = "enroll"        // a new subscriber, with dependents
	ChangeAddDependent RenewalChangeKind = "add_dependent" // dependents join an enrolled family
	ChangeTerminate    RenewalChangeKind = "terminate"     // a member's coverage ends at renewal
)

// RenewalChange is a subscriber or dependent enrollment or a termination
// that takes effect on the renewal date. It runs through the member
// maintenance operations and their rules; a renewal is open enrollment,
// so dependents join without a qualifying life event.
type RenewalChange struct {
	Kind       RenewalChangeKind `json:"kind"`
	Subscriber *Member           `json:"subscriber,omitempty"` // enroll
	Dependents []Member          `json:"dependents,omitempty"` // enroll, add_dependent
	Family     string            `json:"family,omitempty"`     // add_dependent, terminate: the subscriber's ID
	Member     string            `json:"member,omitempty"`     // terminate
	// Date is a termination's last day of coverage; zero means the day
	// before the renewal.
	Date   Date   `json:"date,omitempty"`
	Reason string `json:"reason,omitempty"`
	Who    string `json:"who"` // the person's name, for lists
}

// Describe says the change in words.
func (c *RenewalChange) Describe(effective Date) string {
	switch c.Kind {
	case ChangeEnroll:
		return fmt.Sprintf("Enroll %s%s from %s", c.Who, withDependents(len(c.Dependents)), effective.US())
	case ChangeAddDependent:
		return fmt.Sprintf("Add %s to %s's coverage from %s", names(c.Dependents), c.Who, effective.US())
	case ChangeTerminate:
		return fmt.Sprintf("End %s's coverage on %s (%s)", c.Who, c.lastDay(effective).US(), c.Reason)
	}
	return string(c.Kind)
}

func withDependents(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " and one dependent"
	}
	return fmt.Sprintf(" and %d dependents", n)
}

func names(ms []Member) string {
	var out []string
	for i := range ms {
		out = append(out, ms[i].FullName())
	}
	return strings.Join(out, ", ")
}

func (c *RenewalChange) lastDay(effective Date) Date {
	if c.Date.IsZero() {
		return effective.AddDays(-1)
	}
	return c.Date
}

// FamilyChange is the maintenance operation the change runs as.
func (c *RenewalChange) FamilyChange(effective Date) (FamilyChange, error) {
	switch c.Kind {
	case ChangeEnroll:
		if c.Subscriber == nil {
			return nil, FieldError("subscriber", "an enrollment names the employee")
		}
		e := &Enrollment{Subscriber: *c.Subscriber, Dependents: append([]Member(nil), c.Dependents...)}
		e.Subscriber.Effective = effective
		for i := range e.Dependents {
			e.Dependents[i].Effective = effective
		}
		return e, nil
	case ChangeAddDependent:
		return &RenewalAddition{Subscriber: c.Family, Dependents: c.Dependents, Effective: effective}, nil
	case ChangeTerminate:
		return &Termination{Family: c.Family, Member: c.Member, Date: c.lastDay(effective), Reason: c.Reason}, nil
	}
	return nil, FieldError("kind", "%q is not a renewal change (enroll, add_dependent, terminate)", c.Kind)
}

// RenewalAddition adds dependents to an enrolled family at renewal, open
// enrollment: no life event or window applies, the family's other rules
// (one spouse or partner, children under 26) do.
type RenewalAddition struct {
	Subscriber string
	Dependents []Member
	Effective  Date
}

// SubscriberID is the family the dependents join.
func (a *RenewalAddition) SubscriberID() string { return a.Subscriber }

// Apply adds the dependents from the renewal date.
func (a *RenewalAddition) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	switch {
	case len(fam) == 0:
		return Outcome{}, Errorf(ENOTFOUND, "There is no subscriber %s.", a.Subscriber)
	case !covered(&fam[0]):
		return Outcome{}, Errorf(EINVALID, "%s's coverage has ended; enroll them again instead.", fam[0].FullName())
	case len(a.Dependents) == 0:
		return Outcome{}, FieldError("dependents", "name the dependents who join")
	}
	sub := fam[0]
	out := Outcome{Family: cloneFamily(fam), Notes: map[string]string{}}
	for _, d := range a.Dependents {
		if d.Relationship == RelEmployee {
			return Outcome{}, FieldError("relationship", "a dependent cannot be an employee")
		}
		d = joinFamily(d, &sub, c)
		d.Effective, d.Status = a.Effective, startStatus(a.Effective, c.Today)
		out.Family = append(out.Family, d)
		out.Notes[d.ID] = fmt.Sprintf("%s added as %s of %s at renewal, effective %s", d.FullName(),
			strings.ToLower(d.Relationship.Label()), sub.FullName(), a.Effective.US())
	}
	retier(out.Family)
	if out.Family[0].Tier != sub.Tier {
		out.Notes[sub.ID] = fmt.Sprintf("%s's coverage tier changed from %s to %s", sub.FullName(), sub.Tier.Label(), out.Family[0].Tier.Label())
	}
	return out, validateFamily(fam, out.Family, c.Today)
}

// ApplyRenewalChanges runs the changes on the group's families in order,
// as of the day they were asked for (c.Today), and returns the families
// after them and what each change that failed says, by its position. The
// input is not changed.
func ApplyRenewalChanges(fams [][]Member, changes []RenewalChange, effective Date, c ChangeContext) ([][]Member, map[int]error) {
	out := append([][]Member(nil), fams...)
	at := make(map[string]int, len(fams))
	for i, fam := range fams {
		if len(fam) > 0 {
			at[fam[0].ID] = i
		}
	}
	errs := map[int]error{}
	for k := range changes {
		ch, err := changes[k].FamilyChange(effective)
		if err == nil {
			err = applyOne(&out, at, ch, c)
		}
		if err != nil {
			errs[k] = err
		}
	}
	return out, errs
}

func applyOne(fams *[][]Member, at map[string]int, ch FamilyChange, c ChangeContext) error {
	var fam []Member
	i, known := at[ch.SubscriberID()]
	if ch.SubscriberID() != "" {
		if !known {
			return Errorf(ENOTFOUND, "There is no subscriber %s in this group.", ch.SubscriberID())
		}
		fam = (*fams)[i]
	}
	o, err := ch.Apply(fam, c)
	if err != nil {
		return err
	}
	if !known {
		at[o.Family[0].ID] = len(*fams)
		*fams = append(*fams, o.Family)
		return nil
	}
	(*fams)[i] = o.Family
	return nil
}

// PlanMoves are the coverage changes that put each family covered on the
// renewal date on the plan its plan renews into.
func PlanMoves(fams [][]Member, mapping map[string]string, effective Date) []FamilyChange {
	var out []FamilyChange
	for _, fam := range fams {
		if len(fam) == 0 || !fam[0].CoveredOn(effective) {
			continue
		}
		to, ok := mapping[fam[0].PlanID]
		if ok && to != fam[0].PlanID {
			out = append(out, &CoverageChange{Subscriber: fam[0].ID, PlanID: to, Effective: effective})
		}
	}
	return out
}
