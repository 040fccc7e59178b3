package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// maintNow is the clock of the maintenance tests: June 17, 2026.
var maintNow = time.Date(2026, time.June, 17, 15, 0, 0, 0, time.UTC)

func maintCtx() context.Context { return model.WithPrincipal(context.Background(), model.LocalOwner) }

// maintDB opens a store holding a California small group and two plans.
func maintDB(t *testing.T) (*sqlite.DB, *model.Group) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "maint.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return maintNow }
	ctx := maintCtx()
	for _, p := range []*model.Plan{maintPlan("P1", "Gold PPO", 44000), maintPlan("P2", "Bronze HMO", 30000)} {
		if err := db.SavePlan(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	g := &model.Group{Number: "G-7", Name: "Rivera Bakery", Segment: model.SegmentSmall, RatingArea: "area-1",
		Address:       model.Address{Line1: "1 Main St", City: "Fresno", State: "CA", ZIP: "93721"},
		EffectiveDate: model.MustDate("2020-01-01"), RenewalDate: model.MustDate("2027-01-01")}
	if err := db.CreateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	return db, g
}

func maintPlan(id, name string, base model.Money) *model.Plan {
	return &model.Plan{ID: id, Name: name, Type: model.PlanPPO, Metal: model.MetalGold, Year: 2026,
		Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018", BaseRates: map[string]model.Money{"area-1": base}}}
}

func newPerson(rel model.Relationship, first, born string) model.Member {
	return model.Member{Relationship: rel, FirstName: first, LastName: "Rivera", DateOfBirth: model.MustDate(born),
		Gender: model.GenderUnknown, Address: model.Address{ZIP: "93721"}}
}

// enrollRiveras enrolls Ann with her husband and two children.
func enrollRiveras(t *testing.T, db *sqlite.DB, g *model.Group) []model.Member {
	t.Helper()
	sub := newPerson(model.RelEmployee, "Ann", "1980-03-02")
	sub.EmployeeID, sub.PlanID, sub.Effective = "E1", "P1", model.MustDate("2026-06-01")
	e := &model.Enrollment{Subscriber: sub, Dependents: []model.Member{
		newPerson(model.RelSpouse, "Bob", "1981-07-09"), newPerson(model.RelChild, "Cat", "2010-01-20"), newPerson(model.RelChild, "Dan", "2014-11-05")}}
	out, _, err := db.SaveMemberChange(maintCtx(), g.ID, e)
	if err != nil {
		t.Fatal(err)
	}
	return out.Family
}

// rowCount counts rows straight from the file.
func rowCount(t *testing.T, db *sqlite.DB, table string) int {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEnrollingAFamilyIsOneAuditedChange(t *testing.T) {
	db, g := maintDB(t)
	audit, outbox := rowCount(t, db, "audit"), rowCount(t, db, "outbox")
	fam := enrollRiveras(t, db, g)
	if len(fam) != 4 || fam[0].Tier != model.TierFAM || fam[3].SubscriberID != fam[0].ID || fam[0].Version != 1 {
		t.Fatalf("family %+v", fam)
	}
	if got := rowCount(t, db, "audit") - audit; got != 4 {
		t.Errorf("%d audit entries, want 4", got)
	}
	if got := rowCount(t, db, "outbox") - outbox; got != 4 {
		t.Errorf("%d outbox operations, want 4", got)
	}
	stored, err := db.Family(maintCtx(), fam[0].ID)
	if err != nil || len(stored) != 4 || stored[1].FirstName != "Bob" {
		t.Fatalf("stored family %v, %v", stored, err)
	}
}

func TestPreviewShowsThePremiumEffectAndSavesNothing(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	audit := rowCount(t, db, "audit")
	term := &model.Termination{Family: fam[0].ID, Member: fam[1].ID, Version: fam[1].Version, Date: model.MustDate("2026-06-30"), Reason: "Divorce or legal separation"}
	out, eff, err := db.PreviewMemberChange(maintCtx(), g.ID, term)
	if err != nil {
		t.Fatal(err)
	}
	// Bob is 45 on the plan year's start (2026-01-01): 440.00 × 1.397 = 614.68.
	if eff.Delta() != -61468 || eff.Before <= eff.After {
		t.Errorf("effect %s (delta %s), want -$614.68", eff, eff.Delta())
	}
	if out.Family[1].Status != model.StatusTerminated {
		t.Errorf("the preview does not end Bob's coverage: %+v", out.Family[1])
	}
	if rowCount(t, db, "audit") != audit {
		t.Error("a preview wrote to the audit log")
	}
	if bob, _ := db.Member(maintCtx(), fam[1].ID); bob.Status != model.StatusActive {
		t.Errorf("a preview changed Bob: %s", bob.Status)
	}
}

func TestTerminatingADependentSavesTheFamilysNewTier(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	_, _, err := db.SaveMemberChange(maintCtx(), g.ID, &model.Termination{Family: fam[0].ID, Member: fam[1].ID, Version: 1,
		Date: model.MustDate("2026-06-30"), Reason: "Divorce or legal separation"})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := db.Family(maintCtx(), fam[0].ID)
	if stored[0].Tier != model.TierEC || stored[1].Status != model.StatusTerminated || stored[1].Version != 2 {
		t.Fatalf("after: ann %s, bob %s v%d", stored[0].Tier, stored[1].Status, stored[1].Version)
	}
	hist, _ := db.History(maintCtx(), model.EntityMember, fam[1].ID)
	if last := hist[len(hist)-1]; !strings.Contains(last.Summary, "coverage ends on 06/30/2026") {
		t.Errorf("history says %q", last.Summary)
	}
	_, _, err = db.SaveMemberChange(maintCtx(), g.ID, &model.Termination{Family: fam[0].ID, Member: fam[2].ID, Version: stored[2].Version,
		Date: model.MustDate("2026-05-31"), Reason: "Other coverage"})
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "cannot end before 2026-06-01") {
		t.Fatalf("a termination before the retro limit: %v", err)
	}
}

func TestAStaleVersionIsAConflictAndWritesNothing(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	audit := rowCount(t, db, "audit")
	_, _, err := db.SaveMemberChange(maintCtx(), g.ID, &model.Termination{Family: fam[0].ID, Member: fam[0].ID, Version: 7,
		Date: model.MustDate("2026-06-30"), Reason: "x"})
	if model.ErrorCode(err) != model.ECONFLICT {
		t.Fatalf("error %v, want a conflict", err)
	}
	if rowCount(t, db, "audit") != audit {
		t.Error("a refused change wrote to the audit log")
	}
}

func TestAddingADependentRecordsTheLifeEvent(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	ctx := maintCtx()
	if _, _, err := db.SaveMemberChange(ctx, g.ID, &model.LifeEventReport{Subscriber: fam[0].ID, Event: model.EventBirth,
		EventDate: model.MustDate("2026-06-10")}); err != nil {
		t.Fatal(err)
	}
	d, err := db.MemberDeadlines(ctx, g.ID, 90)
	if err != nil || len(d.Windows) != 1 || d.Windows[0].Event.WindowCloses.String() != "2026-08-09" || d.Windows[0].Subscriber != "Ann Rivera" {
		t.Fatalf("deadlines %+v, %v (California small group: 60 days)", d, err)
	}
	baby := newPerson(model.RelChild, "Eve", "2026-06-10")
	out, _, err := db.SaveMemberChange(ctx, g.ID, &model.DependentAddition{Subscriber: fam[0].ID, Dependent: baby,
		Event: model.EventBirth, EventDate: model.MustDate("2026-06-10")})
	if err != nil {
		t.Fatal(err)
	}
	if eve := out.Family[len(out.Family)-1]; eve.Effective.String() != "2026-06-10" || eve.Version != 1 {
		t.Errorf("Eve: %+v", eve)
	}
	if d, _ := db.MemberDeadlines(ctx, g.ID, 90); len(d.Windows) != 0 {
		t.Errorf("the birth's window is still listed after Eve was added: %+v", d.Windows)
	}
	if rowCount(t, db, "life_events") != 1 {
		t.Errorf("%d life events, want the report, used", rowCount(t, db, "life_events"))
	}
}

func TestDeadlinesListChildrenTurning26(t *testing.T) {
	db, g := maintDB(t)
	sub := newPerson(model.RelEmployee, "Old", "1970-01-01")
	sub.EmployeeID, sub.PlanID, sub.Effective = "E2", "P1", model.MustDate("2026-06-01")
	kid := newPerson(model.RelChild, "Kim", "2000-08-01")
	if _, _, err := db.SaveMemberChange(maintCtx(), g.ID, &model.Enrollment{Subscriber: sub, Dependents: []model.Member{kid}}); err != nil {
		t.Fatal(err)
	}
	d, err := db.MemberDeadlines(maintCtx(), g.ID, 90)
	if err != nil || len(d.AgingOut) != 1 || d.AgingOut[0].CoverageEnds.String() != "2026-07-31" {
		t.Fatalf("aging out %+v, %v", d.AgingOut, err)
	}
}

func TestEnrollingATakenEmployeeIDIsRefused(t *testing.T) {
	db, g := maintDB(t)
	enrollRiveras(t, db, g)
	sub := newPerson(model.RelEmployee, "Zed", "1990-01-01")
	sub.EmployeeID, sub.PlanID, sub.Effective = "E1", "P1", model.MustDate("2026-07-01")
	_, _, err := db.SaveMemberChange(maintCtx(), g.ID, &model.Enrollment{Subscriber: sub})
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "already belongs to Ann Rivera") {
		t.Fatalf("error %v", err)
	}
}

func TestMaintenanceNeedsTheEditPermission(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	reader := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u", Name: "Reader", Grants: map[string]model.Role{g.ID: model.RoleReadOnly}})
	term := &model.Termination{Family: fam[0].ID, Member: fam[2].ID, Date: model.MustDate("2026-06-30"), Reason: "x"}
	if _, _, err := db.SaveMemberChange(reader, g.ID, term); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("save: %v", err)
	}
	if _, _, err := db.PreviewMemberChange(reader, g.ID, term); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("preview: %v", err)
	}
}

func TestTheRulesTableIsSeeded(t *testing.T) {
	db, _ := maintDB(t)
	rs, err := db.Rules(maintCtx())
	if err != nil {
		t.Fatal(err)
	}
	if r := rs.EventFor("CA", model.SegmentSmall, model.EventMarriage); r.WindowDays != 60 {
		t.Errorf("California small group marriage: %d days", r.WindowDays)
	}
	if r := rs.EventFor("TX", model.SegmentLarge, model.EventBirth); r.WindowDays != 30 || r.Effective != model.EffectiveOnEvent {
		t.Errorf("federal birth: %+v", r)
	}
	if r := rs.RetroFor("", "TX"); r.Limit != model.RetroCurrentMonth {
		t.Errorf("retro default: %+v", r)
	}
}
