package demo

import (
	"strconv"

	"github.com/groupdesk/groupdesk/model"
)

// The brokerage whose book this is.
const brokerFirm = "Whitfield Benefits Partners"

// access adds the users and their grants: the carrier's account services
// (who designate each group's PGA), the broker and her account manager,
// each group's Primary Group Administrator, and Secondary users in the
// groups that have them. Each group's contact is its PGA.
func (g *gen) access(specs []*groupSpec) {
	emails := map[string]bool{}
	carrier := g.user(emails, "Carrier Account Services", "accountservices@carrier.example", model.UserCarrier, "")
	broker := g.user(emails, "Dana Whitfield", "dana@whitfieldbenefits.example", model.UserBroker, brokerFirm)
	staff := g.user(emails, "Marcus Oyelaran", "marcus@whitfieldbenefits.example", model.UserBroker, brokerFirm)
	for i, s := range specs {
		grp := &g.book.Groups[i]
		pga := g.employer(emails, s)
		grp.ContactName, grp.ContactEmail = pga.Name, pga.Email
		g.grant(pga.ID, grp.ID, model.RolePGA, carrier.ID)
		g.grant(broker.ID, grp.ID, model.RoleBroker, pga.ID)
		if s.segment == model.SegmentLarge {
			g.grant(staff.ID, grp.ID, model.RoleBroker, broker.ID)
		}
		if !s.secondaries {
			continue
		}
		for _, role := range []model.Role{model.RoleMembership, model.RoleBilling, model.RoleReadOnly} {
			g.grant(g.employer(emails, s).ID, grp.ID, role, pga.ID)
		}
	}
}

// user adds a user to the book.
func (g *gen) user(emails map[string]bool, name, email string, kind model.UserKind, firm string) model.User {
	emails[email] = true
	u := model.User{ID: g.id(g.r), Email: email, Name: name, Kind: kind, Firm: firm, Version: 1}
	g.book.Users = append(g.book.Users, u)
	return u
}

// employer adds an employee of the group with a work address there.
func (g *gen) employer(emails map[string]bool, s *groupSpec) model.User {
	weights := cultureWeightsOther[:]
	if areaByCode(s.area).state == "CA" {
		weights = cultureWeightsCA[:]
	}
	cult := &cultures[weighted(g.r, weights)]
	first := pick(g.r, cult.female)
	if chance(g.r, 0.4) {
		first = pick(g.r, cult.male)
	}
	last := pick(g.r, cult.last)
	base := fold(first) + "." + fold(last)
	local := base
	for n := 2; emails[local+"@"+s.domain]; n++ {
		local = base + strconv.Itoa(n)
	}
	return g.user(emails, first+" "+last, local+"@"+s.domain, model.UserEmployer, "")
}

// grant adds a grant made this morning.
func (g *gen) grant(userID, groupID string, role model.Role, by string) {
	g.book.Grants = append(g.book.Grants, model.Grant{ID: g.id(g.r), UserID: userID, GroupID: groupID,
		Role: role, GrantedBy: by, GrantedAt: g.stamp, Version: 1})
}
