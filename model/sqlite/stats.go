package sqlite

import (
	"context"
	"fmt"
	"sort"

	"github.com/groupdesk/groupdesk/model"
)

// PlanYearStart returns the start of the plan year that contains on, given
// the group's next renewal date: rates change only at renewal, so members are
// rated with their age on this date.
func PlanYearStart(g *model.Group, on model.Date) model.Date {
	start := g.RenewalDate
	if start.IsZero() {
		start = g.EffectiveDate
	}
	for start.After(on) {
		start = start.AddYears(-1)
	}
	for !start.AddYears(1).After(on) {
		start = start.AddYears(1)
	}
	return start
}

// Stats returns the head counts, the members per plan and tier, and the
// estimated monthly premium of a group on a date.
func (db *DB) Stats(ctx context.Context, groupID string, on model.Date) (model.GroupStats, error) {
	var st model.GroupStats
	g, err := db.Group(ctx, groupID)
	if err != nil {
		return st, err
	}
	plans, err := db.Plans(ctx)
	if err != nil {
		return st, err
	}
	byID := map[string]*model.Plan{}
	for i := range plans {
		byID[plans[i].ID] = &plans[i]
	}
	st.RatingDate = PlanYearStart(&g, on)
	rows, err := db.read.QueryContext(ctx, `SELECT coalesce(subscriber_id, id), relationship, date_of_birth, tobacco, plan_id, tier, status
		FROM members WHERE group_id = ? ORDER BY coalesce(subscriber_id, id), subscriber_id IS NOT NULL`, groupID)
	if err != nil {
		return st, fmt.Errorf("reading the members of %s: %w", g.Name, err)
	}
	defer rows.Close()
	type key struct {
		plan string
		tier model.Tier
	}
	counts := map[key]*model.PlanTierCount{}
	var family []model.RatedPerson
	var familyPlan string
	rate := func() {
		if len(family) == 0 {
			return
		}
		p := byID[familyPlan]
		if p == nil {
			st.UnratedMembers += len(family)
		} else {
			lines, total := model.RateFamily(p, curveFor(p), family, st.RatingDate)
			for _, l := range lines {
				if l.Err != nil {
					st.UnratedMembers++
				}
			}
			st.MonthlyPremium += total
		}
		family = family[:0]
	}
	var lastFamily string
	for rows.Next() {
		var fam, planID string
		var rel model.Relationship
		var dob model.Date
		var tobacco bool
		var tier model.Tier
		var status model.Status
		if err := rows.Scan(&fam, &rel, dateCol{&dob}, &tobacco, &planID, &tier, &status); err != nil {
			return st, err
		}
		if status == model.StatusTerminated {
			st.Terminated++
			continue
		}
		if fam != lastFamily {
			rate()
			lastFamily, familyPlan = fam, planID
		}
		k := key{planID, tier}
		c := counts[k]
		if c == nil {
			c = &model.PlanTierCount{PlanID: planID, Tier: tier}
			if p := byID[planID]; p != nil {
				c.PlanName = p.Name
			}
			counts[k] = c
		}
		c.Members++
		if rel == model.RelEmployee {
			st.Subscribers++
			c.Subscribers++
		} else {
			st.Dependents++
		}
		family = append(family, model.RatedPerson{Relationship: rel, DateOfBirth: dob, Tobacco: tobacco, Area: g.RatingArea})
	}
	if err := rows.Err(); err != nil {
		return st, err
	}
	rate()
	for _, c := range counts {
		st.ByPlanTier = append(st.ByPlanTier, *c)
	}
	sort.Slice(st.ByPlanTier, func(i, j int) bool {
		a, b := st.ByPlanTier[i], st.ByPlanTier[j]
		if a.PlanName != b.PlanName {
			return a.PlanName < b.PlanName
		}
		return tierOrder(a.Tier) < tierOrder(b.Tier)
	})
	return st, nil
}

func tierOrder(t model.Tier) int {
	for i, x := range model.Tiers {
		if x == t {
			return i
		}
	}
	return len(model.Tiers)
}

func curveFor(p *model.Plan) *model.AgeCurve {
	if c, ok := model.BuiltinCurves[p.Rating.Curve]; ok {
		return &c
	}
	return &model.CurveFederal2018
}
