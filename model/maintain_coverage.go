package model

import (
	"fmt"
	"strings"
)

// CoverageChange moves a family to another plan, or to a smaller tier by
// dropping dependents, from an effective date (the first of a month).
type CoverageChange struct {
	Subscriber string
	Version    int64 // the subscriber's version as read; 0 skips the check
	PlanID     string
	Effective  Date
	// Drop lists dependents whose coverage ends the day before Effective.
	Drop []string
}

// SubscriberID is the family whose coverage changes.
func (cc *CoverageChange) SubscriberID() string { return cc.Subscriber }

// Apply changes the plan and drops dependents.
func (cc *CoverageChange) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	if _, err := findMember(fam, cc.Subscriber, cc.Version); err != nil {
		return Outcome{}, err
	}
	if fam[0].Status == StatusTerminated {
		return Outcome{}, Errorf(EINVALID, "%s's coverage has ended; reinstate them first.", fam[0].FullName())
	}
	if err := firstOf(c.checkPlan(cc.PlanID), c.checkStart(cc.Effective), cc.checkFirstOfMonth()); err != nil {
		return Outcome{}, err
	}
	out := Outcome{Family: cloneFamily(fam), Notes: map[string]string{}}
	before := fam[0].Tier
	for _, id := range cc.Drop {
		if err := cc.drop(&out, id); err != nil {
			return Outcome{}, err
		}
	}
	for i := range out.Family {
		m := &out.Family[i]
		if !covered(m) || m.PlanID == cc.PlanID {
			continue
		}
		out.Notes[m.ID] = fmt.Sprintf("%s moves from %s to %s on %s", m.FullName(), c.planName(m.PlanID), c.planName(cc.PlanID), cc.Effective.US())
		// The status stays: the family is covered on the old plan until then.
		m.PlanID, m.Effective = cc.PlanID, cc.Effective
	}
	retier(out.Family)
	if after := out.Family[0].Tier; after != before {
		out.Notes[fam[0].ID] = strings.TrimSpace(out.Notes[fam[0].ID] + fmt.Sprintf(" Coverage tier from %s to %s on %s.", before.Label(), after.Label(), cc.Effective.US()))
	}
	if len(out.Notes) == 0 {
		return Outcome{}, Errorf(EINVALID, "Nothing changes: the family is already on %s.", c.planName(cc.PlanID))
	}
	return out, validateFamily(fam, out.Family, c.Today)
}

func (cc *CoverageChange) checkFirstOfMonth() error {
	if cc.Effective.Day != 1 {
		return FieldError("effective_date", "coverage changes take effect on the first of a month, not on %s", cc.Effective)
	}
	return nil
}

// drop ends a dependent's coverage the day before the change.
func (cc *CoverageChange) drop(out *Outcome, id string) error {
	i, err := findMember(out.Family, id, 0)
	switch {
	case err != nil:
		return err
	case i == 0:
		return FieldError("drop", "the subscriber cannot be dropped from their own coverage; terminate them instead")
	case !covered(&out.Family[i]):
		return nil
	}
	m := &out.Family[i]
	m.Status, m.Termination, m.TermReason = StatusTerminated, cc.Effective.AddDays(-1), "Dropped at coverage change"
	if m.Termination.Before(m.Effective) {
		m.Termination = m.Effective
	}
	out.Notes[m.ID] = fmt.Sprintf("%s's coverage ends on %s (dropped at the coverage change)", m.FullName(), m.Termination.US())
	return nil
}

// DemographicsUpdate changes a member's personal details: name, birth
// date, gender, SSN, tobacco use, contact, address and, for a subscriber,
// employment. Coverage fields are left alone (they change through the other
// operations, with their rules).
type DemographicsUpdate struct {
	Member Member // the edited member; its Version is the version it was read at
}

// SubscriberID is the family of the member.
func (u *DemographicsUpdate) SubscriberID() string {
	if u.Member.SubscriberID != "" {
		return u.Member.SubscriberID
	}
	return u.Member.ID
}

// Apply copies the personal fields onto the stored member.
func (u *DemographicsUpdate) Apply(fam []Member, c ChangeContext) (Outcome, error) {
	i, err := findMember(fam, u.Member.ID, u.Member.Version)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Family: cloneFamily(fam), Notes: map[string]string{}}
	m, e := &out.Family[i], u.Member
	m.FirstName, m.MiddleName, m.LastName = strings.TrimSpace(e.FirstName), strings.TrimSpace(e.MiddleName), strings.TrimSpace(e.LastName)
	m.DateOfBirth, m.Gender, m.Tobacco = e.DateOfBirth, e.Gender, e.Tobacco
	m.Email, m.Phone, m.Address = strings.TrimSpace(e.Email), strings.TrimSpace(e.Phone), e.Address
	ssn, err := NormalizeSSN(e.SSN)
	if err != nil {
		return Outcome{}, err
	}
	m.SSN = ssn
	if i == 0 {
		m.Employment = e.Employment
		if id := strings.TrimSpace(e.EmployeeID); id != "" && id != m.EmployeeID {
			for k := range out.Family {
				out.Family[k].EmployeeID = id
			}
		}
	}
	if *m == fam[i] {
		return Outcome{}, Errorf(EINVALID, "Nothing changed.")
	}
	out.Notes[m.ID] = fmt.Sprintf("%s's details updated", m.FullName())
	return out, validateFamily(fam, out.Family, c.Today)
}
