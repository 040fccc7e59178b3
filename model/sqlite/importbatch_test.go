package sqlite_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// censusOf is the census that describes members exactly, with one change.
func censusOf(ms []model.Member) []model.CensusRecord {
	var out []model.CensusRecord
	for i, m := range ms {
		var has model.FieldSet
		for _, f := range model.CensusFields() {
			if m.CensusValue(f) != "" && f != model.FieldTier {
				has = has.With(f)
			}
		}
		m.ID, m.SubscriberID, m.Version = "", "", 0
		out = append(out, model.CensusRecord{Row: i + 2, Member: m, Has: has, Plan: m.PlanID})
	}
	return out
}

func importPlan(t *testing.T, db *sqlite.DB, g *model.Group, recs []model.CensusRecord) *model.ImportPlan {
	t.Helper()
	roster, err := db.ImportRoster(maintCtx(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	plans, _ := db.Plans(maintCtx())
	return model.PlanImport(roster, recs, nil, model.ImportOptions{GroupID: g.ID, File: "/tmp/census.csv",
		Today: model.DateOf(maintNow), Plans: plans, NewID: sqlite.NewID})
}

func TestApplyingAnImportThenUndoingIt(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	stored, _ := db.Family(maintCtx(), fam[0].ID)
	recs := censusOf(stored[:3]) // Dan is not in the file
	recs[1].Member.Email, recs[1].Has = "bob@example.com", recs[1].Has.With(model.FieldEmail)
	newbie := newPerson(model.RelEmployee, "Nia", "1995-05-05")
	newbie.EmployeeID, newbie.PlanID, newbie.Effective = "E9", "P2", model.MustDate("2026-07-01")
	recs = append(recs, censusOf([]model.Member{newbie})[0])
	recs[3].Row = 5
	plan := importPlan(t, db, g, recs)
	if len(plan.Adds) != 1 || len(plan.Changes) != 1 || len(plan.Terms) != 1 || plan.Errors() != 0 {
		t.Fatalf("plan %s, problems %v", plan.Summary(), plan.Problems)
	}
	audit := rowCount(t, db, "audit")
	b, err := db.ApplyImport(maintCtx(), plan)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowCount(t, db, "audit") - audit; got != 3 {
		t.Errorf("%d audit entries, want 3", got)
	}
	last, err := db.LastImport(maintCtx(), g.ID)
	if err != nil || last.ID != b.ID || last.File != "census.csv" || last.Adds != 1 || last.Terms != 1 {
		t.Fatalf("last import %+v, %v", last, err)
	}
	if _, err := db.UndoImport(maintCtx(), g.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := db.Family(maintCtx(), fam[0].ID)
	for i := range after {
		if after[i].Status != stored[i].Status || after[i].Email != stored[i].Email || after[i].Tier != stored[i].Tier {
			t.Errorf("%s after the undo: %+v, want %+v", after[i].FirstName, after[i], stored[i])
		}
	}
	if n, _ := db.CountMembers(maintCtx(), model.MemberQuery{GroupID: g.ID}); n != 4 {
		t.Errorf("%d members after the undo, want 4 (Nia removed)", n)
	}
	if rowCount(t, db, "outbox") < 10 {
		t.Error("the undo was not queued for sync")
	}
	if _, err := db.UndoImport(maintCtx(), g.ID); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "already undone") {
		t.Fatalf("a second undo: %v", err)
	}
	if link, _, err := db.VerifyAudit(maintCtx()); link != nil || err != nil {
		t.Fatalf("the audit chain is broken: %+v %v", link, err)
	}
}

func TestUndoRefusesWhenSomeoneChangedSince(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	stored, _ := db.Family(maintCtx(), fam[0].ID)
	recs := censusOf(stored)
	recs[2].Member.Email, recs[2].Has = "cat@example.com", recs[2].Has.With(model.FieldEmail)
	if _, err := db.ApplyImport(maintCtx(), importPlan(t, db, g, recs)); err != nil {
		t.Fatal(err)
	}
	cat, _ := db.Member(maintCtx(), fam[2].ID)
	cat.Phone = "555-0100"
	if err := db.UpdateMember(maintCtx(), &cat); err != nil {
		t.Fatal(err)
	}
	_, err := db.UndoImport(maintCtx(), g.ID)
	if model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(err.Error(), "Cat Rivera was changed after the import") {
		t.Fatalf("error %v", err)
	}
}

func TestABlockedPlanIsNotApplied(t *testing.T) {
	db, g := maintDB(t)
	plan := &model.ImportPlan{GroupID: g.ID, Adds: []model.ImportChange{{}}, Problems: []model.ImportProblem{{Row: 3, Column: "ssn", Message: "bad"}}}
	if _, err := db.ApplyImport(maintCtx(), plan); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "1 errors") {
		t.Fatalf("error %v", err)
	}
}
