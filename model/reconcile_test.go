package model_test

import (
	"slices"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// reconcileBook is the bakery with Dee added, billed for January and
// February; Kai, Anna's son covered since January 1, was entered on
// January 10, so March's invoice adjusts January and February for him.
func reconcileBook() (fams [][]model.Member, earlier []model.Invoice, mar model.Invoice, history map[string][]model.MemberChange) {
	fams = bakeryFamilies()
	fams = append(fams, []model.Member{billedPerson("dee", "", "Dee", model.RelEmployee, "1968-09-09", "GOLD")})
	jan := issue("2026-01", fams, nil)
	known := remember(nil, jan, fams)
	feb := issue("2026-02", fams, known, "2026-01")
	kid := billedPerson("kid", "anna", "Kai", model.RelChild, "2015-05-05", "GOLD")
	kid.Effective = model.MustDate("2026-01-01")
	fams[0] = append(fams[0], kid)
	history = map[string][]model.MemberChange{"kid": {{At: time.Date(2026, 1, 10, 15, 0, 0, 0, time.UTC), After: &kid}}}
	mar = issue("2026-03", fams, remember(known, feb, fams), "2026-01", "2026-02").Invoice
	return fams, []model.Invoice{jan.Invoice, feb.Invoice}, mar, history
}

func reconcile(fams [][]model.Member, earlier []model.Invoice, inv *model.Invoice, history map[string][]model.MemberChange) model.DiscrepancyReport {
	return model.ReconcileInvoice(model.ReconcileInput{Group: bakery, Plans: billingPlans, Families: fams, Invoice: inv,
		Earlier: earlier, History: history})
}

func TestACleanInvoiceReconcilesWithNothingFlagged(t *testing.T) {
	fams, earlier, mar, history := reconcileBook()
	if len(mar.Retro) != 2 {
		t.Fatalf("March adjusts January and February for Kai: %+v", mar.Retro)
	}
	if r := reconcile(fams, earlier, &mar, history); !r.Clean() || r.Expected != r.Found || r.Compared != len(mar.Lines)+2 {
		t.Fatalf("a clean invoice: %+v", r)
	}
}

func TestReconciliationFindsEveryPlantedDiscrepancy(t *testing.T) {
	fams, earlier, mar, history := reconcileBook()
	bad := mar
	bad.Lines, bad.Retro = nil, append([]model.InvoiceLine(nil), mar.Retro...)
	for _, l := range mar.Lines {
		switch l.SubscriberID {
		case "anna":
			continue // covered but not billed
		case "ben":
			l.Tier, l.Amount = model.TierEE, 60000 // the spouse left out
		case "dee":
			l.Amount += 1000 // $10 too much
		}
		bad.Lines = append(bad.Lines, l)
	}
	bad.Lines = append(bad.Lines, model.InvoiceLine{Kind: model.LineCurrent, Month: mar.Period, SubscriberID: "cy", MemberID: "cy",
		Name: "Müller, Cy", PlanID: "GOLD", PlanName: "Gold 80 HMO", Tier: model.TierEE, Covered: 1, Amount: 44000})
	bad.Retro = append(bad.Retro, model.InvoiceLine{Kind: model.LineAdd, Month: mustPeriod("2026-01"), SubscriberID: "ben", MemberID: "bea",
		Name: "Müller, Bea", PlanID: "SILVER", Tier: model.TierES, Amount: 0, Note: "Added"})
	r := reconcile(fams, earlier, &bad, history)
	want := map[model.DiscrepancyKind]string{model.DiscCoveredNotBilled: "anna", model.DiscWrongTier: "ben", model.DiscWrongPremium: "dee",
		model.DiscBilledNotCovered: "cy", model.DiscRetroUnmatched: "bea"}
	for _, d := range r.Items {
		if want[d.Kind] != d.MemberID {
			t.Errorf("flagged %s for %s: %s", d.Kind.Label(), d.MemberID, d.Detail)
		}
		delete(want, d.Kind)
	}
	if len(want) != 0 || len(r.Items) != 5 {
		t.Fatalf("missed %v; found %d: %+v", want, len(r.Items), r.Items)
	}
	kinds := []model.DiscrepancyKind{}
	for _, d := range r.Items {
		kinds = append(kinds, d.Kind)
	}
	if !slices.IsSortedFunc(kinds, func(a, b model.DiscrepancyKind) int {
		return slices.Index(model.DiscrepancyKinds, a) - slices.Index(model.DiscrepancyKinds, b)
	}) {
		t.Errorf("the report is not in kind order: %v", kinds)
	}
	kaiRate := model.Money(50000).MulRound(model.CurveFederal2018.Factor(10))
	if r.Net() != -(annaRate+kaiRate)-60000+1000+44000 {
		t.Errorf("net %s", r.Net())
	}
}

func TestARetroLineNeedsAChangeRecordedAfterTheMonthWasBilled(t *testing.T) {
	fams, earlier, mar, history := reconcileBook()
	for name, at := range map[string]time.Time{
		"recorded before January was billed": time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC),
		"recorded after March was issued":    time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC),
	} {
		t.Run(name, func(t *testing.T) {
			h := map[string][]model.MemberChange{"kid": {{At: at, After: history["kid"][0].After}}}
			if r := reconcile(fams, earlier, &mar, h); r.Count(model.DiscRetroUnmatched) != 2 {
				t.Fatalf("want both of Kai's lines flagged: %+v", r.Items)
			}
		})
	}
}
