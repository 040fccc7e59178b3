package sqlite

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// A large import into a store with fewer members builds the roster's
// ordering indexes again from the stored rows, as they were, and finds its
// people by them; one that fails keeps them as they were too.
func TestALargeImportBuildsTheRosterIndexesAgain(t *testing.T) {
	db := openTestDB(t)
	g := seedGroup(t, db)
	want := memberIndexes(t, db)
	plan := &model.ImportPlan{GroupID: g.ID, File: "census.csv"}
	for i := range bulkIndexRows {
		m := subscriber(g.ID, fmt.Sprintf("E%05d", i), fmt.Sprintf("Anna%05d", i), "Müller", "1980-05-06")
		m.ID = newID()
		plan.Adds = append(plan.Adds, model.ImportChange{Row: i + 2, After: *m})
	}
	bad := *plan
	bad.Adds = append(append([]model.ImportChange(nil), plan.Adds...), plan.Adds[5])
	bad.Adds[len(bad.Adds)-1].Row = len(bad.Adds) + 1
	if _, err := db.ApplyImport(ownerCtx(), &bad); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("(row %d)", len(bad.Adds)+1)) {
		t.Fatalf("an import adding one person twice: %v", err)
	}
	if got := memberIndexes(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("indexes after a failed import:\n%v\nwant\n%v", got, want)
	}
	if _, err := db.ApplyImport(ownerCtx(), plan); err != nil {
		t.Fatal(err)
	}
	if got := memberIndexes(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("indexes after the import:\n%v\nwant\n%v", got, want)
	}
	page, err := db.Members(ownerCtx(), model.MemberQuery{GroupID: g.ID, Sort: model.SortEmployeeID, Descending: true, Limit: 1})
	if err != nil || len(page.Members) != 1 || page.Members[0].EmployeeID != fmt.Sprintf("E%05d", bulkIndexRows-1) {
		t.Fatalf("the last by employee ID: %+v %v", page.Members, err)
	}
}
