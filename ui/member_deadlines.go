package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// deadlinesDialog lists what must be done soon: children who turn 26 in
// the next 90 days, and life-event windows about to close.
type deadlinesDialog struct {
	m         *membersScreen
	deadlines model.Deadlines
	agingOut  *fyne.Container
	windows   *fyne.Container
	dlg       dialog.Dialog
}

func (m *membersScreen) loadDeadlines() (model.Deadlines, error) {
	e := m.shell.editor()
	if e == nil || m.group.ID == "" {
		return model.Deadlines{}, nil
	}
	return e.MemberDeadlines(m.shell.deps.Ctx, m.group.ID, model.DeadlineHorizon)
}

// updateDeadlineCount shows how many deadlines are coming on the button.
func (m *membersScreen) updateDeadlineCount() {
	d, err := m.loadDeadlines()
	n := len(d.AgingOut) + len(d.Windows)
	setVisible(m.actions.deadlines, err == nil && m.shell.editor() != nil && m.group.ID != "")
	m.actions.deadlines.SetText(fmt.Sprintf("Deadlines (%d)", n))
	m.actions.deadlines.Importance = widget.MediumImportance
	if n > 0 {
		m.actions.deadlines.Importance = widget.WarningImportance
	}
	m.actions.deadlines.Refresh()
}

func (m *membersScreen) openDeadlines() *deadlinesDialog {
	d := &deadlinesDialog{m: m, agingOut: container.NewVBox(), windows: container.NewVBox()}
	var err error
	if d.deadlines, err = m.loadDeadlines(); err != nil {
		m.shell.showError("Could not read the deadlines", err)
		return nil
	}
	d.fill()
	body := container.NewVBox(
		widget.NewCard("Turning 26 in the next 90 days", "Children are covered until the day before their 26th birthday", d.agingOut),
		widget.NewCard("Life-event windows closing", "Events reported for families, and the last day to enroll for them", d.windows))
	d.dlg = dialog.NewCustom("Deadlines — "+m.group.Name, "Close", container.NewVScroll(body), m.shell.win)
	d.dlg.Resize(fyne.NewSize(680, 560))
	d.dlg.Show()
	return d
}

func (d *deadlinesDialog) fill() {
	today := d.m.shell.deps.today()
	if len(d.deadlines.AgingOut) == 0 {
		d.agingOut.Add(widget.NewLabel("Nobody turns 26 in the next 90 days."))
	}
	for _, a := range d.deadlines.AgingOut {
		a := a
		text := fmt.Sprintf("%s turns 26 on %s (%s): coverage ends %s", a.Member.FullName(), longDate(a.Birthday),
			relativeDays(today, a.Birthday), longDate(a.CoverageEnds))
		d.agingOut.Add(d.link(text, a.Member.ID))
	}
	if len(d.deadlines.Windows) == 0 {
		d.windows.Add(widget.NewLabel("No open life-event window closes in the next 90 days."))
	}
	for _, w := range d.deadlines.Windows {
		text := fmt.Sprintf("%s — %s on %s: window closes %s (%s)", w.Subscriber, w.Event.Event.Label(), longDate(w.Event.EventDate),
			longDate(w.Event.WindowCloses), relativeDays(today, w.Event.WindowCloses))
		d.windows.Add(d.link(text, w.Event.SubscriberID))
	}
}

// link is a row that opens the person in the detail panel.
func (d *deadlinesDialog) link(text, memberID string) *widget.Button {
	b := widget.NewButton(text, func() {
		d.dlg.Hide()
		d.m.shell.ShowScreen(d.m.title())
		d.m.showMember(memberID)
	})
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}
