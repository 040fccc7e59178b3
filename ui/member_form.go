package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// personFields are the entries of a person's details, shared by the
// enrollment, edit and add-dependent forms.
type personFields struct {
	first, middle, last, dob, ssn *widget.Entry
	email, phone, line1, city     *widget.Entry
	state, zip                    *widget.Entry
	gender                        *widget.Select
	tobacco                       *widget.Check
}

var genderOptions = []string{"Female", "Male", "Not specified"}

// newPersonFields makes the entries; changed is called on every edit.
func newPersonFields(changed func()) *personFields {
	p := &personFields{
		first: entry("First name", changed), middle: entry("Middle", changed), last: entry("Last name", changed),
		dob: entry("MM/DD/YYYY", changed), ssn: entry("123-45-6789", changed), email: entry("name@example.com", changed),
		phone: entry("", changed), line1: entry("Street and number", changed), city: entry("City", changed),
		state: entry("CA", changed), zip: entry("ZIP", changed),
	}
	p.gender = widget.NewSelect(genderOptions, func(string) { changed() })
	p.gender.SetSelectedIndex(2)
	p.tobacco = widget.NewCheck("Uses tobacco", func(bool) { changed() })
	return p
}

func entry(placeholder string, changed func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { changed() }
	return e
}

// items are the form rows of the fields.
func (p *personFields) items(contact bool) []*widget.FormItem {
	items := []*widget.FormItem{
		widget.NewFormItem("Name", gridRow(p.first, p.middle, p.last)),
		widget.NewFormItem("Date of birth", p.dob),
		widget.NewFormItem("Gender", p.gender),
		widget.NewFormItem("SSN", p.ssn),
		widget.NewFormItem("", p.tobacco),
	}
	if contact {
		items = append(items,
			widget.NewFormItem("Email", p.email),
			widget.NewFormItem("Phone", p.phone),
			widget.NewFormItem("Address", p.line1),
			widget.NewFormItem("City, state, ZIP", gridRow(p.city, p.state, p.zip)))
	}
	return items
}

// read puts the fields into m; a date that cannot be read is a problem.
func (p *personFields) read(m *model.Member, probs *model.Problems) {
	m.FirstName, m.MiddleName, m.LastName = strings.TrimSpace(p.first.Text), strings.TrimSpace(p.middle.Text), strings.TrimSpace(p.last.Text)
	m.DateOfBirth = readDate(p.dob, "date of birth", probs)
	m.Gender = []model.Gender{model.GenderFemale, model.GenderMale, model.GenderUnknown}[max(p.gender.SelectedIndex(), 0)]
	m.SSN, m.Tobacco = strings.TrimSpace(p.ssn.Text), p.tobacco.Checked
	m.Email, m.Phone = strings.TrimSpace(p.email.Text), strings.TrimSpace(p.phone.Text)
	m.Address.Line1, m.Address.City = strings.TrimSpace(p.line1.Text), strings.TrimSpace(p.city.Text)
	m.Address.State, m.Address.ZIP = strings.ToUpper(strings.TrimSpace(p.state.Text)), strings.TrimSpace(p.zip.Text)
	if m.SSN != "" {
		if _, err := model.NormalizeSSN(m.SSN); err != nil {
			*probs = append(*probs, err.(*model.Error))
		}
	}
}

// fill shows a member in the fields.
func (p *personFields) fill(m model.Member) {
	p.first.SetText(m.FirstName)
	p.middle.SetText(m.MiddleName)
	p.last.SetText(m.LastName)
	p.dob.SetText(m.DateOfBirth.US())
	p.ssn.SetText(model.FormatSSN(m.SSN))
	p.email.SetText(m.Email)
	p.phone.SetText(m.Phone)
	p.line1.SetText(m.Address.Line1)
	p.city.SetText(m.Address.City)
	p.state.SetText(m.Address.State)
	p.zip.SetText(m.Address.ZIP)
	p.tobacco.SetChecked(m.Tobacco)
	switch m.Gender {
	case model.GenderFemale:
		p.gender.SetSelectedIndex(0)
	case model.GenderMale:
		p.gender.SetSelectedIndex(1)
	default:
		p.gender.SetSelectedIndex(2)
	}
}

// readDate reads a date entry (MM/DD/YYYY or YYYY-MM-DD); an empty entry
// is the zero date, which the rules then ask for.
func readDate(e *widget.Entry, what string, probs *model.Problems) model.Date {
	d, err := model.ParseDate(e.Text)
	if err != nil {
		probs.Add(strings.ReplaceAll(what, " ", "_"), "%s: %s", what, strings.ReplaceAll(err.Error(), `"`, ""))
	}
	return d
}

// gridRow lays objects out in one row of equal columns.
func gridRow(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWithColumns(len(objs), objs...)
}
