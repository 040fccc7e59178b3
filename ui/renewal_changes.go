package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// The member changes of a renewal use the member forms' fields; each
// change is checked under the member rules as soon as it is added (see
// RenewalRoster) and again before the answer is sent.

// renewalDependents is the dependents part of a renewal form.
type renewalDependents struct {
	rows []renewalDependent
	box  *fyne.Container
}

type renewalDependent struct {
	rel    *widget.Select
	person *personFields
}

func newRenewalDependents() *renewalDependents {
	return &renewalDependents{box: container.NewVBox()}
}

func (d *renewalDependents) add() {
	labels := make([]string, len(dependentRelationships))
	for i, rel := range dependentRelationships {
		labels[i] = rel.Label()
	}
	r := renewalDependent{rel: widget.NewSelect(labels, nil), person: newPersonFields(func() {})}
	r.rel.SetSelectedIndex(2)
	d.rows = append(d.rows, r)
	d.box.Add(widget.NewForm(append([]*widget.FormItem{widget.NewFormItem("Relationship", r.rel)}, r.person.items(false)...)...))
	d.box.Add(widget.NewSeparator())
}

func (d *renewalDependents) read(lastName string, probs *model.Problems) []model.Member {
	var out []model.Member
	for _, r := range d.rows {
		m := model.Member{Relationship: dependentRelationships[max(r.rel.SelectedIndex(), 0)]}
		r.person.read(&m, probs)
		if m.LastName == "" {
			m.LastName = lastName
		}
		out = append(out, m)
	}
	return out
}

// changeDialog shows a renewal change form of a size; save reads the
// change, and a problem keeps the form open with its message.
func (t *renewalSubmitTab) changeDialog(title, note string, size fyne.Size, body fyne.CanvasObject, save func() (model.RenewalChange, error)) {
	problem := wrapped("")
	problem.Importance = widget.DangerImportance
	var d dialog.Dialog
	ok := widget.NewButtonWithIcon("Add to the renewal", theme.ConfirmIcon(), func() {
		c, err := save()
		if err != nil {
			problem.SetText(problemText(err))
			return
		}
		d.Hide()
		t.addChange(c)
	})
	ok.Importance = widget.HighImportance
	content := container.NewBorder(wrapped(note), container.NewVBox(problem, container.NewHBox(ok)), nil, nil,
		container.NewVScroll(body))
	d = dialog.NewCustom(title, "Cancel", content, t.rs.shell.win)
	d.Resize(size)
	t.rs.shell.showDialog(d, nil)
}

// startsNote says when coverage added at renewal starts.
func (t *renewalSubmitTab) startsNote() string {
	return fmt.Sprintf("Coverage starts on the renewal date, %s; the plan chosen renews where the scenario says.", longDate(t.rs.renewal.Effective))
}

// openEnroll enrolls a new employee (with dependents) at renewal, on one
// of the group's plans; the scenario says where that plan goes.
func (t *renewalSubmitTab) openEnroll() {
	person, deps := newPersonFields(func() {}), newRenewalDependents()
	employeeID, hire := entry("Employee ID", func() {}), entry("MM/DD/YYYY", func() {})
	plans := t.rs.renewal.Offer.Current
	var labels []string
	for i := range plans {
		labels = append(labels, plans[i].Label())
	}
	plan := widget.NewSelect(labels, nil)
	plan.SetSelectedIndex(0)
	form := widget.NewForm(append([]*widget.FormItem{widget.NewFormItem("Employee ID", employeeID)}, person.items(true)...)...)
	form.Append("Hire date", hire)
	form.Append("Plan", plan)
	addDep := widget.NewButtonWithIcon("Add a dependent", theme.ContentAddIcon(), deps.add)
	body := container.NewVBox(form, widget.NewCard("Dependents", "", container.NewVBox(deps.box, container.NewHBox(addDep))))
	t.changeDialog("Enroll an employee at renewal", t.startsNote(), fyne.NewSize(720, 620), body, func() (model.RenewalChange, error) {
		var probs model.Problems
		sub := model.Member{Relationship: model.RelEmployee, EmployeeID: strings.TrimSpace(employeeID.Text)}
		person.read(&sub, &probs)
		sub.Employment.HireDate = readDate(hire, "hire date", &probs)
		sub.PlanID = plans[max(plan.SelectedIndex(), 0)].ID
		c := model.RenewalChange{Kind: model.ChangeEnroll, Subscriber: &sub, Dependents: deps.read(sub.LastName, &probs), Who: sub.FullName()}
		return c, probs.Err()
	})
}

