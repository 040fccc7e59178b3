package ui

import (
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/proposal"
)

// proposal is the quote as a proposal: the compared plans, or the first
// four quoted when none is ticked.
func (q *quoteScreen) proposal() *proposal.Proposal {
	quotes := q.compared()
	if len(quotes) == 0 {
		quotes = q.quotes[:min(len(q.quotes), model.MaxCompared)]
	}
	prospect := strings.TrimSuffix(strings.TrimSuffix(q.source, filepath.Ext(q.source)), "")
	if q.groupID != "" {
		prospect = q.group.Name
	}
	return &proposal.Proposal{Prospect: prospect, Source: q.source, Census: q.census, Quotes: quotes,
		Contribution: q.contrib, Prepared: q.shell.deps.Now()}
}

func (q *quoteScreen) chooseExport(ext string) {
	if q.census == nil || len(q.quotes) == 0 {
		dialog.ShowInformation("Nothing to export", "Quote a census across at least one plan first.", q.shell.win)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		q.exportTo(path)
	}, q.shell.win)
	d.SetFileName("proposal" + ext)
	d.Resize(fyne.NewSize(900, 620))
	d.Show()
}

// exportTo writes the proposal to path (PDF or XLSX by its extension).
func (q *quoteScreen) exportTo(path string) {
	p := q.proposal()
	var err error
	q.shell.background(func() { err = proposal.WriteFile(path, p) }, func() {
		if err != nil {
			q.shell.showError("The proposal could not be written", err)
			return
		}
		q.shell.setStatus("Proposal written to " + path)
	})
}

func (q *quoteScreen) askScenarioName() {
	if q.census == nil {
		return
	}
	name := widget.NewEntry()
	name.SetText(q.source + " · " + time.Now().Format("Jan 2"))
	dialog.ShowForm("Save scenario", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		if ok {
			q.saveScenario(name.Text)
		}
	}, q.shell.win)
}

// saveScenario keeps the quote to come back to.
func (q *quoteScreen) saveScenario(name string) error {
	sc := &model.QuoteScenario{Name: name, GroupID: q.groupID, Effective: q.census.Effective, Source: q.source,
		Census: q.people, Compare: q.comparedIDs(), Contribution: q.contrib}
	for _, pq := range q.quotes {
		sc.PlanIDs = append(sc.PlanIDs, pq.Plan.ID)
	}
	err := q.shell.quotes().SaveScenario(q.shell.deps.Ctx, sc)
	if err != nil {
		q.shell.showError("The scenario could not be saved", err)
		return err
	}
	q.shell.setStatus("Scenario " + name + " saved")
	return nil
}

func (q *quoteScreen) chooseScenario() {
	list, err := q.shell.quotes().Scenarios(q.shell.deps.Ctx)
	if err != nil || len(list) == 0 {
		dialog.ShowInformation("No scenarios", "Save a quote as a scenario to come back to it here.", q.shell.win)
		return
	}
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	pick := widget.NewSelect(names, nil)
	dialog.ShowCustomConfirm("Open scenario", "Open", "Cancel", pick, func(ok bool) {
		if ok && pick.SelectedIndex() >= 0 {
			q.openScenario(list[pick.SelectedIndex()])
		}
	}, q.shell.win)
}

// openScenario shows a saved scenario again.
func (q *quoteScreen) openScenario(sc model.QuoteScenario) {
	q.effective.SetText(sc.Effective.US())
	q.contrib = sc.Contribution
	q.controls.set(sc.Contribution)
	q.compare = map[string]bool{}
	for _, id := range sc.Compare {
		q.compare[id] = true
	}
	q.plans.Selected = nil
	for _, id := range sc.PlanIDs {
		if p, ok := q.cat.Plan(id); ok {
			q.plans.Selected = append(q.plans.Selected, planChoice(p))
		}
	}
	q.plans.Refresh()
	q.setPeople(sc.Census, sc.Source, sc.GroupID)
}
