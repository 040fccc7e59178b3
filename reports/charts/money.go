package charts

import (
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// MonthPremium is the premium billed for one month.
type MonthPremium struct {
	Month   model.Date
	Premium model.Money
}

// MonthlyPremium draws the premium of each month (billing passes the last
// 24 months of invoices).
func MonthlyPremium(months []MonthPremium, o Options) ([]byte, error) {
	c := Chart{Title: "Monthly premium", Series: []Series{{Name: "Premium"}}, Format: Dollars}
	for _, m := range months {
		c.Labels = append(c.Labels, monthLabel(m.Month))
		c.Series[0].Values = append(c.Series[0].Values, dollars(m.Premium))
	}
	return Line(c, o)
}

// PlanRenewal is one plan's monthly premium now and at renewal.
type PlanRenewal struct {
	Plan             string
	Current, Renewal model.Money
}

// RenewalPlans are the plans of a renewal review that have members today,
// each with its premium today and at renewal, for RenewalChange.
func RenewalPlans(rv *model.RenewalReview) []PlanRenewal {
	var plans []PlanRenewal
	for _, p := range rv.Plans {
		if p.From == nil || p.Members == 0 {
			continue
		}
		plans = append(plans, PlanRenewal{Plan: p.From.Name, Current: p.Current, Renewal: p.Renewal})
	}
	return plans
}

// RenewalChange draws, for each plan, the current and the renewal monthly
// premium side by side; the labels carry the change in percent.
func RenewalChange(plans []PlanRenewal, o Options) ([]byte, error) {
	c := Chart{Title: "Renewal change by plan", Series: []Series{{Name: "Current"}, {Name: "Renewal"}}, Format: Dollars, Horizontal: true}
	for _, p := range plans {
		c.Labels = append(c.Labels, p.Plan+" "+change(p.Current, p.Renewal))
		c.Series[0].Values = append(c.Series[0].Values, dollars(p.Current))
		c.Series[1].Values = append(c.Series[1].Values, dollars(p.Renewal))
	}
	return Bars(c, o)
}

func dollars(m model.Money) float64 { return float64(m) / 100 }

// change is "+6.2%", or "" when there was nothing before.
func change(before, after model.Money) string {
	if before == 0 {
		return ""
	}
	return fmt.Sprintf("%+.1f%%", 100*float64(after-before)/float64(before))
}
