package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// eventFields pick a qualifying life event and its date, and say what the
// rules table makes of them: the window and when coverage starts.
type eventFields struct {
	event *widget.Select
	date  *widget.Entry
}

func newEventFields(changed func()) *eventFields {
	labels := make([]string, len(model.LifeEvents))
	for i, e := range model.LifeEvents {
		labels[i] = e.Label()
	}
	f := &eventFields{event: widget.NewSelect(labels, func(string) { changed() }), date: entry("MM/DD/YYYY", changed)}
	f.event.PlaceHolder = "Choose the event"
	return f
}

func (f *eventFields) read(probs *model.Problems) (model.LifeEvent, model.Date) {
	var ev model.LifeEvent
	if i := f.event.SelectedIndex(); i >= 0 {
		ev = model.LifeEvents[i]
	}
	return ev, readDate(f.date, "event date", probs)
}

// windowText says how long the event's window is, by the group's rules.
func (m *membersScreen) windowText(ev *model.LifeEventRecord) string {
	if ev == nil {
		return ""
	}
	return fmt.Sprintf("%s on %s: the window to enroll closes on %s.", ev.Event.Label(), longDate(ev.EventDate), longDate(ev.WindowCloses))
}

// dependentDialog adds a dependent through a qualifying life event.
type dependentDialog struct {
	*changeDialog
	m      *membersScreen
	sub    model.Member
	event  *eventFields
	rel    *widget.Select
	person *personFields
}

func (m *membersScreen) openAddDependent(mem model.Member) *dependentDialog {
	sub, err := m.shell.deps.Store.Member(m.shell.deps.Ctx, model.FamilyOf(&mem))
	if err != nil {
		m.shell.showError("Could not read the subscriber", err)
		return nil
	}
	d := &dependentDialog{changeDialog: newChangeDialog(m.shell, mem.GroupID), m: m, sub: sub}
	d.build, d.saved = d.read, d.onSaved
	d.describe = func(out model.Outcome) string {
		added := out.Family[len(out.Family)-1]
		return fmt.Sprintf("%s Coverage starts on %s; the family becomes %s.", m.windowText(out.Event), longDate(added.Effective), added.Tier.Label())
	}
	d.event = newEventFields(d.changed)
	labels := make([]string, len(dependentRelationships))
	for i, r := range dependentRelationships {
		labels[i] = r.Label()
	}
	d.rel = widget.NewSelect(labels, func(string) { d.changed() })
	d.rel.SetSelectedIndex(2)
	d.person = newPersonFields(d.changed)
	d.person.last.SetText(sub.LastName)
	form := widget.NewForm(widget.NewFormItem("Life event", d.event.event), widget.NewFormItem("Event date", d.event.date),
		widget.NewFormItem("Relationship", d.rel))
	for _, it := range d.person.items(false) {
		form.AppendItem(it)
	}
	d.show("Add a dependent to "+sub.FullName()+"'s coverage", form, fyne.NewSize(640, 600))
	return d
}

func (d *dependentDialog) read() (model.FamilyChange, error) {
	var probs model.Problems
	ev, date := d.event.read(&probs)
	dep := model.Member{Relationship: dependentRelationships[max(d.rel.SelectedIndex(), 0)]}
	d.person.read(&dep, &probs)
	return &model.DependentAddition{Subscriber: d.sub.ID, Dependent: dep, Event: ev, EventDate: date}, probs.Err()
}

func (d *dependentDialog) onSaved(out model.Outcome) {
	added := out.Family[len(out.Family)-1]
	d.m.afterChange(added, fmt.Sprintf("%s added to %s's coverage from %s.", added.FullName(), d.sub.FullName(), longDate(added.Effective)), nil)
}

// lifeEventDialog reports a life event before anyone is added for it, so
// that the deadline list can remind everyone before its window closes.
type lifeEventDialog struct {
	*changeDialog
	m     *membersScreen
	sub   model.Member
	event *eventFields
	note  *widget.Entry
}

func (m *membersScreen) openLifeEvent(mem model.Member) *lifeEventDialog {
	sub, err := m.shell.deps.Store.Member(m.shell.deps.Ctx, model.FamilyOf(&mem))
	if err != nil {
		m.shell.showError("Could not read the subscriber", err)
		return nil
	}
	d := &lifeEventDialog{changeDialog: newChangeDialog(m.shell, mem.GroupID), m: m, sub: sub}
	d.build, d.saved = d.read, d.onSaved
	d.describe = func(out model.Outcome) string { return m.windowText(out.Event) }
	d.event = newEventFields(d.changed)
	d.note = entry("For example: spouse's details to follow", d.changed)
	form := widget.NewForm(widget.NewFormItem("Life event", d.event.event), widget.NewFormItem("Event date", d.event.date),
		widget.NewFormItem("Note", d.note))
	d.show("Report a life event — "+sub.FullName(), form, fyne.NewSize(600, 420))
	return d
}

func (d *lifeEventDialog) read() (model.FamilyChange, error) {
	var probs model.Problems
	ev, date := d.event.read(&probs)
	return &model.LifeEventReport{Subscriber: d.sub.ID, Event: ev, EventDate: date, Note: strings.TrimSpace(d.note.Text)}, probs.Err()
}

func (d *lifeEventDialog) onSaved(out model.Outcome) {
	d.m.afterChange(d.sub, d.m.windowText(out.Event)+" It is on the deadline list until then.", nil)
}
