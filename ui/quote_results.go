package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// rate prepares the census and rates it under the ticked plans; the
// contribution is applied afterwards, so typing in it does not re-rate.
func (q *quoteScreen) rate() {
	if q.cat == nil || len(q.people) == 0 {
		return
	}
	eff, err := model.ParseDate(q.effective.Text)
	if err != nil || eff.IsZero() {
		q.status.SetText("The effective date is not a date: use MM/DD/YYYY.")
		return
	}
	areas, _ := model.NewAreaIndex(q.cat.Areas)
	zip := ""
	if q.groupID != "" {
		zip = q.group.Address.ZIP
	}
	c, probs := model.PrepareCensus(q.people, model.CensusOptions{Effective: eff, Today: q.shell.deps.today(), GroupZIP: zip, Areas: areas})
	if len(probs) > 0 {
		q.census, q.quotes = nil, nil
		q.status.SetText(errorsOf(probs))
		q.render()
		return
	}
	var ids []string
	for _, choice := range q.plans.Selected {
		ids = append(ids, planIDOf(choice))
	}
	sort.Strings(ids)
	q.census = c
	q.quotes, err = model.QuotePlans(c, q.cat, ids)
	if err != nil {
		q.status.SetText(model.ErrorMessage(err))
	} else {
		q.status.SetText(fmt.Sprintf("%s and %s from %s, rated on %s.", plural(c.Employees(), "employee", "employees"),
			plural(len(c.People)-c.Employees(), "dependent", "dependents"), q.source, longDate(eff)))
	}
	q.render()
}

// onContribution applies a changed what-if to the totals as the user types.
func (q *quoteScreen) onContribution(c model.Contribution) {
	q.contrib = c
	q.render()
}

// render shows the plans' totals, the comparison and the employees.
func (q *quoteScreen) render() {
	q.results.Objects = nil
	q.side.Objects = nil
	q.employees.Objects = nil
	if q.census != nil {
		q.results.Add(q.resultsGrid())
		q.side.Add(q.sideBySide())
		q.employees.Add(q.employeeGrid())
	}
	q.body.Refresh()
}

// amountAlign lines amounts and their headings up on the right.
func amountAlign(amount bool) fyne.TextAlign {
	if amount {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// resultHeaders head the plans quoted; the plan's name is the box that
// ticks it for comparison.
var resultHeaders = []string{"Plan", "Premium", "Employer", "Employees", "Employer a year"}

func (q *quoteScreen) resultsGrid() fyne.CanvasObject {
	grid := newColumns(len(resultHeaders), 0)
	for i, h := range resultHeaders {
		grid.Add(widget.NewLabelWithStyle(h, amountAlign(i >= 1), fyne.TextStyle{Bold: true}))
	}
	for i := range q.quotes {
		pq := &q.quotes[i]
		id := pq.Plan.ID
		check := widget.NewCheck(pq.Plan.Name, nil)
		check.SetChecked(q.compare[id])
		check.OnChanged = func(on bool) { q.setCompared(id, on) }
		grid.Add(check)
		if pq.Err != nil {
			msg := widget.NewLabel(model.ErrorMessage(pq.Err))
			msg.Wrapping = fyne.TextWrapWord
			grid.Add(msg)
			grid.Add(widget.NewLabel(""))
			grid.Add(widget.NewLabel(""))
			grid.Add(widget.NewLabel(""))
			continue
		}
		cost := q.contrib.Cost(q.census, pq)
		for _, m := range []model.Money{pq.Total, cost.Employer, cost.Employee, cost.AnnualEmployer()} {
			grid.Add(widget.NewLabelWithStyle(m.String(), fyne.TextAlignTrailing, fyne.TextStyle{}))
		}
	}
	return grid
}

// setCompared ticks or unticks a plan for the side-by-side view (at most
// four: a fifth unticks itself).
func (q *quoteScreen) setCompared(id string, on bool) {
	if on && len(q.comparedIDs()) >= model.MaxCompared && !q.compare[id] {
		q.status.SetText(fmt.Sprintf("At most %d plans are compared side by side.", model.MaxCompared))
		q.render()
		return
	}
	q.compare[id] = on
	q.render()
}

// compared lists the quotes ticked for comparison, in the list's order.
func (q *quoteScreen) compared() []model.PlanQuote {
	var out []model.PlanQuote
	for _, pq := range q.quotes {
		if q.compare[pq.Plan.ID] {
			out = append(out, pq)
		}
	}
	return out
}

func (q *quoteScreen) comparedIDs() []string {
	var out []string
	for _, pq := range q.compared() {
		out = append(out, pq.Plan.ID)
	}
	return out
}

// sideBySide lays the compared plans side by side, differences in bold
// and coloured.
func (q *quoteScreen) sideBySide() fyne.CanvasObject {
	cmp := q.compared()
	if len(cmp) == 0 {
		return widget.NewLabel("Tick up to four plans above to compare them.")
	}
	grid := newColumns(len(cmp)+1, 0)
	grid.Add(widget.NewLabel(""))
	for _, pq := range cmp {
		grid.Add(widget.NewLabelWithStyle(pq.Plan.Name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
	}
	for _, r := range model.ComparePlans(q.census, cmp, q.contrib) {
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

var employeeHeaders = []string{"Employee", "Coverage", "Premium", "Employer", "Employee share", "Per pay period"}

// employeeGrid shows each employee's share under the first compared plan
// (or the first plan quoted), at most 200 rows.
func (q *quoteScreen) employeeGrid() fyne.CanvasObject {
	pqs := q.compared()
	if len(pqs) == 0 {
		pqs = q.quotes
	}
	if len(pqs) == 0 || pqs[0].Err != nil {
		return widget.NewLabel("")
	}
	cost := q.contrib.Cost(q.census, &pqs[0])
	grid := newColumns(len(employeeHeaders), 0)
	for i, h := range employeeHeaders {
		grid.Add(widget.NewLabelWithStyle(h, amountAlign(i >= 2), fyne.TextStyle{Bold: true}))
	}
	for f, fc := range cost.Families {
		if f == 200 {
			break
		}
		sub := q.census.Subscriber(f)
		per := fc.Deduction.String()
		if fc.Extra > 0 {
			per += " (+1¢ ×" + fmt.Sprint(fc.Extra) + ")"
		}
		for i, s := range []string{sub.FirstName + " " + sub.LastName, q.census.Families[f].Tier.Label(),
			fc.Premium.String(), fc.Employer.String(), fc.Employee.String(), per} {
			grid.Add(widget.NewLabelWithStyle(s, amountAlign(i >= 2), fyne.TextStyle{}))
		}
	}
	return container.NewVBox(widget.NewLabel(pqs[0].Plan.Name+" · "+q.contrib.Describe()), grid)
}
