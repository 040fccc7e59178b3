package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// bakeryFamilies: Anna alone on the age-rated plan (45 at the start of the
// 2026 plan year), Ben and his spouse on the composite plan (ES,
// $1,200.00), and Cy, whose coverage ended at the end of 2025.
func bakeryFamilies() [][]model.Member {
	anna := billedPerson("anna", "", "Anna", model.RelEmployee, "1980-06-01", "GOLD")
	ben := billedPerson("ben", "", "Ben", model.RelEmployee, "1975-03-03", "SILVER")
	bea := billedPerson("bea", "ben", "Bea", model.RelSpouse, "1976-04-04", "SILVER")
	ben.Tier, bea.Tier = model.TierES, model.TierES
	cy := billedPerson("cy", "", "Cy", model.RelEmployee, "1990-01-01", "GOLD")
	cy.Status, cy.Termination = model.StatusTerminated, model.MustDate("2025-12-31")
	return [][]model.Member{{anna}, {ben, bea}, {cy}}
}

// annaRate is Anna's premium: $500.00 × the age-45 factor 1.444.
var annaRate = model.Money(50000).MulRound(model.CurveFederal2018.Factor(45))

func TestTheInvoiceBillsEachCoveredFamilyForItsMonth(t *testing.T) {
	d := issue("2026-02", bakeryFamilies(), nil)
	inv := d.Invoice
	if inv.IssuedOn.String() != "2026-01-01" || inv.DueOn.String() != "2026-01-20" {
		t.Fatalf("issued %s, due %s; want the 1st and the 20th of the month before", inv.IssuedOn, inv.DueOn)
	}
	want := map[string]struct {
		tier    model.Tier
		covered int
		amount  model.Money
	}{"anna": {model.TierEE, 1, annaRate}, "ben": {model.TierES, 2, 120000}}
	if len(inv.Lines) != len(want) {
		t.Fatalf("%d lines, want %d (Cy's coverage ended): %+v", len(inv.Lines), len(want), inv.Lines)
	}
	for _, l := range inv.Lines {
		w := want[l.SubscriberID]
		if l.Kind != model.LineCurrent || l.Tier != w.tier || l.Covered != w.covered || l.Amount != w.amount || l.Month.String() != "2026-02" {
			t.Errorf("line of %s: %+v, want %+v", l.Name, l, w)
		}
	}
	if inv.Current != annaRate+120000 || inv.AmountDue != annaRate+120000 || inv.Subscribers != 2 || inv.Members != 3 || len(d.Snapshots) != 3 {
		t.Fatalf("current %s due %s, %d subscribers, %d members, %d snapshots", inv.Current, inv.AmountDue, inv.Subscribers, inv.Members, len(d.Snapshots))
	}
}

func TestLateChangesBecomeRetroLinesForEachBilledMonth(t *testing.T) {
	fams := bakeryFamilies()
	jan := issue("2026-01", fams, nil)
	known := remember(nil, jan, fams)
	feb := issue("2026-02", fams, known, "2026-01")
	if len(feb.Invoice.Retro) != 0 {
		t.Fatalf("nothing changed, yet: %+v", feb.Invoice.Retro)
	}
	// Entered in February: Anna's son, covered since January 1; Bea's
	// coverage ended January 31.
	kid := billedPerson("kid", "anna", "Kai", model.RelChild, "2015-05-05", "GOLD")
	kid.Effective = model.MustDate("2026-01-01")
	fams[0] = append(fams[0], kid)
	fams[1][1].Status, fams[1][1].Termination = model.StatusTerminated, model.MustDate("2026-01-31")
	fams[1][0].Tier = model.TierEE
	mar := issue("2026-03", fams, known, "2026-01", "2026-02")
	got := map[string]model.InvoiceLine{}
	for _, l := range mar.Invoice.Retro {
		got[l.MemberID+" "+l.Month.String()] = l
	}
	kidRate := model.Money(50000).MulRound(model.CurveFederal2018.Factor(10))
	for key, w := range map[string]struct {
		kind   model.LineKind
		amount model.Money
		note   string
	}{
		"kid 2026-01": {model.LineAdd, kidRate, "Added: covered from 01/01/2026"},
		"kid 2026-02": {model.LineAdd, kidRate, "Added"},
		"ben 2026-02": {model.LineChange, -60000, "Tier from Employee + spouse/DP to Employee only"},
		"bea 2026-02": {model.LineTerm, 0, "Coverage ended 01/31/2026"},
	} {
		l, ok := got[key]
		if !ok || l.Kind != w.kind || l.Amount != w.amount || !strings.Contains(l.Note, w.note) {
			t.Errorf("%s: %+v, want %s %s %q", key, l, w.kind, w.amount, w.note)
		}
	}
	if len(got) != 4 {
		t.Errorf("%d retro lines, want 4: %+v", len(got), mar.Invoice.Retro)
	}
	if want := kidRate*2 - 60000; mar.Invoice.RetroTotal != want {
		t.Fatalf("retro total %s, want %s", mar.Invoice.RetroTotal, want)
	}
	apr := issue("2026-04", fams, remember(known, mar, fams), "2026-01", "2026-02", "2026-03")
	if len(apr.Invoice.Retro) != 0 {
		t.Fatalf("the next month repeats the adjustments: %+v", apr.Invoice.Retro)
	}
}