// coveredPeople lists the members of the roster as it stands who are
// covered on the renewal date, for the pickers: subscribers only, or
// everyone.
func (t *renewalSubmitTab) coveredPeople(subscribersOnly bool) ([]string, []model.Member) {
	var labels []string
	var out []model.Member
	for _, fam := range t.rs.roster {
		for i := range fam {
			m := fam[i]
			if !m.CoveredOn(t.rs.renewal.Effective) || m.ID == "" || (subscribersOnly && i > 0) {
				continue
			}
			label := m.FullName()
			if i > 0 {
				label += fmt.Sprintf(" (%s of %s)", strings.ToLower(m.Relationship.Label()), fam[0].FullName())
			}
			labels, out = append(labels, label), append(out, m)
		}
	}
	return labels, out
}

// openAddDependents adds dependents to an enrolled family at renewal.
func (t *renewalSubmitTab) openAddDependents() {
	labels, subs := t.coveredPeople(true)
	who := widget.NewSelect(labels, nil)
	deps := newRenewalDependents()
	deps.add()
	addDep := widget.NewButtonWithIcon("Add another", theme.ContentAddIcon(), deps.add)
	body := container.NewVBox(widget.NewForm(widget.NewFormItem("Subscriber", who)), deps.box, container.NewHBox(addDep))
	t.changeDialog("Add dependents at renewal", t.startsNote(), fyne.NewSize(720, 620), body, func() (model.RenewalChange, error) {
		i := who.SelectedIndex()
		if i < 0 {
			return model.RenewalChange{}, model.FieldError("subscriber", "choose the subscriber whose family they join")
		}
		var probs model.Problems
		c := model.RenewalChange{Kind: model.ChangeAddDependent, Family: subs[i].ID, Who: subs[i].FullName(),
			Dependents: deps.read(subs[i].LastName, &probs)}
		return c, probs.Err()
	})
}

// openTerminate ends a member's coverage at renewal.
func (t *renewalSubmitTab) openTerminate() {
	labels, people := t.coveredPeople(false)
	who := widget.NewSelect(labels, nil)
	reason := widget.NewSelect(model.TermReasons, nil)
	last := entry("MM/DD/YYYY", func() {})
	last.SetText(t.rs.renewal.Effective.AddDays(-1).US())
	form := widget.NewForm(widget.NewFormItem("Member", who), widget.NewFormItem("Reason", reason),
		widget.NewFormItem("Last day of coverage", last))
	note := fmt.Sprintf("Coverage ends with the plan year: the last day is the day before the renewal date of %s, unless you choose an earlier one.",
		longDate(t.rs.renewal.Effective))
	t.changeDialog("End coverage at renewal", note, fyne.NewSize(620, 340), form, func() (model.RenewalChange, error) {
		var probs model.Problems
		i := who.SelectedIndex()
		if i < 0 {
			probs.Add("member", "choose whose coverage ends")
		}
		day := readDate(last, "last day of coverage", &probs)
		if err := probs.Err(); err != nil {
			return model.RenewalChange{}, err
		}
		m := people[i]
		return model.RenewalChange{Kind: model.ChangeTerminate, Family: model.FamilyOf(&m), Member: m.ID, Date: day,
			Reason: reason.Selected, Who: m.FullName()}, nil
	})
}
