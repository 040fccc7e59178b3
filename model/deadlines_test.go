package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestAgingOutSoon(t *testing.T) {
	today := model.MustDate("2026-06-17")
	kid := func(id, born string, status model.Status) model.Member {
		m := famMember(id, "ann", model.RelChild, id, born)
		m.Status = status
		return m
	}
	ms := []model.Member{
		kid("turns-26-today", "2000-06-17", model.StatusActive),
		kid("turned-26-yesterday", "2000-06-16", model.StatusActive),
		kid("turns-26-in-90-days", "2000-09-15", model.StatusActive),
		kid("turns-26-in-91-days", "2000-09-16", model.StatusActive),
		kid("turns-26-soon-but-terminated", "2000-07-01", model.StatusTerminated),
		kid("turns-26-soon-on-cobra", "2000-08-01", model.StatusCOBRA),
		famMember("spouse-turns-26", "ann", model.RelSpouse, "s", "2000-07-01"),
		famMember("employee-turns-26", "", model.RelEmployee, "e", "2000-07-01"),
	}
	got := model.AgingOutSoon(ms, today, 90)
	var ids []string
	for _, a := range got {
		ids = append(ids, a.Member.ID)
	}
	want := []string{"turns-26-today", "turns-26-soon-on-cobra", "turns-26-in-90-days"}
	if len(ids) != len(want) {
		t.Fatalf("aging out: %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("aging out: %v, want %v", ids, want)
		}
	}
	if a := got[2]; a.DaysLeft != 90 || a.CoverageEnds.String() != "2026-09-14" {
		t.Errorf("the last one: %d days, coverage ends %s", a.DaysLeft, a.CoverageEnds)
	}
}

func TestWindowsClosingSoon(t *testing.T) {
	today := model.MustDate("2026-06-17")
	ev := func(id, closes string, st model.LifeEventStatus) model.LifeEventRecord {
		return model.LifeEventRecord{ID: id, SubscriberID: "ann", Event: model.EventMarriage, WindowCloses: model.MustDate(closes), Status: st}
	}
	got := model.WindowsClosingSoon([]model.LifeEventRecord{
		ev("closes-in-20-days", "2026-07-07", model.LifeEventOpen),
		ev("closed-yesterday", "2026-06-16", model.LifeEventOpen),
		ev("closes-today", "2026-06-17", model.LifeEventOpen),
		ev("already-used", "2026-06-20", model.LifeEventEnrolled),
		ev("closes-in-a-year", "2027-06-17", model.LifeEventOpen),
	}, map[string]string{"ann": "Ann Rivera"}, today, 30)
	if len(got) != 2 || got[0].Event.ID != "closes-today" || got[1].Event.ID != "closes-in-20-days" || got[1].DaysLeft != 20 || got[1].Subscriber != "Ann Rivera" {
		t.Fatalf("closing windows: %+v", got)
	}
}

func TestFamilyPremiumCountsTheCoveredOnly(t *testing.T) {
	plans := map[string]*model.Plan{"P1": testAgePlan("P1")}
	on := model.MustDate("2026-01-01")
	fam := riveras()
	all, err := model.FamilyPremium(plans, fam, "area-1", on)
	if err != nil {
		t.Fatal(err)
	}
	fam[1].Status = model.StatusTerminated
	less, _ := model.FamilyPremium(plans, fam, "area-1", on)
	// Bob is 44 on the rating date: 440.00 × 1.397 = 614.68 a month.
	if all-less != 61468 {
		t.Errorf("dropping Bob saves %s, want $614.68", all-less)
	}
	fam[0].Status = model.StatusTerminated
	if none, _ := model.FamilyPremium(plans, fam, "area-1", on); none != 0 {
		t.Errorf("a family whose subscriber is terminated costs %s", none)
	}
	e := model.PremiumChange(plans, riveras(), fam, "area-1", on)
	if e.Delta() != -all || e.String() == "" {
		t.Errorf("effect %+v", e)
	}
	if _, err := model.FamilyPremium(plans, riveras(), "area-9", on); err == nil {
		t.Error("an area without a rate gives no error")
	}
}
