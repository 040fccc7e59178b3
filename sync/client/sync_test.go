package client_test

import (
	"encoding/json"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/synctest"
)

// someSubscriber returns an active subscriber of the group on a desktop.
func someSubscriber(t *testing.T, d *synctest.Desktop, group string) model.Member {
	t.Helper()
	page, err := d.DB.Members(d.Ctx(t), model.MemberQuery{GroupID: group, Relationship: model.RelEmployee, Status: model.StatusActive, Limit: 1})
	if err != nil || len(page.Members) == 0 {
		t.Fatalf("no subscriber of %s on the desktop of %s: %v", group, d.User.Email, err)
	}
	return page.Members[0]
}

func TestTwoDesktopsEditingTheSameMemberOfflineShowOneConflictAndKeepBothVersions(t *testing.T) {
	svc := synctest.NewService(t, 800)
	pga, group := svc.UserWithRole(t, model.RolePGA)
	clerk, clerkGroup := svc.UserWithRole(t, model.RoleMembership)
	if clerkGroup != group {
		t.Skip("the demo book's membership user is in another group")
	}
	a, b := svc.NewDesktop(t, pga), svc.NewDesktop(t, clerk)
	a.Round(t)
	b.Round(t)
	ma, mb := someSubscriber(t, a, group), someSubscriber(t, b, group)
	if ma.ID != mb.ID {
		t.Fatal("the desktops list different first subscribers")
	}
	ma.Phone, mb.Phone = "415-555-0101", "415-555-0202"
	if err := a.DB.UpdateMember(a.Ctx(t), &ma); err != nil {
		t.Fatal(err)
	}
	if err := b.DB.UpdateMember(b.Ctx(t), &mb); err != nil {
		t.Fatal(err)
	}
	if rep := a.Round(t); rep.Applied != 1 {
		t.Fatalf("the first desktop's push: %+v", rep)
	}
	if rep := b.Round(t); rep.Conflicts != 1 {
		t.Fatalf("the second desktop's push: %+v", rep)
	}
	b.Round(t) // a further round changes nothing
	held, err := b.DB.Held(b.Ctx(t))
	if err != nil || len(held) != 1 {
		t.Fatalf("want exactly one conflict, got %d (%v)", len(held), err)
	}
	var server model.Member
	if err := json.Unmarshal(held[0].ServerCopy, &server); err != nil || server.Phone != "415-555-0101" {
		t.Fatalf("the conflict does not hold the server's version: %s", held[0].ServerCopy)
	}
	local, _ := b.DB.Member(b.Ctx(t), mb.ID)
	if local.Phone != "415-555-0202" {
		t.Fatalf("the local version was overwritten: %s", local.Phone)
	}
	// Keeping mine pushes it on top of the server's version.
	if err := b.DB.KeepMine(b.Ctx(t), held[0].ID); err != nil {
		t.Fatal(err)
	}
	if rep := b.Round(t); rep.Applied != 1 {
		t.Fatalf("after keeping mine: %+v", rep)
	}
	a.Round(t)
	final, _ := a.DB.Member(a.Ctx(t), ma.ID)
	if final.Phone != "415-555-0202" {
		t.Fatalf("the first desktop has %s after the resolution", final.Phone)
	}
}

func TestAPushWhoseAnswerIsLostIsRetriedAndAppliedOnce(t *testing.T) {
	svc := synctest.NewService(t, 600)
	pga, group := svc.UserWithRole(t, model.RolePGA)
	d := svc.NewDesktop(t, pga)
	d.Round(t)
	m := someSubscriber(t, d, group)
	base := m.Version
	m.Email = "lost.answer@example.com"
	if err := d.DB.UpdateMember(d.Ctx(t), &m); err != nil {
		t.Fatal(err)
	}
	d.Transport.DropAnswers = 1
	if _, err := d.Syncer.Round(t.Context()); err == nil {
		t.Fatal("the round with a lost answer reported success")
	}
	if ops, _ := d.DB.PendingOps(t.Context(), 10); len(ops) != 1 {
		t.Fatalf("after the lost answer %d operations wait, want 1", len(ops))
	}
	rep := d.Round(t)
	if rep.Applied != 1 {
		t.Fatalf("the retry: %+v", rep)
	}
	sys := model.WithPrincipal(t.Context(), &model.Principal{System: true})
	got, _ := svc.DB.Member(sys, m.ID)
	if got.Version != base+1 || got.Email != m.Email {
		t.Fatalf("the server's member is at version %d, want %d (applied once)", got.Version, base+1)
	}
	local, _ := d.DB.Member(d.Ctx(t), m.ID)
	if local.Version != got.Version {
		t.Fatalf("the desktop's version %d differs from the server's %d", local.Version, got.Version)
	}
}

func TestAReadOnlyUsersEditIsRefusedAndTheRefusalIsKept(t *testing.T) {
	svc := synctest.NewService(t, 600)
	reader, group := svc.UserWithRole(t, model.RoleReadOnly)
	d := svc.NewDesktop(t, reader)
	d.Round(t)
	m := someSubscriber(t, d, group)
	m.LastName = "Offline"
	err := d.DB.UpdateMember(d.Ctx(t), &m)
	if model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("the desktop let a read-only user edit offline: %v", err)
	}
}

// A first sync tells its progress after every page it stores: the counts
// only grow, pages of the desktop's size, and the last is the round's.
func TestAFirstSyncTellsItsProgressPageByPage(t *testing.T) {
	svc := synctest.NewService(t, 800)
	pga, _ := svc.UserWithRole(t, model.RolePGA)
	d := svc.NewDesktop(t, pga)
	d.Syncer.PageLimit = 50
	var seen []int
	d.Syncer.Progress = func(rep client.Report) { seen = append(seen, rep.Pulled) }
	rep := d.Round(t)
	if len(seen) < 3 || seen[len(seen)-1] != rep.Pulled {
		t.Fatalf("progress %v for a round that pulled %d changes in pages of 50", seen, rep.Pulled)
	}
	for i, n := range seen {
		// Pages that arrived while the one before was stored are stored
		// with it: a report says one page more, or a few (five at most).
		prev := 0
		if i > 0 {
			prev = seen[i-1]
		}
		if n <= prev || n-prev > 5*50 {
			t.Fatalf("progress %v: report %d (%d changes) is not one more page or a few", seen, i, n)
		}
	}
	seen = nil
	if again := d.Round(t); again.Pulled != 0 || len(seen) != 0 {
		t.Fatalf("a round with nothing new pulled %d and told progress %v", again.Pulled, seen)
	}
}
