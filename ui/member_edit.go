package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// editDialog changes a person's details (not their coverage).
type editDialog struct {
	*changeDialog
	m          *membersScreen
	member     model.Member
	person     *personFields
	employeeID *widget.Entry
	hire       *widget.Entry
}

func (m *membersScreen) openEdit(mem model.Member) *editDialog {
	d := &editDialog{changeDialog: newChangeDialog(m.shell, mem.GroupID), m: m, member: mem}
	d.build, d.saved = d.read, d.onSaved
	d.describe = func(model.Outcome) string { return "Coverage is not changed here; use Change coverage or Terminate." }
	d.person = newPersonFields(d.changed)
	d.person.fill(mem)
	form := widget.NewForm(d.person.items(true)...)
	if mem.IsSubscriber() {
		d.employeeID, d.hire = entry("Employee ID", d.changed), entry("MM/DD/YYYY", d.changed)
		d.employeeID.SetText(mem.EmployeeID)
		d.hire.SetText(mem.Employment.HireDate.US())
		form.Items = append([]*widget.FormItem{widget.NewFormItem("Employee ID", d.employeeID)}, form.Items...)
		form.Append("Hire date", d.hire)
	}
	d.show("Edit "+mem.FullName(), form, fyne.NewSize(640, 600))
	return d
}

func (d *editDialog) read() (model.FamilyChange, error) {
	var probs model.Problems
	m := d.member
	d.person.read(&m, &probs)
	if d.employeeID != nil {
		m.EmployeeID = strings.TrimSpace(d.employeeID.Text)
		m.Employment.HireDate = readDate(d.hire, "hire date", &probs)
	}
	return &model.DemographicsUpdate{Member: m}, probs.Err()
}

func (d *editDialog) onSaved(out model.Outcome) {
	for _, m := range out.Family {
		if m.ID == d.member.ID {
			d.m.afterChange(m, fmt.Sprintf("%s's details saved.", m.FullName()), nil)
		}
	}
}
