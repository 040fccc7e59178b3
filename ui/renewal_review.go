package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// renewalReviewTab shows the offer as it stands: each plan today and at
// renewal, and the benefits that change.
type renewalReviewTab struct {
	rs       *renewalsScreen
	root     fyne.CanvasObject
	plans    *fyne.Container
	benefits *fyne.Container
}

func newRenewalReviewTab(rs *renewalsScreen) *renewalReviewTab {
	t := &renewalReviewTab{rs: rs, plans: container.NewVBox(), benefits: container.NewVBox()}
	body := container.NewVBox(
		heading("Plans today and at renewal", "A month; each plan renews into the plan the carrier maps it to"), t.plans,
		heading("Benefits that change", "Highlighted: what the plan will be at renewal"), t.benefits)
	t.root = container.NewVScroll(container.NewPadded(body))
	return t
}

var renewalPlanHeaders = []string{"Plan today", "Renews into", "Subscribers / people", "Today", "At renewal", "Change"}

func (t *renewalReviewTab) show() {
	t.plans.Objects = []fyne.CanvasObject{planGrid(t.rs.offered)}
	t.benefits.Objects = []fyne.CanvasObject{benefitGrid(t.rs.renewal.Offer.Changes, t.rs.renewal)}
	t.root.Refresh()
}

// planGrid lays out each current plan today and at renewal, and the total.
func planGrid(rv *model.RenewalReview) fyne.CanvasObject {
	grid := newColumns(len(renewalPlanHeaders), 1)
	for _, h := range renewalPlanHeaders {
		grid.Add(bold(h))
	}
	for _, p := range rv.Plans {
		to := widget.NewLabel(p.To.Name)
		if p.From.ID != p.To.ID {
			to.Importance, to.TextStyle = widget.WarningImportance, fyne.TextStyle{Bold: true}
			if p.Discontinued {
				to.SetText(p.To.Name + " (successor)")
			}
		}
		grid.Add(widget.NewLabel(p.From.Name))
		grid.Add(to)
		addCells(grid, false, count(p.Subscribers)+" / "+count(p.Members), p.Current.String(), p.Renewal.String(), change(p.Current, p.Renewal))
	}
	grid.Add(bold("Total"))
	grid.Add(widget.NewLabel(""))
	addCells(grid, true, count(rv.Subscribers())+" / "+count(len(rv.Members)), rv.Current.String(), rv.Renewal.String(),
		change(rv.Current, rv.Renewal))
	return grid
}

// change is "+$1,008.15 (+9.2%)".
func change(before, after model.Money) string {
	return model.SignedMoney(after-before) + " (" + model.ChangePercent(before, after) + ")"
}

// addCells adds right-aligned cells.
func addCells(grid *fyne.Container, strong bool, cells ...string) {
	for _, c := range cells {
		grid.Add(widget.NewLabelWithStyle(c, fyne.TextAlignTrailing, fyne.TextStyle{Bold: strong}))
	}
}

// benefitGrid lists benefit changes, the renewal side highlighted.
func benefitGrid(changes []model.BenefitChange, r *model.Renewal) fyne.CanvasObject {
	if len(changes) == 0 {
		return widget.NewLabel("No benefit changes: every plan renews with the benefits it has today.")
	}
	grid := newColumns(4, 3)
	grid.Objects = []fyne.CanvasObject{bold("Plan today"), bold("Item"), bold("Today"), bold("At renewal")}
	for _, c := range changes {
		name := c.PlanID
		if p, ok := r.Offer.CurrentPlan(c.PlanID); ok {
			name = p.Name
		}
		after := widget.NewLabelWithStyle(c.After, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		after.Importance = widget.WarningImportance
		grid.Add(widget.NewLabel(name))
		grid.Add(widget.NewLabel(c.Item))
		grid.Add(widget.NewLabel(c.Before))
		grid.Add(after)
	}
	return grid
}
