package x12

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// Carrier names the carrier a file goes to (N1*IN, N1*PE, ISA08).
type Carrier struct {
	Name string
	ID   string // the carrier's FEIN or the ID it gave the sender
}

// carrierOf fills in what was not given: the carrier named in the group's
// newest contract, else "CARRIER".
func carrierOf(ctx context.Context, db *sqlite.DB, groupID string, c Carrier) Carrier {
	if c.Name == "" {
		if cs, err := db.Contracts(ctx, groupID); err == nil && len(cs) > 0 {
			c.Name = cs[0].Carrier
		}
	}
	if c.Name == "" {
		c.Name = "CARRIER"
	}
	return c
}

// party is the carrier's N1: its FEIN (FI) when the ID is nine digits,
// else the ID (or its name's letters) as a code the receiver assigned (94).
func (c Carrier) party() Party {
	if c.ID == "" {
		return Party{Name: c.Name, IDQual: "94", ID: ident(c.Name)}
	}
	if len(c.ID) == 9 && digitsOnly(c.ID) {
		return Party{Name: c.Name, IDQual: "FI", ID: c.ID}
	}
	return Party{Name: c.Name, IDQual: "94", ID: c.ID}
}

// Options834 say which 834 to export.
type Options834 struct {
	On       model.Date // the file's date: the full file is the enrollment on this day
	Since    model.Date // a change file of the changes recorded from this day on; zero for the full file
	Now      time.Time
	Carrier  Carrier
	Unmasked bool // members' SSNs in NM109 (NM108 34); otherwise GroupDesk's member ID (ZZ)
	Test     bool // ISA15 T
}

// Summary834 says what an export wrote.
type Summary834 struct {
	Control                 int64
	Action                  string
	Subscribers, Dependents int
	Adds, Changes, Terms    int
	Reinstatements          int
}

