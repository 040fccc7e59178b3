package sqlite

import (
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

const testPlansFile = `{
  "areas": [{"id": "CA-04", "state": "CA", "zips": ["94612", "945"]}],
  "curves": {"gentle": {"0": 0.8, "21": 1.0, "64": 2.5}},
  "plans": [{"id": "GOLD80-HMO", "name": "Gold 80 HMO", "type": "HMO", "metal": "gold",
             "rating": {"method": "age", "curve": "gentle", "tobacco_factor": "1.00", "base_rates": {"CA-04": "440.00"}},
             "benefits": {"network": "Signature", "deductible_single": "0.00", "oop_max_single": "8700.00", "primary_care_copay": "35.00"}}]}`

func parseTestCatalog(t *testing.T, file string) *model.Catalog {
	t.Helper()
	cat, err := model.ParseCatalog([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestACatalogIsImportedWholeOrNotAtAll(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	must(t, db.ImportCatalog(ctx, parseTestCatalog(t, testPlansFile)))
	cat, err := db.Catalog(ctx)
	must(t, err)
	if len(cat.Areas) != 1 || len(cat.Curves) != 1 || len(cat.Plans) != 1 || cat.Plans[0].Benefits.OOPMaxSingle != 870000 {
		t.Fatalf("stored %d areas, %d curves, %d plans: %+v", len(cat.Areas), len(cat.Curves), len(cat.Plans), cat.Plans)
	}
	if c, _ := cat.Curve("gentle"); c.Factor(70).String() != "2.500" {
		t.Errorf("the stored curve at 70: %s", c.Factor(70))
	}
	bad := parseTestCatalog(t, testPlansFile)
	bad.Plans[0].ID = "NEW-PLAN"
	bad.Plans[0].Rating.BaseRates = map[string]model.Money{"CA-99": 100}
	err = db.ImportCatalog(ctx, bad)
	if model.ErrorCode(err) != model.EINVALID || count(t, db, "plans") != 1 {
		t.Fatalf("a plan for an unknown area: %v; %d plans stored", err, count(t, db, "plans"))
	}
	if n := count(t, db, "outbox"); n != 0 {
		t.Errorf("the catalog import queued %d operations for sync", n)
	}
}

func TestScenariosAreSavedAndListed(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	s := &model.QuoteScenario{Name: "Gold vs Silver", Effective: model.MustDate("2026-07-01"), Source: "census.csv",
		Census:  []model.QuotePerson{{EmployeeID: "1", Relationship: model.RelEmployee, FirstName: "Zoë", LastName: "Müller", DateOfBirth: model.MustDate("1980-02-03"), ZIP: "94612"}},
		PlanIDs: []string{"GOLD80-HMO"}, Contribution: model.DefaultContribution}
	must(t, db.SaveScenario(ctx, s))
	s.Name = "Gold only"
	must(t, db.SaveScenario(ctx, s))
	list, err := db.Scenarios(ctx)
	must(t, err)
	if len(list) != 1 || list[0].Name != "Gold only" || list[0].Census[0].LastName != "Müller" || list[0].Version != 2 {
		t.Fatalf("scenarios %+v", list)
	}
	if count(t, db, "outbox") != 0 {
		t.Error("a scenario was queued for sync")
	}
	noQuotes := model.WithPrincipal(context.Background(), &model.Principal{UserID: "u", Grants: map[string]model.Role{"g": model.RoleBilling}})
	wantCode(t, db.SaveScenario(noQuotes, s), model.EFORBIDDEN)
}
