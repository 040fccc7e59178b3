package e2e_test

import (
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// userWithRole returns the email of a user of the small book holding role
// in the group.
func userWithRole(tb testing.TB, group string, role model.Role) string {
	tb.Helper()
	var email string
	err := sqlDB(tb, smallTemplate).QueryRow(`SELECT u.email FROM grants r JOIN users u ON u.id = r.user_id
		WHERE r.group_id = ? AND r.role = ? ORDER BY u.email LIMIT 1`, group, string(role)).Scan(&email)
	if err != nil {
		tb.Fatalf("no %s in the group: %v", role, err)
	}
	return email
}

// The change feed holds each record once, at its latest change: a group or
// a subscriber changed after its members were written comes after them.
// Desktops must still get every record after those it refers to, whether
// they join the group now or read on from where they were.
func TestRecordsArriveAfterWhatTheyReferTo(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	pga := svc.newSyncer(t, g.PGA)
	pga.round(t)
	broker := svc.newSyncer(t, small.Groups[0].Brokers[0])
	broker.round(t) // reads on from here after the changes below

	ctx := signedInCtx(t, pga.DB)
	// A new family, its subscriber then changed...
	fam := familyWithDependents(t, pga.DB, ctx, g.ID)
	sub, dep := fam[0], fam[1]
	sub.ID, sub.EmployeeID, sub.Version = sqlite.NewID(), sub.EmployeeID+"-N", 0
	if err := pga.DB.CreateMember(ctx, &sub); err != nil {
		t.Fatal(err)
	}
	dep.ID, dep.SubscriberID, dep.EmployeeID, dep.Version = sqlite.NewID(), sub.ID, sub.EmployeeID, 0
	if err := pga.DB.CreateMember(ctx, &dep); err != nil {
		t.Fatal(err)
	}
	sub.Phone = "212-555-0199"
	if err := pga.DB.UpdateMember(ctx, &sub); err != nil {
		t.Fatal(err)
	}
	// ...an existing subscriber with dependents changed, and the group.
	old := fam[0]
	old.Phone = "212-555-0198"
	if err := pga.DB.UpdateMember(ctx, &old); err != nil {
		t.Fatal(err)
	}
	grp, err := pga.DB.Group(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	grp.ContactName = "Pat Newcontact"
	if err := pga.DB.UpdateGroup(ctx, &grp); err != nil {
		t.Fatal(err)
	}
	if rep := pga.round(t); rep.Applied != 5 {
		t.Fatalf("the PGA's push: %+v", rep)
	}

	server := sqlDB(t, svc.DBPath)
	broker.round(t)
	sameMembers(t, sqlDB(t, broker.Path), server, g.ID)
	newcomer := svc.newSyncer(t, userWithRole(t, g.ID, model.RoleReadOnly))
	newcomer.round(t)
	sameMembers(t, sqlDB(t, newcomer.Path), server, g.ID)
	if got, err := newcomer.DB.Group(signedInCtx(t, newcomer.DB), g.ID); err != nil || got.ContactName != "Pat Newcontact" {
		t.Fatalf("the newcomer's group: %+v %v", got.ContactName, err)
	}
}

// familyWithDependents returns a family of the group with at least one
// dependent, subscriber first.
func familyWithDependents(tb testing.TB, db *sqlite.DB, ctx context.Context, group string) []model.Member {
	tb.Helper()
	page, err := db.Members(ctx, model.MemberQuery{GroupID: group, Relationship: model.RelSpouse, Status: model.StatusActive, Limit: 1})
	if err != nil || len(page.Members) == 0 {
		tb.Fatalf("no spouse in the group: %v", err)
	}
	fam, err := db.Family(ctx, page.Members[0].SubscriberID)
	if err != nil || len(fam) < 2 {
		tb.Fatalf("the family: %d %v", len(fam), err)
	}
	return fam
}
