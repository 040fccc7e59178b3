package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// MoveApplication is the carrier's decision on an application: in review,
// needs information (with a note saying what), approved, active. An
// approved application becomes a group with its members, and its
// applicant gets access to it (a broker as the group's broker, anyone
// else as its Primary Group Administrator), all in one transaction.
func (db *DB) MoveApplication(ctx context.Context, id string, to model.ApplicationStatus, note string) (model.Application, error) {
	var a model.Application
	err := db.update(ctx, func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier decides on applications.")
		}
		if err := applicationIn(tx.ctx, tx, id, &a); err != nil {
			return err
		}
		before := a
		if err := model.CheckMove(a.Status, to, true); err != nil {
			return err
		}
		if to == model.AppNeedsInfo && strings.TrimSpace(note) == "" {
			return model.Errorf(model.EINVALID, "Say what information is needed (--note).")
		}
		if to == model.AppApproved {
			if err := tx.becomeGroup(&a); err != nil {
				return fmt.Errorf("creating the group: %w", err)
			}
		}
		a.History = append(append([]model.StatusChange(nil), a.History...),
			model.StatusChange{At: tx.now, By: tx.who.Name, From: a.Status, To: to, Note: strings.TrimSpace(note)})
		a.Status = to
		return tx.writeApplication(&a, &before)
	})
	return a, err
}

// becomeGroup creates the group of an approved application, its members
// from the census, and the applicant's grant.
func (tx *Tx) becomeGroup(a *model.Application) error {
	cat, err := tx.db.Catalog(tx.ctx)
	if err != nil {
		return err
	}
	areas, err := model.NewAreaIndex(cat.Areas)
	if err != nil {
		return err
	}
	g, err := tx.newGroup(a, areas)
	if err != nil {
		return err
	}
	if err := tx.createGroup(g); err != nil {
		return err
	}
	a.GroupID = g.ID
	if err := tx.censusMembers(a, g); err != nil {
		return err
	}
	return tx.applicantGrant(a, g)
}

func (tx *Tx) newGroup(a *model.Application, areas *model.AreaIndex) (*model.Group, error) {
	var n int
	if err := tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM groups`).Scan(&n); err != nil {
		return nil, err
	}
	area, _ := areas.Lookup(a.Company.Address.ZIP)
	c := a.Company
	return &model.Group{
		Number: fmt.Sprintf("NG-%06d", n+1), Name: c.LegalName, FEIN: c.FEIN, Industry: c.Industry,
		Segment: model.SegmentFor(a.EmployeesEligible), Address: c.Address, RatingArea: area,
		EffectiveDate: a.Effective, RenewalDate: a.Effective.AddYears(1), Delivery: model.DeliveryOnline,
		ContactName: c.ContactName, ContactEmail: c.ContactEmail,
	}, nil
}

// censusMembers enrolls the census: each family in the plan its employee
// chose (if offered) or the first plan offered, effective on the
// application's date.
func (tx *Tx) censusMembers(a *model.Application, g *model.Group) error {
	status := model.StatusActive
	if a.Effective.After(model.DateOf(tx.now)) {
		status = model.StatusPending
	}
	for _, fam := range families(a.Census) {
		deps := make([]model.Relationship, 0, len(fam)-1)
		for _, p := range fam[1:] {
			deps = append(deps, p.Relationship)
		}
		var sub *model.Member
		for _, p := range fam {
			m := &model.Member{GroupID: g.ID, EmployeeID: fam[0].EmployeeID, Relationship: p.Relationship,
				FirstName: p.FirstName, LastName: p.LastName, DateOfBirth: p.DateOfBirth, Gender: p.Gender, Tobacco: p.Tobacco,
				Address: model.Address{ZIP: p.ZIP}, Status: status, Effective: a.Effective, Tier: model.TierFor(deps),
				PlanID: offeredPlan(a, fam[0].PlanID)}
			if m.Address.ZIP == "" {
				m.Address.ZIP = fam[0].ZIP
			}
			if sub != nil {
				m.SubscriberID = sub.ID
			}
			if err := tx.createMember(m); err != nil {
				return fmt.Errorf("%s %s: %w", p.FirstName, p.LastName, err)
			}
			if sub == nil {
				sub = m
			}
		}
	}
	return nil
}

// families groups a census as PrepareCensus does: a dependent joins the
// employee of its employee ID, or the one before it when it has none.
func families(census []model.QuotePerson) [][]model.QuotePerson {
	var out [][]model.QuotePerson
	at := map[string]int{}
	for _, p := range census {
		if p.Relationship == model.RelEmployee {
			at[p.EmployeeID] = len(out)
			out = append(out, []model.QuotePerson{p})
			continue
		}
		f, ok := at[p.EmployeeID]
		if p.EmployeeID == "" && len(out) > 0 {
			f, ok = len(out)-1, true
		}
		if ok {
			out[f] = append(out[f], p)
		}
	}
	return out
}

func offeredPlan(a *model.Application, chose string) string {
	for _, id := range a.PlanIDs {
		if id == chose {
			return id
		}
	}
	return a.PlanIDs[0]
}

func (tx *Tx) applicantGrant(a *model.Application, g *model.Group) error {
	var kind string
	if err := tx.QueryRowContext(tx.ctx, `SELECT kind FROM users WHERE id = ?`, a.OwnerID).Scan(&kind); err != nil {
		return nil // an applicant this service does not know (a local test database): no one to grant
	}
	role := model.RolePGA
	if model.UserKind(kind) == model.UserBroker {
		role = model.RoleBroker
	}
	return tx.saveGrant(&model.Grant{UserID: a.OwnerID, GroupID: g.ID, Role: role, GrantedBy: tx.who.UserID})
}
