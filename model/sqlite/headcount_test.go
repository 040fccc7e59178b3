package sqlite

import (
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestCoverageSpansGiveEachMembersDates(t *testing.T) {
	db := openTestDB(t)
	g := seedGroup(t, db)
	enrolFamily(t, db, g, "E1", "P1", model.TierES, false, model.StatusActive, "1980-07-01", [2]string{"spouse", "1982-07-01"})
	enrolFamily(t, db, g, "E4", "P1", model.TierEE, false, model.StatusTerminated, "1960-01-01")
	spans, err := db.CoverageSpans(ownerCtx(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	subs, ended := 0, 0
	for _, s := range spans {
		if s.Subscriber {
			subs++
		}
		if s.Termination == model.MustDate("2026-03-31") {
			ended++
		}
		if s.Effective.IsZero() {
			t.Errorf("a span without an effective date: %+v", s)
		}
	}
	if len(spans) != 3 || subs != 2 || ended != 1 {
		t.Fatalf("spans %+v: want 3 members, 2 subscribers, 1 ended", spans)
	}
	stranger := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u", Grants: map[string]model.Role{}})
	if _, err := db.CoverageSpans(stranger, g.ID); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("someone without access: %v", err)
	}
}