func TestAPlanChangeBillsTheOldPlanUntilItTakesEffect(t *testing.T) {
	fams := bakeryFamilies()
	feb := issue("2026-02", fams, nil)
	known := remember(nil, feb, fams)
	fams[0][0].PlanID, fams[0][0].Effective = "SILVER", model.MustDate("2026-04-01") // entered in February
	mar := issue("2026-03", fams, known, "2026-02")
	if l := mar.Invoice.Lines[0]; l.PlanID != "GOLD" || l.Amount != annaRate || len(mar.Invoice.Retro) != 0 {
		t.Fatalf("March, before the change: %+v retro %+v", l, mar.Invoice.Retro)
	}
	known = remember(known, mar, fams)
	apr := issue("2026-04", fams, known, "2026-02", "2026-03")
	if l := apr.Invoice.Lines[0]; l.PlanID != "SILVER" || l.Amount != 60000 || len(apr.Invoice.Retro) != 0 {
		t.Fatalf("April, on the new plan: %+v retro %+v", l, apr.Invoice.Retro)
	}
}

func TestTheStatementCarriesTheBalanceOver(t *testing.T) {
	prev := model.Invoice{AmountDue: 195000} // Anna and Ben last month
	in := model.InvoiceInput{Group: bakery, Period: mustPeriod("2026-03"), Rule: model.DefaultBillingRule, Plans: billingPlans,
		Families: bakeryFamilies(), Previous: &prev, Received: 150000, Returned: 20000}
	inv := model.BuildInvoice(in).Invoice
	if want := 195000 - 150000 + 20000 + annaRate + 120000; inv.AmountDue != want || inv.PreviousBalance != 195000 {
		t.Fatalf("amount due %s, want %s", inv.AmountDue, want)
	}
}

func TestSnapshotsKeepThePlansAPlanChangeEnded(t *testing.T) {
	m := billedPerson("m", "", "M", model.RelEmployee, "1980-01-01", "A")
	s1 := model.Snapshot([]model.Member{m}, nil)
	m.PlanID, m.Effective = "B", model.MustDate("2026-03-01")
	s2 := model.Snapshot([]model.Member{m}, &s1)
	m.PlanID, m.Effective = "A", model.MustDate("2026-06-01")
	s3 := model.Snapshot([]model.Member{m}, &s2)
	spans := s3.Members[0].Spans
	if len(spans) != 3 || spans[0].PlanID != "A" || spans[0].To.String() != "2026-02-28" || spans[1].PlanID != "B" ||
		spans[1].To.String() != "2026-05-31" || spans[2].From.String() != "2026-06-01" {
		t.Fatalf("A, then B, then A again: %+v", spans)
	}
	m.Effective = model.MustDate("2026-07-01") // the last change corrected a month later
	if s4 := model.Snapshot([]model.Member{m}, &s3); len(s4.Members[0].Spans) != 3 || s4.Members[0].Spans[1].To.String() != "2026-06-30" {
		t.Fatalf("after the correction: %+v", s4.Members[0].Spans)
	}
}
