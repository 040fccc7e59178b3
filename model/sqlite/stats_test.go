package sqlite

import (
	"reflect"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// enrolFamily creates a subscriber and dependents (relationship and date of
// birth) on one plan and tier.
func enrolFamily(t *testing.T, db *DB, g *model.Group, emp, plan string, tier model.Tier, tobacco bool, status model.Status,
	born string, deps ...[2]string) *model.Member {
	t.Helper()
	ctx := ownerCtx()
	sub := subscriber(g.ID, emp, "Sub", emp, born)
	sub.PlanID, sub.Tier, sub.Tobacco, sub.Status = plan, tier, tobacco, status
	if status == model.StatusTerminated {
		sub.Termination = model.MustDate("2026-03-31")
	}
	must(t, db.CreateMember(ctx, sub))
	for _, d := range deps {
		m := dependent(sub, model.Relationship(d[0]), "Dep", d[1])
		must(t, db.CreateMember(ctx, m))
	}
	return sub
}

func TestStats(t *testing.T) {
	db := openTestDB(t)
	g := seedGroup(t, db) // P1 Gold PPO (age, $440 in area-1), P2 Silver HMO (composite)
	ctx := ownerCtx()
	// The worked example of DOMAIN.md §1.1, rated on 2026-01-01.
	example := enrolFamily(t, db, g, "E1", "P1", model.TierFAM, true, model.StatusActive, "1980-07-01",
		[2]string{"spouse", "1982-07-01"}, [2]string{"child", "2017-07-01"}, [2]string{"child", "2008-07-01"},
		[2]string{"child", "2011-07-01"}, [2]string{"child", "2015-07-01"})
	single := enrolFamily(t, db, g, "E2", "P1", model.TierEE, false, model.StatusActive, "1995-07-01")
	couple := enrolFamily(t, db, g, "E3", "P2", model.TierES, false, model.StatusCOBRA, "1970-01-01", [2]string{"domestic_partner", "1971-01-01"})
	enrolFamily(t, db, g, "E4", "P1", model.TierEC, true, model.StatusTerminated, "1960-01-01")
	enrolFamily(t, db, g, "E5", "P-GONE", model.TierEE, false, model.StatusActive, "1990-01-01")

	st, err := db.Stats(ctx, g.ID, model.MustDate("2026-06-01"))
	must(t, err)

	t.Run("members are rated on the plan-year start", func(t *testing.T) {
		if st.RatingDate.String() != "2026-01-01" {
			t.Errorf("rating date %s", st.RatingDate)
		}
	})
	t.Run("head counts leave out the terminated", func(t *testing.T) {
		if st.Subscribers != 4 || st.Dependents != 6 || st.Terminated != 1 || st.UnratedMembers != 1 {
			t.Errorf("subscribers %d, dependents %d, terminated %d, unrated %d; want 4, 6, 1, 1",
				st.Subscribers, st.Dependents, st.Terminated, st.UnratedMembers)
		}
	})
	t.Run("the premium is the worked example plus the other families", func(t *testing.T) {
		// 2,390.34 (example) + 440 × 1.135 (single, 30) + 1,280.00 (ES composite)
		if want := model.Money(239034 + 49940 + 128000); st.MonthlyPremium != want {
			t.Errorf("premium %s, want %s", st.MonthlyPremium, want)
		}
	})
	t.Run("the premium equals RateFamily summed over the families", func(t *testing.T) {
		var want model.Money
		for _, sub := range []*model.Member{example, single, couple} {
			fam, err := db.Family(ctx, sub.ID)
			must(t, err)
			plan, err := db.Plan(ctx, sub.PlanID)
			must(t, err)
			people := make([]model.RatedPerson, len(fam))
			for i, m := range fam {
				people[i] = model.RatedPerson{Relationship: m.Relationship, DateOfBirth: m.DateOfBirth, Tobacco: m.Tobacco, Area: g.RatingArea}
			}
			_, total := model.RateFamily(&plan, &model.CurveFederal2018, people, st.RatingDate)
			want += total
		}
		if st.MonthlyPremium != want {
			t.Errorf("premium %s, RateFamily says %s", st.MonthlyPremium, want)
		}
	})
	t.Run("plans and tiers are counted by plan name and tier order", func(t *testing.T) {
		want := []model.PlanTierCount{
			{PlanID: "P-GONE", Tier: model.TierEE, Subscribers: 1, Members: 1},
			{PlanID: "P1", PlanName: "Gold PPO", Tier: model.TierEE, Subscribers: 1, Members: 1},
			{PlanID: "P1", PlanName: "Gold PPO", Tier: model.TierFAM, Subscribers: 1, Members: 6},
			{PlanID: "P2", PlanName: "Silver HMO", Tier: model.TierES, Subscribers: 1, Members: 2},
		}
		if !reflect.DeepEqual(st.ByPlanTier, want) {
			t.Errorf("got  %+v\nwant %+v", st.ByPlanTier, want)
		}
	})
	t.Run("an empty group has no premium", func(t *testing.T) {
		empty := fullGroup("G-EMPTY", "Empty")
		must(t, db.CreateGroup(ctx, empty))
		st, err := db.Stats(ctx, empty.ID, model.MustDate("2026-06-01"))
		must(t, err)
		if st.Subscribers != 0 || st.MonthlyPremium != 0 || len(st.ByPlanTier) != 0 {
			t.Errorf("%+v", st)
		}
	})
}

func TestPlanYearStart(t *testing.T) {
	tests := []struct {
		name, effective, renewal, on, want string
	}{
		{"before the renewal the year started a year earlier", "2020-01-01", "2027-01-01", "2026-06-01", "2026-01-01"},
		{"on the renewal date the new year starts", "2020-01-01", "2027-01-01", "2027-01-01", "2027-01-01"},
		{"after the renewal date the new year has started", "2020-01-01", "2027-01-01", "2027-03-01", "2027-01-01"},
		{"a mid-year renewal", "2020-07-01", "2026-07-01", "2026-06-30", "2025-07-01"},
		{"without a renewal date the effective date's anniversary", "2020-04-01", "", "2026-06-01", "2026-04-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &model.Group{EffectiveDate: model.MustDate(tt.effective), RenewalDate: model.MustDate(tt.renewal)}
			if got := PlanYearStart(g, model.MustDate(tt.on)); got.String() != tt.want {
				t.Errorf("PlanYearStart = %s, want %s", got, tt.want)
			}
		})
	}
}
