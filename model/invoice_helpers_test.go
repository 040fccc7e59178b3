package model_test

import (
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// The billing book: Łódź Bakery, a California small group on one age-rated
// plan ($500.00 at 21) and one composite plan, its plan year from January.
var (
	bakery = model.Group{ID: "g1", Number: "GRP-7", Name: "Łódź Bakery LLC", Segment: model.SegmentSmall, RatingArea: "CA-01",
		Address: model.Address{State: "CA"}, EffectiveDate: model.MustDate("2020-01-01"), RenewalDate: model.MustDate("2027-01-01")}
	goldPlan = &model.Plan{ID: "GOLD", Name: "Gold 80 HMO", Type: model.PlanHMO, Metal: model.MetalGold,
		Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018", BaseRates: map[string]model.Money{"CA-01": 50000}}}
	silverPlan = &model.Plan{ID: "SILVER", Name: "Silver 70 HMO", Type: model.PlanHMO, Metal: model.MetalSilver,
		Rating: model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{
			model.TierEE: 60000, model.TierES: 120000, model.TierEC: 110000, model.TierFAM: 180000}}}
	billingPlans = map[string]*model.Plan{"GOLD": goldPlan, "SILVER": silverPlan}
)

// person is a covered member effective since 2020.
func billedPerson(id, sub, first string, rel model.Relationship, born, plan string) model.Member {
	return model.Member{ID: id, GroupID: "g1", SubscriberID: sub, EmployeeID: "E-" + id, Relationship: rel, FirstName: first,
		LastName: "Müller", DateOfBirth: model.MustDate(born), PlanID: plan, Tier: model.TierEE, Status: model.StatusActive,
		Effective: model.MustDate("2020-01-01")}
}

// issue builds the invoice of a month from the families, as the billing
// job would with the snapshots of the month before.
func issue(p string, fams [][]model.Member, known map[string]*model.BillingSnapshot, window ...string) model.InvoiceDraft {
	in := model.InvoiceInput{ID: "inv-" + p, Number: "GRP-7-" + p, Group: bakery, Period: mustPeriod(p), Rule: model.DefaultBillingRule,
		Plans: billingPlans, Families: fams, Known: known, Changed: map[string]bool{}, At: time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)}
	for _, f := range fams {
		if k := known[f[0].ID]; k == nil || model.Fingerprint(f) != fingerprintOf(k) {
			in.Changed[f[0].ID] = true
		}
	}
	for _, w := range window {
		in.Window = append(in.Window, mustPeriod(w))
	}
	return model.BuildInvoice(in)
}

// fingerprints remembers the fingerprint each snapshot was taken at.
var fingerprints = map[*model.BillingSnapshot]uint64{}

func fingerprintOf(s *model.BillingSnapshot) uint64 { return fingerprints[s] }

// remember keeps a draft's snapshots as the next invoice's known families.
func remember(known map[string]*model.BillingSnapshot, d model.InvoiceDraft, fams [][]model.Member) map[string]*model.BillingSnapshot {
	out := map[string]*model.BillingSnapshot{}
	for k, v := range known {
		out[k] = v
	}
	for i := range d.Snapshots {
		s := d.Snapshots[i]
		for _, f := range fams {
			if f[0].ID == s.SubscriberID {
				fingerprints[&s] = model.Fingerprint(f)
			}
		}
		out[s.SubscriberID] = &s
	}
	return out
}

func mustPeriod(s string) model.Period {
	p, err := model.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}
