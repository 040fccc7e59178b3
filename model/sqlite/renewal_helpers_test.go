package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// The renewal book: Bayview, a small California group renewing on
// 2027-02-01 (its window opens 2026-11-18, its cutoff is 2027-01-10), on a
// gold plan and on a discontinued bronze plan whose successor is bronze.
var (
	renewsOn     = model.MustDate("2027-02-01")
	windowOpens  = model.MustDate("2026-11-18")
	renewCutoff  = model.MustDate("2027-01-10")
	answeredOn   = time.Date(2026, time.December, 15, 16, 0, 0, 0, time.UTC)
	carrierCtx   = model.WithPrincipal(context.Background(), &model.Principal{UserID: "accountd", Name: "Account service", System: true})
	renewalGroup = "bayview"
)

func renewalPlan(id, name string, metal model.Metal, base model.Money, successor string) model.Plan {
	return model.Plan{ID: id, Name: name, Type: model.PlanHMO, Metal: metal, Year: 2026, Successor: successor,
		Benefits: model.Benefits{Network: "Signature HMO", DeductibleSingle: 150000, DeductibleFamily: 300000},
		Rating:   model.Rating{Method: model.RatingAge, Curve: "federal-2018", BaseRates: map[string]model.Money{"CA-01": base}}}
}

func renewalBook() *model.Book {
	m := func(id, sub, first string, rel model.Relationship, born, plan string) model.Member {
		return model.Member{ID: id, GroupID: renewalGroup, SubscriberID: sub, EmployeeID: "E-" + first, Relationship: rel,
			FirstName: first, LastName: "Nguyễn", DateOfBirth: model.MustDate(born), Gender: model.GenderFemale, PlanID: plan,
			Tier: model.TierES, Status: model.StatusActive, Effective: model.MustDate("2020-02-01"), Address: model.Address{ZIP: "94612"}}
	}
	ada, bea := m("ada", "", "Ada", model.RelEmployee, "1963-01-15", "GOLD"), m("bea", "ada", "Bea", model.RelChild, "2006-01-20", "GOLD")
	ada.Tier, bea.Tier = model.TierEC, model.TierEC
	return &model.Book{
		Areas: []model.RatingArea{{ID: "CA-01", State: "CA", ZIPs: []string{"946"}}},
		Plans: []model.Plan{renewalPlan("GOLD", "Gold 80 HMO", model.MetalGold, 50000, ""),
			renewalPlan("BRONZE-OLD", "Bronze 60 HMO", model.MetalBronze, 30000, "BRONZE"),
			renewalPlan("BRONZE", "Bronze 60 HDHP", model.MetalBronze, 28000, ""),
			renewalPlan("SILVER", "Silver 70 HMO", model.MetalSilver, 40000, "")},
		Groups: []model.Group{{ID: renewalGroup, Number: "GRP-100200", Name: "Bayview Dental Group, Inc.", Segment: model.SegmentSmall,
			Address: model.Address{Line1: "1950 Broadway", City: "Oakland", State: "CA", ZIP: "94612"}, RatingArea: "CA-01",
			EffectiveDate: model.MustDate("2020-02-01"), RenewalDate: renewsOn, Delivery: model.DeliveryOnline}},
		Members: []model.Member{ada, bea,
			m("cy", "", "Cy", model.RelEmployee, "1990-06-01", "BRONZE-OLD"), m("cyd", "cy", "Cyd", model.RelSpouse, "1991-03-03", "BRONZE-OLD")},
	}
}

// openRenewalService opens an account service's database holding the
// renewal book and a renewal rate table that trends gold 6.5%.
func openRenewalService(t *testing.T) *DB {
	t.Helper()
	db, err := OpenServer(carrierCtx, filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return answeredOn }
	book := renewalBook()
	must(t, db.Load(carrierCtx, book, nil))
	must(t, db.SaveRenewalRates(carrierCtx, []model.RenewalRate{model.TrendRates(&book.Plans[0], model.MustDate("2027-01-01"), 10650)}))
	return db
}

// runJob runs the renewal job on a day.
func runJob(t *testing.T, db *DB, day string) RenewalReport {
	t.Helper()
	rep, err := db.RunRenewals(carrierCtx, model.MustDate(day))
	if err != nil {
		t.Fatalf("the renewal job on %s: %v", day, err)
	}
	return rep
}

// theRenewal returns the group's only renewal.
func theRenewal(t *testing.T, db *DB) model.Renewal {
	t.Helper()
	rs, err := db.Renewals(carrierCtx, renewalGroup)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("the group has %d renewals, want 1", len(rs))
	}
	return rs[0]
}

// pgaCtx acts as the group's Primary Group Administrator.
func pgaCtx() context.Context {
	return model.WithPrincipal(context.Background(), &model.Principal{UserID: "pga", Name: "Priya Grant",
		Grants: map[string]model.Role{renewalGroup: model.RolePGA}})
}

func memberOn(t *testing.T, db *DB, id string) model.Member {
	t.Helper()
	m, err := db.Member(carrierCtx, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
