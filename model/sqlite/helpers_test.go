package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// testNow is the clock of every test database: member validation and
// rating depend on today's date.
var testNow = time.Date(2026, time.June, 1, 9, 30, 0, 123456789, time.UTC)

// openTestDB opens a new database file in a temporary folder, closed at the
// end of the test.
func openTestDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "groupdesk.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	db.Now = func() time.Time { return testNow }
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// ownerCtx is a context acting as the owner of an unconnected database.
func ownerCtx() context.Context {
	return model.WithPrincipal(context.Background(), model.LocalOwner)
}

// count returns the number of rows of a table (or of a query's FROM part).
func count(tb testing.TB, db *DB, from string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.read.QueryRow("SELECT count(*) FROM "+from, args...).Scan(&n); err != nil {
		tb.Fatalf("counting %s: %v", from, err)
	}
	return n
}

// rawExec runs SQL straight on the database file, as someone tampering with
// it (or a test injecting a fault) would.
func rawExec(tb testing.TB, path string, stmts ...string) {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			tb.Fatalf("%s: %v", s, err)
		}
	}
}

// wantCode fails the test unless err carries the model error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := model.ErrorCode(err); got != code {
		tb.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// must fails the test on an error.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// fullGroup is a group with every field set.
func fullGroup(number, name string) *model.Group {
	return &model.Group{
		Number: number, Name: name, FEIN: "12-3456789", Industry: "Software", Segment: model.SegmentSmall,
		Address:    model.Address{Line1: "1 Market St", Line2: "Suite 400", City: "San Francisco", State: "CA", ZIP: "94105-1234"},
		RatingArea: "area-1", EffectiveDate: model.MustDate("2020-01-01"), RenewalDate: model.MustDate("2027-01-01"),
		Delivery: model.DeliveryPaper, Autopay: true, BillingUnits: []string{"HQ", "Łódź office"},
		ContactName: "Zoë Ångström", ContactEmail: "zoe@example.com",
	}
}

// agePlan is the worked example's plan of DOMAIN.md §1.1 ($440.00 at 21 in
// area-1, tobacco 1.15), with every benefit set.
func agePlan(id, name string) *model.Plan {
	return &model.Plan{
		ID: id, Name: name, Type: model.PlanPPO, Metal: model.MetalGold, Year: 2026, Successor: "P-NEXT",
		Benefits: model.Benefits{Network: "Full", DeductibleSingle: 150000, DeductibleFamily: 300000, OOPMaxSingle: 600000,
			OOPMaxFamily: 1200000, PrimaryCareCopay: 2500, SpecialistCopay: 5000, UrgentCareCopay: 7500, EmergencyCopay: 35000,
			CoinsurancePercent: 20, RxGeneric: 1000, RxPreferred: 3500, RxNonPreferred: 7000, RxSpecialtyPercent: 30},
		Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018", TobaccoFactor: 11500,
			BaseRates: map[string]model.Money{"area-1": 44000, "area-2": 41234}},
	}
}

// compositePlan is a large-group plan with four tier rates.
func compositePlan(id, name string) *model.Plan {
	return &model.Plan{
		ID: id, Name: name, Type: model.PlanHMO, Metal: model.MetalSilver, Year: 2026,
		Benefits: model.Benefits{Network: "Narrow", DeductibleSingle: 50000},
		Rating: model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{
			model.TierEE: 61000, model.TierES: 128000, model.TierEC: 110000, model.TierFAM: 180000}},
	}
}

// subscriber is an employee of a group with every field set.
func subscriber(groupID, employeeID, first, last, born string) *model.Member {
	return &model.Member{
		GroupID: groupID, EmployeeID: employeeID, Relationship: model.RelEmployee,
		FirstName: first, MiddleName: "Q", LastName: last, DateOfBirth: model.MustDate(born),
		Gender: model.GenderFemale, SSN: "123456789", Tobacco: true, Email: "anna@example.com", Phone: "+1 415 555 0100",
		Address: model.Address{Line1: "Straße 1", Line2: "Apt 2", City: "Kraków", State: "CA", ZIP: "94110"},
		Employment: model.Employment{HireDate: model.MustDate("2019-03-04"), Status: "full_time", HoursWeekly: 40,
			Department: "Forschung & Entwicklung", Salary: 9876543},
		PlanID: "P1", Tier: model.TierFAM, Status: model.StatusActive, Effective: model.MustDate("2020-01-01"),
	}
}

// dependent is a family member of sub.
func dependent(sub *model.Member, rel model.Relationship, first, born string) *model.Member {
	return &model.Member{
		GroupID: sub.GroupID, SubscriberID: sub.ID, EmployeeID: sub.EmployeeID, Relationship: rel,
		FirstName: first, LastName: sub.LastName, DateOfBirth: model.MustDate(born), Gender: model.GenderMale,
		Address: sub.Address, PlanID: sub.PlanID, Tier: sub.Tier, Status: model.StatusActive, Effective: sub.Effective,
	}
}

// seedGroup creates a group and the two plans in a fresh database.
func seedGroup(tb testing.TB, db *DB) *model.Group {
	tb.Helper()
	ctx := ownerCtx()
	must(tb, db.SavePlan(ctx, agePlan("P1", "Gold PPO")))
	must(tb, db.SavePlan(ctx, compositePlan("P2", "Silver HMO")))
	g := fullGroup("G-100", "Acme Ürün Ltd")
	must(tb, db.CreateGroup(ctx, g))
	return g
}
