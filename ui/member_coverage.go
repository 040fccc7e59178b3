package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// coverageDialog moves a family to another plan, or drops dependents
// (which lowers the tier), from the first of a month.
type coverageDialog struct {
	*changeDialog
	m         *membersScreen
	family    []model.Member
	plan      *widget.Select
	planIDs   []string
	effective *widget.Select
	months    []model.Date
	drop      []*widget.Check
}

func (m *membersScreen) openCoverage(mem model.Member) *coverageDialog {
	fam, err := m.shell.deps.Store.Family(m.shell.deps.Ctx, model.FamilyOf(&mem))
	if err != nil {
		m.shell.showError("Could not read the family", err)
		return nil
	}
	d := &coverageDialog{changeDialog: newChangeDialog(m.shell, mem.GroupID), m: m, family: fam}
	d.build, d.saved = d.read, d.onSaved
	d.describe = func(out model.Outcome) string {
		return fmt.Sprintf("From %s: %s, %s.", longDate(d.months[max(d.effective.SelectedIndex(), 0)]), m.planName(out.Family[0].PlanID), out.Family[0].Tier.Label())
	}
	d.plan = widget.NewSelect(nil, func(string) { d.changed() })
	d.planIDs = m.fillPlans(d.plan)
	for i, id := range d.planIDs {
		if id == fam[0].PlanID {
			d.plan.SetSelectedIndex(i)
		}
	}
	d.effective = widget.NewSelect(nil, func(string) { d.changed() })
	d.months, d.effective.Options = monthStarts(m.shell.deps.today())
	d.effective.SetSelectedIndex(1)
	form := widget.NewForm(widget.NewFormItem("Plan", d.plan), widget.NewFormItem("From", d.effective))
	drops := container.NewVBox()
	for _, f := range fam[1:] {
		if f.Status == model.StatusTerminated {
			continue
		}
		c := widget.NewCheck(fmt.Sprintf("End %s's coverage (%s)", f.FullName(), f.Relationship.Label()), func(bool) { d.changed() })
		d.drop = append(d.drop, c)
		drops.Add(c)
	}
	body := container.NewVBox(widget.NewLabel("Current: "+m.planName(fam[0].PlanID)+", "+fam[0].Tier.Label()), form)
	if len(d.drop) > 0 {
		body.Add(widget.NewCard("Dependents", "Drop dependents to lower the coverage tier", drops))
	}
	d.show("Change coverage — "+fam[0].FullName(), body, fyne.NewSize(620, 520))
	return d
}

// monthStarts offers the first of this month and of the next three.
func monthStarts(today model.Date) ([]model.Date, []string) {
	var dates []model.Date
	var labels []string
	for i := range 4 {
		d := today.FirstOfMonth().AddMonths(i)
		dates, labels = append(dates, d), append(labels, longDate(d))
	}
	return dates, labels
}

func (d *coverageDialog) read() (model.FamilyChange, error) {
	cc := &model.CoverageChange{Subscriber: d.family[0].ID, Version: d.family[0].Version,
		Effective: d.months[max(d.effective.SelectedIndex(), 0)]}
	if i := d.plan.SelectedIndex(); i >= 0 {
		cc.PlanID = d.planIDs[i]
	}
	k := 0
	for _, f := range d.family[1:] {
		if f.Status == model.StatusTerminated {
			continue
		}
		if d.drop[k].Checked {
			cc.Drop = append(cc.Drop, f.ID)
		}
		k++
	}
	return cc, nil
}

func (d *coverageDialog) onSaved(out model.Outcome) {
	s := out.Family[0]
	d.m.afterChange(s, fmt.Sprintf("%s's family: %s, %s from %s.", s.FullName(), d.m.planName(s.PlanID), s.Tier.Label(), longDate(d.months[max(d.effective.SelectedIndex(), 0)])), nil)
}