// Export834 writes a group's 834 from the store: the full file of its
// current enrollment (BGN08 4, every member INS03 030 / XN), or with
// o.Since the change file (BGN08 2) of the changes recorded since then in
// the audit history: additions (021), changes (001), terminations (024)
// and reinstatements (025). Each file takes the next control number. The
// file is read back and checked before it is returned.
func Export834(ctx context.Context, db *sqlite.DB, groupID string, w io.Writer, o Options834) (Summary834, error) {
	var sum Summary834
	if o.Unmasked {
		if err := model.PrincipalFrom(ctx).Check(groupID, model.PermMembersEdit); err != nil {
			return sum, err
		}
	}
	g, err := db.Group(ctx, groupID)
	if err != nil {
		return sum, err
	}
	plans, err := planMap(ctx, db)
	if err != nil {
		return sum, err
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.On.IsZero() {
		o.On = model.DateOf(o.Now)
	}
	o.Carrier = carrierOf(ctx, db, groupID, o.Carrier)
	lo := loopOptions{group: &g, plans: plans, unmasked: o.Unmasked}
	e := &Enrollment{Purpose: "00", Created: o.Now, PolicyNumber: g.Number, FileEffective: o.On, Payer: o.Carrier.party(),
		Sponsor: sponsor(&g), Employees: -1, Dependents: -1, Total: -1}
	if o.Since.IsZero() {
		e.Action = ActionVerify
		fams, err := db.GroupFamilies(ctx, groupID)
		if err != nil {
			return sum, err
		}
		n := 0
		for _, fam := range fams {
			n += len(fam)
		}
		e.Members = make([]EnrolledMember, 0, n)
		for _, fam := range fams {
			if !fam[0].IsSubscriber() || !model.EnrolledOn(&fam[0], o.On) {
				continue
			}
			for i := range fam {
				if model.EnrolledOn(&fam[i], o.On) {
					e.Members = append(e.Members, memberLoop(&fam[i], MaintAuditCompare, "XN", lo))
				}
			}
		}
	} else {
		e.Action = ActionChange
		if err := changeLoops(ctx, db, groupID, o.Since, lo, e, &sum); err != nil {
			return sum, err
		}
	}
	if e.Action == ActionChange && len(e.Members) == 0 {
		return sum, model.Errorf(model.ENOTFOUND, "Nothing an 834 carries changed for %s since %s: no file written.", g.Name, o.Since.US())
	}
	for i := range e.Members {
		if e.Members[i].Subscriber {
			sum.Subscribers++
		} else {
			sum.Dependents++
		}
	}
	e.Employees, e.Dependents, e.Total = sum.Subscribers, sum.Dependents, sum.Subscribers+sum.Dependents
	if sum.Control, err = db.NextX12Control(ctx); err != nil {
		return sum, err
	}
	e.Reference = fmt.Sprintf("%s-%d", g.Number, sum.Control)
	sum.Action = e.Action
	env := Envelope{SenderQual: "ZZ", SenderID: g.Number, ReceiverQual: "ZZ", ReceiverID: orDefault(o.Carrier.ID, o.Carrier.Name),
		Control: sum.Control, Created: o.Now, Test: o.Test}
	var buf bytes.Buffer
	buf.Grow(512 * (len(e.Members) + 8))
	if err := Write834(&buf, env, e); err != nil {
		return sum, err
	}
	if err := Validate834(buf.Bytes()); err != nil {
		return sum, fmt.Errorf("the 834 written for group %s does not validate: %w", g.Number, err)
	}
	_, err = w.Write(buf.Bytes())
	return sum, err
}

func sponsor(g *model.Group) Party {
	if len(g.FEIN) == 9 && digitsOnly(g.FEIN) {
		return Party{Name: g.Name, IDQual: "FI", ID: g.FEIN}
	}
	return Party{Name: g.Name, IDQual: "94", ID: g.Number}
}

func planMap(ctx context.Context, db *sqlite.DB) (map[string]*model.Plan, error) {
	list, err := db.Plans(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*model.Plan, len(list))
	for i := range list {
		out[list[i].ID] = &list[i]
	}
	return out, nil
}

// netChange is one member's changes in the period: the member before the
// first and after the last (nil when created or removed).
type netChange struct {
	id            string
	before, after *model.Member
	first         int
	at            time.Time // the last change
}

// changeLoops adds the member loops of the changes recorded since a day,
// families together, subscriber first.
func changeLoops(ctx context.Context, db *sqlite.DB, groupID string, since model.Date, lo loopOptions, e *Enrollment, sum *Summary834) error {
	changes, err := db.MemberChangesSince(ctx, groupID, since.Time())
	if err != nil {
		return err
	}
	byID := map[string]*netChange{}
	var list []*netChange
	for i, c := range changes {
		n := byID[c.MemberID]
		if n == nil {
			n = &netChange{id: c.MemberID, before: c.Before, first: i}
			byID[c.MemberID] = n
			list = append(list, n)
		}
		n.after, n.at = c.After, c.At
	}
	family := func(n *netChange) string {
		m := n.after
		if m == nil {
			m = n.before
		}
		if m == nil || m.IsSubscriber() {
			return n.id
		}
		return m.SubscriberID
	}
	famFirst := map[string]int{}
	for _, n := range list {
		if f, ok := famFirst[family(n)]; !ok || n.first < f {
			famFirst[family(n)] = n.first
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if fa, fb := famFirst[family(a)], famFirst[family(b)]; fa != fb {
			return fa < fb
		}
		return isSub(a) && !isSub(b)
	})
	for _, n := range list {
		maint, reason, m := classify(n)
		if maint == "" {
			continue
		}
		switch maint {
		case MaintAdd:
			sum.Adds++
		case MaintChange:
			sum.Changes++
		case MaintTerm:
			sum.Terms++
		case MaintReinstate:
			sum.Reinstatements++
		}
		e.Members = append(e.Members, memberLoop(m, maint, reason, lo))
	}
	return nil
}

func isSub(n *netChange) bool {
	m := n.after
	if m == nil {
		m = n.before
	}
	return m != nil && m.IsSubscriber()
}

// covered reports whether a record had the member covered (or waiting for
// coverage to start), before any termination.
func covered(m *model.Member) bool {
	return m != nil && m.Status != model.StatusTerminated && m.Termination.IsZero()
}

// classify gives a member's net change its maintenance type and reason,
// and the record to send; "" when nothing an 834 carries changed.
func classify(n *netChange) (maint, reason string, m *model.Member) {
	b, a := n.before, n.after
	switch {
	case b == nil && a == nil:
		return "", "", nil
	case a == nil: // removed from the roster: coverage ends the day it was removed
		rec := *b
		if rec.Termination.IsZero() {
			rec.Termination = model.DateOf(n.at.UTC())
			if rec.Termination.Before(rec.Effective) {
				rec.Termination = rec.Effective // never covered: cancelled as of its start
			}
		}
		rec.Status = model.StatusTerminated
		return MaintTerm, termReason(&rec), &rec
	case b == nil:
		if !covered(a) && a.Termination.IsZero() {
			return "", "", nil
		}
		return MaintAdd, "28", a
	case covered(b) && !covered(a):
		return MaintTerm, termReason(a), a
	case !covered(b) && covered(a):
		return MaintReinstate, "41", a
	}
	if enrollmentFields(b) == enrollmentFields(a) {
		return "", "", nil
	}
	if b.Status != model.StatusCOBRA && a.Status == model.StatusCOBRA {
		return MaintChange, "09", a // on COBRA (INS05 C)
	}
	if b.PlanID != a.PlanID || b.Tier != a.Tier {
		return MaintChange, "22", a
	}
	return MaintChange, "25", a
}

// enrollmentFields is what an 834 says about a member, to tell whether a
// change touched it.
func enrollmentFields(m *model.Member) string {
	return fmt.Sprint(m.EmployeeID, "|", m.Relationship, "|", m.FirstName, "|", m.MiddleName, "|", m.LastName, "|", m.DateOfBirth, "|",
		m.Gender, "|", m.SSN, "|", m.Tobacco, "|", m.Email, "|", m.Phone, "|", m.Address, "|", m.Employment.HireDate, "|",
		m.Employment.Status, "|", m.PlanID, "|", m.Tier, "|", m.Status, "|", m.Effective, "|", m.Termination)
}
