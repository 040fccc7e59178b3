package sqlite_test

import (
	"encoding/json"
	"fmt"
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

// An import of many new people writes them many to a statement: each is
// stored, queued for sync in file order with the image its history entry
// holds, and the import's span of the history is exactly its entries, so
// that the undo removes every one of them.
func TestALargeImportQueuesEveryAddInOrderAndUndoesWhole(t *testing.T) {
	db, g := maintDB(t)
	plan := importPlan(t, db, g, censusOf(newEmployees(150, 0))) // several statements' worth
	if len(plan.Adds) != 150 || plan.Errors() != 0 {
		t.Fatalf("plan %s, problems %v", plan.Summary(), plan.Problems)
	}
	audit := rowCount(t, db, "audit")
	queued, err := db.PendingOps(maintCtx(), 1000) // the group and its plans
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ApplyImport(maintCtx(), plan); err != nil {
		t.Fatal(err)
	}
	if got := rowCount(t, db, "audit") - audit; got != 150 {
		t.Errorf("%d audit entries, want 150", got)
	}
	ops, err := db.PendingOps(maintCtx(), 1000)
	if err != nil || len(ops) != len(queued)+150 {
		t.Fatalf("%d operations queued (%v), want %d", len(ops), err, len(queued)+150)
	}
	ops = ops[len(queued):]
	for i, op := range ops {
		var m model.Member
		if err := json.Unmarshal(op.Payload, &m); err != nil || op.Action != model.ActionCreate || op.EntityID != m.ID ||
			m.FirstName != fmt.Sprintf("Nia%03d", i) || m.Version != 1 {
			t.Fatalf("operation %d: %s %s %s (%v)", i, op.Action, op.EntityID, op.Payload, err)
		}
		stored, err := db.Member(maintCtx(), m.ID)
		if err != nil || stored != m {
			t.Fatalf("member %s stored as %+v (%v), queued as %+v", m.ID, stored, err, m)
		}
	}
	page, err := db.Members(maintCtx(), model.MemberQuery{GroupID: g.ID, Search: "nia142"})
	if err != nil || len(page.Members) != 1 || page.Members[0].EmployeeID != "E142" {
		t.Fatalf("search for nia142: %+v %v", page.Members, err)
	}
	if _, err := db.UndoImport(maintCtx(), g.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountMembers(maintCtx(), model.MemberQuery{GroupID: g.ID}); n != 0 {
		t.Errorf("%d members after the undo, want none", n)
	}
	if link, _, err := db.VerifyAudit(maintCtx()); link != nil || err != nil {
		t.Fatalf("the audit chain is broken: %+v %v", link, err)
	}
}

// A new person the store cannot take (here: an ID already used) fails the
// whole import with the row it came from, and nothing of it is kept.
func TestAnImportRowTheStoreRefusesIsNamedAndNothingIsKept(t *testing.T) {
	db, g := maintDB(t)
	fam := enrollRiveras(t, db, g)
	plan := importPlan(t, db, g, censusOf(newEmployees(100, 10)))
	plan.Adds[70].After.ID = fam[0].ID
	before := [3]int{rowCount(t, db, "members"), rowCount(t, db, "audit"), rowCount(t, db, "outbox")}
	_, err := db.ApplyImport(maintCtx(), plan)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("(row %d)", plan.Adds[70].Row)) || !strings.Contains(err.Error(), "Nia070") {
		t.Fatalf("error %v, want one naming Nia070 and row %d", err, plan.Adds[70].Row)
	}
	if after := [3]int{rowCount(t, db, "members"), rowCount(t, db, "audit"), rowCount(t, db, "outbox")}; after != before {
		t.Fatalf("members, audit, outbox: %v before, %v after", before, after)
	}
}

// newEmployees are n new employees Nia000, Nia001… with employee IDs from
// E<first>.
func newEmployees(n, first int) []model.Member {
	var out []model.Member
	for i := range n {
		p := newPerson(model.RelEmployee, fmt.Sprintf("Nia%03d", i), "1995-05-05")
		p.EmployeeID, p.PlanID, p.Effective = fmt.Sprintf("E%03d", first+i), "P2", model.MustDate("2026-07-01")
		out = append(out, p)
	}
	return out
}
