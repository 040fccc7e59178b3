package charts

import (
	"github.com/groupdesk/groupdesk/model"
)

// Headcount draws a group's subscribers and covered members on the first
// of each month.
func Headcount(points []model.HeadcountPoint, o Options) ([]byte, error) {
	c := Chart{Title: "Head count", Series: []Series{{Name: "Subscribers"}, {Name: "Members"}}}
	for _, p := range points {
		c.Labels = append(c.Labels, monthLabel(p.Month))
		c.Series[0].Values = append(c.Series[0].Values, float64(p.Subscribers))
		c.Series[1].Values = append(c.Series[1].Values, float64(p.Members))
	}
	return Line(c, o)
}

// PlanTier draws the active subscribers of each plan, one bar a plan with
// its coverage tiers stacked.
func PlanTier(counts []model.PlanTierCount, o Options) ([]byte, error) {
	var plans []string
	at := map[string]int{}
	for _, pc := range counts {
		name := planName(pc)
		if _, ok := at[name]; !ok {
			at[name] = len(plans)
			plans = append(plans, name)
		}
	}
	c := Chart{Title: "Subscribers by plan and tier", Labels: plans, Stacked: true, Horizontal: true}
	for _, t := range model.Tiers {
		s := Series{Name: t.Label(), Values: make([]float64, len(plans))}
		for _, pc := range counts {
			if pc.Tier == t {
				s.Values[at[planName(pc)]] += float64(pc.Subscribers)
			}
		}
		c.Series = append(c.Series, s)
	}
	return Bars(c, o)
}

func planName(pc model.PlanTierCount) string {
	if pc.PlanName != "" {
		return pc.PlanName
	}
	if pc.PlanID != "" {
		return pc.PlanID
	}
	return "No plan"
}

func monthLabel(d model.Date) string { return d.Time().Format("Jan 06") }
