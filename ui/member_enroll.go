package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// enrollDialog enrolls a subscriber and their dependents in one form.
type enrollDialog struct {
	*changeDialog
	m          *membersScreen
	employeeID *widget.Entry
	hire       *widget.Entry
	effective  *widget.Entry
	plan       *widget.Select
	planIDs    []string
	person     *personFields
	deps       []*dependentRow
	depBox     *fyne.Container
	addDep     *widget.Button
}

// dependentRow is one dependent in the enrollment form.
type dependentRow struct {
	rel    *widget.Select
	person *personFields
	remove *widget.Button
	box    fyne.CanvasObject
}

var dependentRelationships = []model.Relationship{model.RelSpouse, model.RelDomesticPartner, model.RelChild, model.RelOther}

func (m *membersScreen) openEnroll() *enrollDialog {
	if !m.shell.canEdit(m.group.ID) {
		return nil
	}
	d := &enrollDialog{changeDialog: newChangeDialog(m.shell, m.group.ID), m: m}
	d.build, d.describe, d.saved = d.read, d.describeOutcome, d.onSaved
	d.person = newPersonFields(d.changed)
	d.employeeID, d.hire = entry("Employee ID", d.changed), entry("MM/DD/YYYY", d.changed)
	d.effective = entry("MM/DD/YYYY", d.changed)
	d.effective.SetText(m.shell.deps.today().FirstOfNextMonth().US())
	d.plan = widget.NewSelect(nil, func(string) { d.changed() })
	d.plan.PlaceHolder = "Choose a plan"
	d.planIDs = m.fillPlans(d.plan)
	d.depBox = container.NewVBox()
	d.addDep = widget.NewButtonWithIcon("Add a dependent", theme.ContentAddIcon(), func() { d.addDependent(); d.changed() })
	form := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem("Employee ID", d.employeeID)}, d.person.items(true)...)...)
	form.Append("Hire date", d.hire)
	form.Append("Plan", d.plan)
	form.Append("Coverage starts", d.effective)
	body := container.NewVBox(widget.NewCard("Employee", "", form), widget.NewCard("Dependents", "Spouse or partner and children to cover", container.NewVBox(d.depBox, container.NewHBox(d.addDep))))
	d.show("Enroll an employee", body, fyne.NewSize(760, 700))
	return d
}

// fillPlans offers the plan catalog in a select and returns the plan IDs
// in the same order.
func (m *membersScreen) fillPlans(sel *widget.Select) []string {
	var labels, ids []string
	if len(m.planIDs) == 0 {
		return nil // the catalog could not be read (and the user was told)
	}
	for _, id := range m.planIDs[1:] {
		labels, ids = append(labels, m.plans[id].Label()), append(ids, id)
	}
	sel.SetOptions(labels)
	return ids
}

func (d *enrollDialog) addDependent() *dependentRow {
	r := &dependentRow{person: newPersonFields(d.changed)}
	labels := make([]string, len(dependentRelationships))
	for i, rel := range dependentRelationships {
		labels[i] = rel.Label()
	}
	r.rel = widget.NewSelect(labels, func(string) { d.changed() })
	r.rel.SetSelectedIndex(2)
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.removeDependent(r) })
	form := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem("Relationship", container.NewBorder(nil, nil, nil, r.remove, r.rel))},
		r.person.items(false)...)...)
	r.box = container.NewVBox(form, widget.NewSeparator())
	d.deps = append(d.deps, r)
	d.depBox.Add(r.box)
	return r
}

func (d *enrollDialog) removeDependent(r *dependentRow) {
	for i := range d.deps {
		if d.deps[i] == r {
			d.deps = append(d.deps[:i], d.deps[i+1:]...)
			break
		}
	}
	d.depBox.Remove(r.box)
	d.changed()
}

// read builds the enrollment from the form.
func (d *enrollDialog) read() (model.FamilyChange, error) {
	var probs model.Problems
	sub := model.Member{Relationship: model.RelEmployee, EmployeeID: strings.TrimSpace(d.employeeID.Text)}
	d.person.read(&sub, &probs)
	sub.Employment.HireDate = readDate(d.hire, "hire date", &probs)
	sub.Effective = readDate(d.effective, "coverage start", &probs)
	if i := d.plan.SelectedIndex(); i >= 0 {
		sub.PlanID = d.planIDs[i]
	}
	e := &model.Enrollment{Subscriber: sub}
	for _, r := range d.deps {
		dep := model.Member{Relationship: dependentRelationships[max(r.rel.SelectedIndex(), 0)]}
		r.person.read(&dep, &probs)
		if dep.LastName == "" {
			dep.LastName = sub.LastName
		}
		e.Dependents = append(e.Dependents, dep)
	}
	return e, probs.Err()
}

func (d *enrollDialog) describeOutcome(out model.Outcome) string {
	s := out.Family[0]
	return fmt.Sprintf("%s, %s, from %s: %s.", s.Tier.Label(), d.m.planName(s.PlanID), longDate(s.Effective), plural(len(out.Family), "person", "people"))
}

func (d *enrollDialog) onSaved(out model.Outcome) {
	s := out.Family[0]
	d.m.afterChange(s, fmt.Sprintf("%s enrolled with %s.", s.FullName(), plural(len(out.Family)-1, "dependent", "dependents")), nil)
}
