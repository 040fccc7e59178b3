package ui

import (
	"fmt"
	"maps"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// renewalExploreTab works out renewal options: where each plan goes, the
// plans compared side by side (alternatives from the catalog), and the
// employer's contribution, recomputed as the user types.
type renewalExploreTab struct {
	rs       *renewalsScreen
	root     fyne.CanvasObject
	mapping  *fyne.Container
	selects  map[string]*widget.Select // by current plan
	add      *widget.Select
	addBtn   *widget.Button
	controls *contributionControls
	name     *widget.Label
	totals   *widget.Label
	status   *widget.Label
	side     *fyne.Container
}

func newRenewalExploreTab(rs *renewalsScreen) *renewalExploreTab {
	t := &renewalExploreTab{rs: rs, mapping: container.NewVBox(), side: container.NewVBox(), selects: map[string]*widget.Select{}}
	t.add = widget.NewSelect(nil, nil)
	t.add.PlaceHolder = "Add a plan from the catalog"
	t.addBtn = widget.NewButtonWithIcon("Compare", theme.ContentAddIcon(), func() { t.addAlternative(planIDOf(t.add.Selected)) })
	t.controls = newContributionControls(model.DefaultContribution, t.onContribution)
	t.name, t.totals, t.status = bold(""), wrapped(""), wrapped("")
	t.status.Importance = widget.DangerImportance
	save := widget.NewButtonWithIcon("Save scenario…", theme.DocumentSaveIcon(), t.askName)
	open := widget.NewButtonWithIcon("Open scenario…", theme.FolderOpenIcon(), t.chooseScenario)
	pdfBtn := widget.NewButtonWithIcon("Comparison PDF…", theme.DownloadIcon(), func() { t.chooseExport(".pdf") })
	xlsxBtn := widget.NewButtonWithIcon("Comparison XLSX…", theme.DownloadIcon(), func() { t.chooseExport(".xlsx") })
	top := container.NewVBox(container.NewHBox(t.name, layout.NewSpacer(), open, save, pdfBtn, xlsxBtn), t.controls.view(), t.totals, t.status)
	body := container.NewVBox(
		heading("Where each plan goes", "The carrier's mapping to start with; choose another plan offered at renewal"), t.mapping,
		heading("Side by side", "Up to four plans at renewal rates, as if everyone were on each; highlighted rows differ"),
		container.NewBorder(nil, nil, nil, t.addBtn, t.add), t.side)
	t.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	return t
}

// show lays out the scenario being worked out.
func (t *renewalExploreTab) show() {
	t.showMapping()
	t.controls.set(t.rs.work.Contribution)
	t.render()
}

// showMapping offers, for each current plan, the plans it may renew into.
func (t *renewalExploreTab) showMapping() {
	r := t.rs.renewal
	t.mapping.Objects, t.selects = nil, map[string]*widget.Select{}
	grid := newColumns(2, 1)
	for _, pr := range t.rs.review.Plans {
		from := pr.From
		sel := widget.NewSelect(choicesFor(r, from), nil)
		if to, ok := r.Offer.Option(t.rs.work.Plans[from.ID]); ok {
			sel.SetSelected(planChoice(to))
		}
		sel.OnChanged = func(c string) { t.onMap(from.ID, planIDOf(c)) }
		t.selects[from.ID] = sel
		grid.Add(widget.NewLabel(fmt.Sprintf("%s (%s) renews into", from.Name, plural(pr.Subscribers, "subscriber", "subscribers"))))
		grid.Add(sel)
	}
	t.mapping.Add(grid)
	t.mapping.Refresh()
}

// choicesFor lists the plans offered at renewal rated like a current plan.
func choicesFor(r *model.Renewal, from *model.Plan) []string {
	var out []string
	for i := range r.Offer.Options {
		if p := &r.Offer.Options[i]; p.Rating.Method == from.Rating.Method {
			out = append(out, planChoice(p))
		}
	}
	return out
}

func (t *renewalExploreTab) onMap(from, to string) {
	if to == "" || t.rs.work.Plans[from] == to {
		return
	}
	t.rs.work.Plans = maps.Clone(t.rs.work.Plans)
	t.rs.work.Plans[from] = to
	_ = t.rs.work.AddCompared(to) // a fifth plan is simply not added
	t.rs.rerate()
}

// addAlternative adds a plan of the catalog to the side-by-side view.
func (t *renewalExploreTab) addAlternative(id string) {
	if id == "" {
		return
	}
	if err := t.rs.work.AddCompared(id); err != nil {
		t.status.SetText(model.ErrorMessage(err))
		return
	}
	t.add.ClearSelected()
	t.render()
}

func (t *renewalExploreTab) removeCompared(id string) {
	t.rs.work.RemoveCompared(id)
	t.render()
}

func (t *renewalExploreTab) onContribution(c model.Contribution) {
	t.rs.work.Contribution = c
	t.render()
}

func (t *renewalExploreTab) problem(msg string) { t.status.SetText(msg) }

// render shows the scenario's totals and the plans side by side.
func (t *renewalExploreTab) render() {
	rv, w := t.rs.review, &t.rs.work
	t.name.SetText(scenarioTitle(w))
	t.status.SetText(changeProblems(t.rs))
	t.refreshAdd()
	rows, quotes, err := rv.Compare(w.Compare, w.Contribution)
	if err != nil {
		t.status.SetText(model.ErrorMessage(err))
		return
	}
	cost := rv.Cost(w.Contribution)
	t.totals.SetText(fmt.Sprintf("This scenario: %s a month at renewal, %s (%s) from today's %s. The employer pays %s, employees %s.",
		rv.Renewal, model.SignedMoney(rv.Renewal-rv.Current), model.ChangePercent(rv.Current, rv.Renewal), rv.Current,
		cost.Employer, cost.Employee))
	t.side.Objects = []fyne.CanvasObject{t.sideGrid(rows, quotes)}
	t.side.Refresh()
}

func scenarioTitle(w *model.RenewalScenario) string {
	if w.Name == "" {
		return "Scenario (not saved)"
	}
	return "Scenario: " + w.Name
}

// refreshAdd offers the plans not compared yet.
func (t *renewalExploreTab) refreshAdd() {
	var opts []string
	for i := range t.rs.renewal.Offer.Options {
		if p := &t.rs.renewal.Offer.Options[i]; !slices.Contains(t.rs.work.Compare, p.ID) {
			opts = append(opts, planChoice(p))
		}
	}
	t.add.SetOptions(opts)
}

// sideGrid lays the compared plans side by side, differences in bold and
// coloured, each column with a button that takes it out.
func (t *renewalExploreTab) sideGrid(rows []model.CompareRow, quotes []model.PlanQuote) fyne.CanvasObject {
	if len(quotes) == 0 {
		return widget.NewLabel("Add up to four plans to compare them.")
	}
	grid := newColumns(len(quotes)+1, 0)
	grid.Add(widget.NewLabel(""))
	for _, q := range quotes {
		id := q.Plan.ID
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { t.removeCompared(id) })
		remove.Importance = widget.LowImportance
		grid.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabelWithStyle(q.Plan.Name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})))
	}
	for _, r := range rows {
		grid.Add(widget.NewLabel(r.Label))
		for _, v := range r.Values {
			l := widget.NewLabelWithStyle(v, fyne.TextAlignTrailing, fyne.TextStyle{Bold: r.Differ})
			if r.Differ {
				l.Importance = widget.WarningImportance
			}
			grid.Add(l)
		}
	}
	return grid
}

// changeProblems says which member changes cannot be made.
func changeProblems(rs *renewalsScreen) string {
	if len(rs.changeErr) == 0 {
		return ""
	}
	return fmt.Sprintf("%s cannot be made as they stand: see Submit.", plural(len(rs.changeErr), "member change", "member changes"))
}
