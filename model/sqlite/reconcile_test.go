package sqlite

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// marchOnTheDesktop bills the bakery to March with Kai's late add, syncs
// a Billing user's desktop along the way (so its history holds the add
// when it was learnt) and fetches March's lines.
func marchOnTheDesktop(t *testing.T) (*billingService, *billingDesktop, model.Invoice) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	s.pay("2026-01", s.invoice("2026-01").AmountDue, "2025-12-10")
	s.runDays("2025-12-02", "2026-01-01")
	s.pay("2026-02", s.invoice("2026-02").AmountDue, "2026-01-05")
	s.runDays("2026-01-02", "2026-01-09")
	d := openBillingDesktop(t, s, model.RoleBilling)
	s.at("2026-01-10")
	kai := model.Member{ID: "kai", GroupID: billingGroup, SubscriberID: "anna", EmployeeID: "E-anna", Relationship: model.RelChild,
		FirstName: "Kai", LastName: "Wiśniewska", DateOfBirth: model.MustDate("2015-05-05"), PlanID: "GOLD", Tier: model.TierEC,
		Status: model.StatusActive, Effective: model.MustDate("2026-01-01")}
	must(t, s.CreateMember(billingCtx, &kai))
	d.pull()
	s.runDays("2026-01-10", "2026-02-01")
	d.pull()
	mar := s.invoice("2026-03")
	if len(mar.Retro) != 2 {
		t.Fatalf("March adjusts Kai's January and February: %+v", mar.Retro)
	}
	must(t, d.SaveInvoiceLines(d.ctx, &mar))
	return s, d, mar
}

func TestTheDesktopReconcilesACleanInvoiceWithNothingFlagged(t *testing.T) {
	_, d, mar := marchOnTheDesktop(t)
	r, err := d.ReconcileInvoice(d.ctx, mar.ID)
	must(t, err)
	if !r.Clean() || r.Expected != r.Found || r.GroupName != "Łódź Bakery LLC" {
		t.Fatalf("a clean invoice: %+v", r)
	}
}

func TestTheDesktopFindsEveryDiscrepancyPlantedInAnInvoice(t *testing.T) {
	_, d, mar := marchOnTheDesktop(t)
	bad := mar
	bad.Lines = nil
	for _, l := range mar.Lines {
		switch l.SubscriberID {
		case "anna":
			l.Amount += 2500 // wrong premium
		case "ben":
			l.Tier = model.TierEE // wrong tier
		}
		bad.Lines = append(bad.Lines, l)
	}
	bad.Lines = append(bad.Lines, model.InvoiceLine{Kind: model.LineCurrent, Month: mar.Period, SubscriberID: "gone", MemberID: "gone",
		Name: "Nowak, Jan", PlanID: "GOLD", Tier: model.TierEE, Covered: 1, Amount: 30000}) // billed, on no roster
	bad.Retro = append(bad.Retro, model.InvoiceLine{Kind: model.LineChange, Month: model.PeriodOf(model.MustDate("2026-02-01")),
		SubscriberID: "ben", MemberID: "ben", Name: "Wiśniewska, Ben", PlanID: "SILVER", Tier: model.TierES, Amount: 5000, Note: "Premium"})
	bad.LineCount, bad.RetroCount = len(bad.Lines), len(bad.Retro)
	// The carrier's invoice as it came, wrong.
	must(t, d.updateWith(d.ctx, true, "", func(tx *Tx) error { return tx.storeInvoice(&bad, &mar, "planted") }))
	r, err := d.ReconcileInvoice(d.ctx, mar.ID)
	must(t, err)
	found := map[model.DiscrepancyKind]string{}
	for _, it := range r.Items {
		found[it.Kind] = it.MemberID
	}
	want := map[model.DiscrepancyKind]string{model.DiscWrongPremium: "anna", model.DiscWrongTier: "ben", model.DiscBilledNotCovered: "gone",
		model.DiscRetroUnmatched: "ben"}
	if len(r.Items) != len(want) || len(found) != len(want) {
		t.Fatalf("found %+v", r.Items)
	}
	for k, id := range want {
		if found[k] != id {
			t.Errorf("%s: found %q, want %q", k.Label(), found[k], id)
		}
	}
}

func TestAnInvoiceWithoutItsLinesCannotBeReconciled(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	d := openBillingDesktop(t, s, model.RoleBilling)
	_, err := d.ReconcileInvoice(d.ctx, s.invoice("2026-01").ID)
	if model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("reconciling an invoice whose lines were never fetched: %v", err)
	}
}
