package sqlite

import (
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestPermissions(t *testing.T) {
	db := openTestDB(t)
	owner := ownerCtx()
	a := seedGroup(t, db)
	b := fullGroup("G-200", "Beta")
	must(t, db.CreateGroup(owner, b))
	inA := subscriber(a.ID, "E1", "Anna", "Müller", "1980-06-15")
	inB := subscriber(b.ID, "E1", "Bert", "Brecht", "1980-06-15")
	must(t, db.CreateMember(owner, inA))
	must(t, db.CreateMember(owner, inB))

	reader := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u1", Name: "Rita Reader",
		Grants: map[string]model.Role{a.ID: model.RoleReadOnly}})
	clerk := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u2", Name: "Carl Clerk",
		Grants: map[string]model.Role{a.ID: model.RoleMembership}})
	nobody := context.Background()
	a0, o0 := logSizes(t, db)

	t.Run("read-only may not enrol in its group", func(t *testing.T) {
		wantCode(t, db.CreateMember(reader, subscriber(a.ID, "E2", "New", "Person", "1990-01-01")), model.EFORBIDDEN)
	})
	t.Run("read-only may not change a member of its group", func(t *testing.T) {
		m := *inA
		m.LastName = "Changed"
		wantCode(t, db.UpdateMember(reader, &m), model.EFORBIDDEN)
	})
	t.Run("read-only may not change the group", func(t *testing.T) {
		g := *a
		wantCode(t, db.UpdateGroup(reader, &g), model.EFORBIDDEN)
	})
	t.Run("only the carrier or owner creates groups and plans", func(t *testing.T) {
		wantCode(t, db.CreateGroup(clerk, fullGroup("G-300", "Gamma")), model.EFORBIDDEN)
		wantCode(t, db.SavePlan(clerk, agePlan("P9", "Nine")), model.EFORBIDDEN)
	})
	t.Run("refusals write nothing", func(t *testing.T) {
		if a, o := logSizes(t, db); a != a0 || o != o0 {
			t.Errorf("audit %d→%d, outbox %d→%d", a0, a, o0, o)
		}
	})
	t.Run("read-only sees the members of its group", func(t *testing.T) {
		page, err := db.Members(reader, model.MemberQuery{GroupID: a.ID})
		must(t, err)
		if page.Total != 1 {
			t.Errorf("total %d", page.Total)
		}
		_, err = db.Member(reader, inA.ID)
		must(t, err)
	})
	t.Run("read-only sees nothing of another group", func(t *testing.T) {
		_, err := db.Members(reader, model.MemberQuery{GroupID: b.ID})
		wantCode(t, err, model.EFORBIDDEN)
		_, err = db.CountMembers(reader, model.MemberQuery{GroupID: b.ID})
		wantCode(t, err, model.EFORBIDDEN)
		_, err = db.Group(reader, b.ID)
		wantCode(t, err, model.EFORBIDDEN)
		_, err = db.Stats(reader, b.ID, model.DateOf(testNow))
		wantCode(t, err, model.EFORBIDDEN)
		_, err = db.History(reader, model.EntityMember, inB.ID)
		wantCode(t, err, model.EFORBIDDEN)
	})
	t.Run("a member of another group is refused without its data", func(t *testing.T) {
		m, err := db.Member(reader, inB.ID)
		wantCode(t, err, model.EFORBIDDEN)
		if m.LastName != "" || m.SSN != "" {
			t.Errorf("the refusal came with the member's data: %s %s", m.LastName, m.SSN)
		}
		_, err = db.Family(reader, inB.ID)
		wantCode(t, err, model.EFORBIDDEN)
	})
	t.Run("the group list holds only the groups granted", func(t *testing.T) {
		gs, err := db.Groups(reader, "")
		must(t, err)
		if len(gs) != 1 || gs[0].ID != a.ID {
			t.Errorf("groups %+v", gs)
		}
	})
	t.Run("membership may enrol in its group and is audited by name", func(t *testing.T) {
		m := subscriber(a.ID, "E3", "Clara", "Clerked", "1990-01-01")
		must(t, db.CreateMember(clerk, m))
		hist, err := db.History(clerk, model.EntityMember, m.ID)
		must(t, err)
		if len(hist) != 1 || hist[0].Actor != "Carl Clerk" || hist[0].ActorID != "u2" {
			t.Errorf("history %+v", hist)
		}
	})
	t.Run("without a principal nothing is allowed", func(t *testing.T) {
		wantCode(t, db.CreateMember(nobody, subscriber(a.ID, "E4", "X", "Y", "1990-01-01")), model.EUNAUTH)
		_, err := db.Members(nobody, model.MemberQuery{GroupID: a.ID})
		wantCode(t, err, model.EUNAUTH)
		_, err = db.Groups(nobody, "")
		wantCode(t, err, model.EUNAUTH)
		_, err = db.Plans(nobody)
		wantCode(t, err, model.EUNAUTH)
	})
}
