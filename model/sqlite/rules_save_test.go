package sqlite

import (
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestSavedRulesAreTheRulesInForceAndAudited(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	rs, err := db.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs.Events {
		if rs.Events[i].Event == model.EventMarriage && rs.Events[i].State == "" {
			rs.Events[i].WindowDays = 45
		}
	}
	rs.Retro = append(rs.Retro, model.RetroRule{State: "WA", Limit: model.RetroDays, Days: 60, Source: "test"})
	auditBefore := count(t, db, "audit")
	if err := db.SaveRules(ctx, rs); err != nil {
		t.Fatal(err)
	}
	got, err := db.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if w := got.EventFor("NV", model.SegmentSmall, model.EventMarriage).WindowDays; w != 45 {
		t.Errorf("marriage window in force %d, want 45", w)
	}
	if r := got.RetroFor("", "WA"); r.Limit != model.RetroDays || r.Days != 60 {
		t.Errorf("WA retro rule in force %+v", r)
	}
	if n := count(t, db, "audit WHERE entity = 'rules'"); n != 1 || count(t, db, "audit") != auditBefore+1 {
		t.Errorf("%d audit entries for the rules", n)
	}
	if n := count(t, db, "outbox"); n != 0 {
		t.Errorf("a rules change was queued for sync: %d operations", n)
	}
}

func TestRulesChangesAreRefusedWhenNotAllowedOrNotSound(t *testing.T) {
	db := openTestDB(t)
	rs, err := db.Rules(ownerCtx())
	if err != nil {
		t.Fatal(err)
	}
	broker := model.WithPrincipal(context.Background(), &model.Principal{UserID: "b", Grants: map[string]model.Role{"g": model.RoleBroker}})
	if err := db.SaveRules(broker, rs); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("a broker changed the rules: %v", err)
	}
	rs.Events[0].WindowDays = 0
	if err := db.SaveRules(ownerCtx(), rs); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("a window of no days was saved: %v", err)
	}
	if got, _ := db.Rules(ownerCtx()); got.Events[0].WindowDays == 0 {
		t.Fatal("the refused table was written")
	}
}
