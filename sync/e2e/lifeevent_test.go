package e2e_test

import (
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// A birth reported on one desktop, and the baby enrolled for it later,
// reach the account service as the family's life event, reported then
// used, and arrive on another desktop of the group; nothing is refused.
func TestALifeEventAndTheDependentItBroughtSyncToAnotherDesktop(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	first, second := svc.newSyncer(t, g.PGA), svc.newSyncer(t, g.PGA)
	first.round(t)
	second.round(t)
	ctx := signedInCtx(t, first.DB)
	page, err := first.DB.Members(ctx, model.MemberQuery{GroupID: g.ID, Relationship: model.RelEmployee, Status: model.StatusActive, Limit: 1})
	if err != nil || len(page.Members) != 1 {
		t.Fatalf("a subscriber: %v", err)
	}
	sub := page.Members[0]
	born := model.DateOf(time.Now()).AddDays(-3)
	if _, _, err := first.DB.SaveMemberChange(ctx, g.ID, &model.LifeEventReport{Subscriber: sub.ID, Event: model.EventBirth, EventDate: born}); err != nil {
		t.Fatal(err)
	}
	if rep := first.round(t); rep.Pushed != 1 || rep.Applied != 1 || rep.Refused != 0 {
		t.Fatalf("pushing the report: %+v", rep)
	}
	server, desk1, desk2 := sqlDB(t, svc.DBPath), sqlDB(t, first.Path), sqlDB(t, second.Path)
	if n := count(t, server, `SELECT count(*) FROM life_events WHERE subscriber_id = ? AND status = 'open'`, sub.ID); n != 1 {
		t.Fatalf("the service holds %d open life events for the family, want the birth", n)
	}
	second.round(t)
	if n := count(t, desk2, `SELECT count(*) FROM life_events WHERE subscriber_id = ? AND status = 'open'`, sub.ID); n != 1 {
		t.Fatalf("the other desktop holds %d open life events for the family after sync, want the birth", n)
	}

	baby := model.Member{FirstName: "Zoë", LastName: sub.LastName, Relationship: model.RelChild, DateOfBirth: born,
		Gender: model.GenderUnknown, Address: sub.Address}
	out, _, err := first.DB.SaveMemberChange(ctx, g.ID, &model.DependentAddition{Subscriber: sub.ID, Dependent: baby, Event: model.EventBirth, EventDate: born})
	if err != nil {
		t.Fatal(err)
	}
	added := out.Family[len(out.Family)-1]
	rep := first.round(t)
	if rep.Refused != 0 || rep.Conflicts != 0 || rep.Applied != rep.Pushed || rep.Pushed < 2 {
		t.Fatalf("pushing the enrollment: %+v", rep)
	}
	outboxEmpty(t, desk1)
	var status, member string
	var version int64
	if err := server.QueryRow(`SELECT status, member_id, version FROM life_events WHERE subscriber_id = ?`, sub.ID).Scan(&status, &member, &version); err != nil {
		t.Fatal(err)
	}
	if status != "enrolled" || member != added.ID || version != 2 {
		t.Fatalf("the service's life event: %s, member %q, version %d; want enrolled, %q, 2", status, member, version, added.ID)
	}
	second.round(t)
	if err := desk2.QueryRow(`SELECT status, member_id, version FROM life_events WHERE subscriber_id = ?`, sub.ID).Scan(&status, &member, &version); err != nil {
		t.Fatal(err)
	}
	if status != "enrolled" || member != added.ID || version != 2 {
		t.Fatalf("the other desktop's life event: %s, member %q, version %d", status, member, version)
	}
	sameMembers(t, desk2, server, g.ID)
}
