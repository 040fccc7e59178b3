package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// The billing book: Łódź Bakery, a California small group billed from
// January 2026 (issued on December 1, due December 20), with Anna alone on
// an age-rated plan and Ben with his spouse Bea on a composite plan.
var (
	billingCtx   = model.WithPrincipal(context.Background(), &model.Principal{UserID: "accountd", Name: "Account service", System: true})
	billingGroup = "bakery"
	bankAccount  = model.BankAccount{Holder: "Łódź Bakery LLC", Routing: "121000358", Account: "000123456789", Type: model.Checking}
)

func billingBook() *model.Book {
	m := func(id, sub, first string, rel model.Relationship, born, plan string, tier model.Tier) model.Member {
		return model.Member{ID: id, GroupID: billingGroup, SubscriberID: sub, EmployeeID: "E-" + id, Relationship: rel, FirstName: first,
			LastName: "Wiśniewska", DateOfBirth: model.MustDate(born), Gender: model.GenderFemale, PlanID: plan, Tier: tier,
			Status: model.StatusActive, Effective: model.MustDate("2024-01-01"), Address: model.Address{ZIP: "94612"}}
	}
	return &model.Book{
		Areas: []model.RatingArea{{ID: "CA-01", State: "CA", ZIPs: []string{"946"}}},
		Plans: []model.Plan{
			{ID: "GOLD", Name: "Gold 80 HMO", Type: model.PlanHMO, Metal: model.MetalGold, Year: 2026,
				Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018", BaseRates: map[string]model.Money{"CA-01": 50000}}},
			{ID: "SILVER", Name: "Silver 70 HMO", Type: model.PlanHMO, Metal: model.MetalSilver, Year: 2026,
				Rating: model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{
					model.TierEE: 60000, model.TierES: 120000, model.TierEC: 110000, model.TierFAM: 180000}}}},
		Groups: []model.Group{{ID: billingGroup, Number: "GRP-300", Name: "Łódź Bakery LLC", Segment: model.SegmentSmall, RatingArea: "CA-01",
			Address: model.Address{Line1: "1 Piekarska St", City: "Oakland", State: "CA", ZIP: "94612"}, Delivery: model.DeliveryOnline,
			EffectiveDate: model.MustDate("2024-01-01"), RenewalDate: model.MustDate("2027-01-01")}},
		Members: []model.Member{
			m("anna", "", "Anna", model.RelEmployee, "1980-06-01", "GOLD", model.TierEE),
			m("ben", "", "Ben", model.RelEmployee, "1975-03-03", "SILVER", model.TierES),
			m("bea", "ben", "Bea", model.RelSpouse, "1976-04-04", "SILVER", model.TierES)},
	}
}

// billingService is an account service's database with the billing book,
// its clock at a day's 06:00 UTC.
type billingService struct {
	*DB
	t   *testing.T
	now time.Time
}

func openBillingService(t *testing.T, day string) *billingService {
	t.Helper()
	db, err := OpenServer(billingCtx, filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := &billingService{DB: db, t: t}
	s.at(day)
	db.Now = func() time.Time { return s.now }
	must(t, db.Load(billingCtx, billingBook(), nil))
	return s
}

// at sets the clock to a day.
func (s *billingService) at(day string) model.Date {
	d := model.MustDate(day)
	s.now = d.Time().Add(6 * time.Hour)
	return d
}

// run runs the billing job on a day.
func (s *billingService) run(day string) BillingReport {
	s.t.Helper()
	rep, err := s.RunBilling(billingCtx, s.at(day), nil)
	if err != nil {
		s.t.Fatalf("the billing job on %s: %v", day, err)
	}
	return rep
}

// runDays runs the job every day from one day to another.
func (s *billingService) runDays(from, to string) {
	s.t.Helper()
	for d := model.MustDate(from); !d.After(model.MustDate(to)); d = d.AddDays(1) {
		s.run(d.String())
	}
}

// invoice returns the unit's invoice for a month.
func (s *billingService) invoice(period string) model.Invoice {
	s.t.Helper()
	invs, err := invoicesWhere(billingCtx, s.read, `group_id = ? AND period = ?`, billingGroup, period)
	if err != nil || len(invs) != 1 {
		s.t.Fatalf("the invoice for %s: %d, %v", period, len(invs), err)
	}
	inv, err := s.Invoice(billingCtx, invs[0].ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return inv
}

// pay schedules a payment of an invoice on a day, as the carrier would
// record one.
func (s *billingService) pay(period string, amount model.Money, on string) model.Payment {
	s.t.Helper()
	p := model.Payment{ID: "pay-" + period + "-" + on, InvoiceID: s.invoice(period).ID, Amount: amount, On: model.MustDate(on), Bank: bankAccount}
	must(s.t, s.RecordPayment(billingCtx, &p))
	return p
}

// change edits a member as the carrier's staff would, on the clock's day.
func (s *billingService) change(day, id string, edit func(m *model.Member)) {
	s.t.Helper()
	s.at(day)
	m, err := s.Member(billingCtx, id)
	if err != nil {
		s.t.Fatal(err)
	}
	edit(&m)
	must(s.t, s.UpdateMember(billingCtx, &m))
}

// membershipCtx and billingRoleCtx act as Secondary Users of the group.
func roleCtx(role model.Role) context.Context {
	return model.WithPrincipal(context.Background(), &model.Principal{UserID: "user-" + string(role), Name: role.Label() + " user",
		Grants: map[string]model.Role{billingGroup: role}})
}
