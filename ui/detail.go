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

// memberDetail is the panel beside the Members table: the selected person,
// their family, their coverage, and the history of changes to them.
type memberDetail struct {
	shell   *Shell
	onPick  func(id string)
	onClose func()
	member  model.Member

	root     *container.Scroll
	heading  *widget.RichText
	subtitle *widget.Label
	coverage *widget.Form
	person   *widget.Form
	job      *widget.Form
	jobCard  *widget.Card
	family   *fyne.Container
	history  *fyne.Container
	body     *fyne.Container
	empty    *widget.Label
	// actions holds the buttons makeActions gives for the person shown.
	actions     *fyne.Container
	makeActions func(model.Member) []fyne.CanvasObject
}

func newMemberDetail(s *Shell, onPick func(id string), onClose func()) *memberDetail {
	d := &memberDetail{shell: s, onPick: onPick, onClose: onClose}
	d.heading = widget.NewRichText(&widget.TextSegment{Text: "", Style: widget.RichTextStyleSubHeading})
	d.subtitle = widget.NewLabel("")
	d.subtitle.TextStyle = quietStyle
	d.coverage, d.person, d.job = widget.NewForm(), widget.NewForm(), widget.NewForm()
	d.family = container.NewVBox()
	d.history = container.NewVBox()
	d.jobCard = widget.NewCard("Employment", "", d.job)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { d.onClose() })
	closeBtn.Importance = widget.LowImportance
	d.actions = container.NewGridWrap(fyne.NewSize(150, 36))
	d.body = container.NewVBox(container.NewBorder(nil, nil, nil, closeBtn, d.heading), d.subtitle, d.actions,
		widget.NewCard("Coverage", "", d.coverage),
		widget.NewCard("Family", "", d.family),
		widget.NewCard("Person", "", d.person),
		d.jobCard,
		widget.NewCard("History", "Who changed what, and when", d.history))
	d.empty = widget.NewLabel("Select a person in the table to see their details.")
	d.empty.Wrapping = fyne.TextWrapWord
	d.root = container.NewVScroll(container.NewStack(d.empty, d.body))
	d.clear()
	return d
}

func (d *memberDetail) view() fyne.CanvasObject { return d.root }

func (d *memberDetail) clear() {
	d.member = model.Member{}
	d.body.Hide()
	d.empty.Show()
}

// show fills the panel with a member, their family and their history.
func (d *memberDetail) show(m model.Member) {
	d.member = m
	d.empty.Hide()
	d.body.Show()
	today := d.shell.deps.today()
	d.heading.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: m.FullName(), Style: widget.RichTextStyleSubHeading}}
	d.heading.Refresh()
	d.subtitle.SetText(fmt.Sprintf("%s  ·  %s  ·  %s", m.Relationship.Label(), m.EmployeeID, m.Status.Label()))
	d.actions.Objects = nil
	if d.makeActions != nil {
		d.actions.Objects = d.makeActions(m)
	}
	d.actions.Refresh()

	term := longDate(m.Termination)
	if m.TermReason != "" {
		term += " (" + m.TermReason + ")"
	}
	setForm(d.coverage, [][2]string{
		{"Plan", d.planLabel(m.PlanID)},
		{"Coverage tier", m.Tier.Label()},
		{"Effective", longDate(m.Effective)},
		{"Coverage ends", term},
	})
	age := "—"
	if !m.DateOfBirth.IsZero() {
		age = fmt.Sprintf("%s (age %d)", longDate(m.DateOfBirth), m.DateOfBirth.AgeOn(today))
	}
	tobacco := "No"
	if m.Tobacco {
		tobacco = "Yes"
	}
	setForm(d.person, [][2]string{
		{"Date of birth", age},
		{"Gender", genderLabel(m.Gender)},
		{"SSN", orDash(m.MaskedSSN())},
		{"Tobacco use", tobacco},
		{"Email", orDash(m.Email)},
		{"Phone", orDash(m.Phone)},
		{"Address", orDash(m.Address.String())},
	})
	if m.IsSubscriber() {
		setForm(d.job, [][2]string{
			{"Hire date", longDate(m.Employment.HireDate)},
			{"Status", orDash(strings.ReplaceAll(m.Employment.Status, "_", "-"))},
			{"Hours a week", hours(m.Employment.HoursWeekly)},
			{"Department", orDash(m.Employment.Department)},
		})
		d.jobCard.Show()
	} else {
		d.jobCard.Hide()
	}
	d.showFamily(m)
	d.showHistory(m)
	d.root.ScrollToTop()
}

func (d *memberDetail) planLabel(id string) string {
	p, err := d.shell.deps.Store.Plan(d.shell.deps.Ctx, id)
	if err != nil {
		return orDash(id)
	}
	return p.Label()
}

func (d *memberDetail) showFamily(m model.Member) {
	d.family.Objects = nil
	root := m.ID
	if m.SubscriberID != "" {
		root = m.SubscriberID
	}
	fam, err := d.shell.deps.Store.Family(d.shell.deps.Ctx, root)
	if err != nil {
		d.family.Add(widget.NewLabel(model.ErrorMessage(err)))
		d.family.Refresh()
		return
	}
	today := d.shell.deps.today()
	for _, f := range fam {
		f := f
		label := fmt.Sprintf("%s — %s, %d", f.FullName(), f.Relationship.Label(), f.DateOfBirth.AgeOn(today))
		if f.Status == model.StatusTerminated {
			label += " (terminated)"
		}
		b := widget.NewButton(label, func() { d.onPick(f.ID) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if f.ID == m.ID {
			b.Importance = widget.HighImportance
		}
		d.family.Add(b)
	}
	d.family.Refresh()
}

func (d *memberDetail) showHistory(m model.Member) {
	d.history.Objects = nil
	entries, err := d.shell.deps.Store.History(d.shell.deps.Ctx, model.EntityMember, m.ID)
	switch {
	case err != nil:
		d.history.Add(widget.NewLabel(model.ErrorMessage(err)))
	case len(entries) == 0:
		d.history.Add(widget.NewLabel("No changes recorded."))
	}
	for i := len(entries) - 1; i >= 0; i-- { // newest first
		e := entries[i]
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s", e.At.Local().Format("Jan 2, 2006 3:04 PM"), e.Actor), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		d.history.Add(head)
		what := widget.NewLabel(e.Describe())
		what.Wrapping = fyne.TextWrapWord
		d.history.Add(what)
		for _, c := range e.Changes() {
			if e.Action == model.ActionCreate {
				break
			}
			l := widget.NewLabel(fmt.Sprintf("%s: from %s to %s", fieldLabel(c.Field), d.shell.shown(c.Field, c.Before), d.shell.shown(c.Field, c.After)))
			l.TextStyle = quietStyle
			l.Wrapping = fyne.TextWrapWord
			d.history.Add(l)
		}
	}
	d.history.Refresh()
}

func setForm(f *widget.Form, items [][2]string) {
	f.Items = nil
	for _, it := range items {
		l := widget.NewLabel(it[1])
		l.Wrapping = fyne.TextWrapWord
		f.Append(it[0], l)
	}
	f.Refresh()
}

func genderLabel(g model.Gender) string {
	switch g {
	case model.GenderFemale:
		return "Female"
	case model.GenderMale:
		return "Male"
	}
	return "Not specified"
}

func hours(h int) string {
	if h == 0 {
		return "—"
	}
	return fmt.Sprintf("%d", h)
}
