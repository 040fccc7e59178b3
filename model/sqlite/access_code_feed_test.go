package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// An invitation reaches the desktops of those who manage the group's
// access through the change feed, without its code; the alert for it
// shows two days before it expires unused and goes once it is used.
func TestInvitationsReachTheDesktopAndTheirAlertGoesOnceUsed(t *testing.T) {
	clock := &authClock{now: time.Date(2026, 3, 2, 14, 0, 0, 0, time.UTC)}
	svc, err := OpenServer(context.Background(), filepath.Join(t.TempDir(), "accountd.db"))
	must(t, err)
	t.Cleanup(func() { svc.Close() })
	svc.Now = clock.Now
	g := model.Group{ID: "g1", Number: "G-1", Name: "Acme Tools", FEIN: "12-3456789", Segment: model.SegmentSmall,
		EffectiveDate: model.MustDate("2020-01-01")}
	pga := model.User{ID: "u1", Email: "pat@example.com", Name: "Pat Admin", Kind: model.UserEmployer}
	book := &model.Book{Groups: []model.Group{g}, Users: []model.User{pga}}
	must(t, svc.Load(ownerCtx(), book, nil))
	pgaCtx := model.WithPrincipal(context.Background(), &model.Principal{UserID: pga.ID, Name: pga.Name, Grants: map[string]model.Role{g.ID: model.RolePGA}})
	inv := model.AccessCode{Purpose: model.CodeInvite, GroupID: g.ID, Role: model.RoleMembership, Email: "mo@example.com", Name: "Mo Clerk"}
	code, err := svc.CreateAccessCode(pgaCtx, &inv)
	must(t, err)

	manages := []FeedScope{{GroupID: g.ID, Entities: map[string]bool{model.EntityAccessCode: true}}}
	changes, _, _, err := svc.TailChanges(pgaCtx, manages, 0, 100)
	must(t, err)
	if len(changes) != 1 || changes[0].Entity != model.EntityAccessCode || changes[0].ID != inv.ID {
		t.Fatalf("the feed holds %+v, want the invitation", changes)
	}
	if data := string(changes[0].Data); strings.Contains(data, code) || strings.Contains(data, "hash") {
		t.Fatalf("the feed carries the code or its hash: %s", data)
	}
	others, _, _, err := svc.TailChanges(pgaCtx, []FeedScope{{GroupID: g.ID, Entities: map[string]bool{model.EntityMember: true}}}, 0, 100)
	must(t, err)
	if len(others) != 0 {
		t.Fatalf("a reader who does not manage access gets %+v", others)
	}

	desk := openTestDB(t)
	desk.Now = clock.Now
	must(t, desk.Load(ownerCtx(), book, nil))
	must(t, desk.ApplyChanges(ownerCtx(), changes, "c1"))
	pending, err := desk.PendingInvitations(pgaCtx, []string{g.ID})
	must(t, err)
	if len(pending) != 1 || pending[0].Email != inv.Email || !pending[0].ExpiresAt.Equal(inv.ExpiresAt) {
		t.Fatalf("the desktop's pending invitations: %+v", pending)
	}
	if got, err := desk.PendingInvitations(model.WithPrincipal(context.Background(), &model.Principal{UserID: "m",
		Grants: map[string]model.Role{g.ID: model.RoleMembership}}), []string{g.ID}); err != nil || len(got) != 0 {
		t.Fatalf("a Membership user is shown the invitations: %+v %v", got, err)
	}
	names := map[string]string{g.ID: g.Name}
	if as := model.AccessCodeAlerts(pending, clock.now.Add(3*24*time.Hour), names); len(as) != 0 {
		t.Fatalf("four days before it expires: %+v", as)
	}
	as := model.AccessCodeAlerts(pending, inv.ExpiresAt.Add(-30*time.Hour), names)
	if len(as) != 1 || as[0].Kind != model.AlertAccessCodeExpiring || as[0].Group != "Acme Tools" || !strings.Contains(as[0].Text, "Mo Clerk") {
		t.Fatalf("30 hours before it expires: %+v", as)
	}

	clock.advance(5 * 24 * time.Hour)
	_, err = svc.RedeemAccessCode(context.Background(), code, model.User{Name: "Mo Clerk", Email: inv.Email}, "a long new password")
	must(t, err)
	changes, _, _, err = svc.TailChanges(pgaCtx, manages, changes[0].Seq, 100)
	must(t, err)
	must(t, desk.ApplyChanges(ownerCtx(), changes, "c2"))
	if pending, err := desk.PendingInvitations(pgaCtx, []string{g.ID}); err != nil || len(pending) != 0 {
		t.Fatalf("after registration the desktop still lists %+v (%v)", pending, err)
	}
}
