package ui

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/ical"
)

const (
	scopeGroup = "This group"
	scopeBook  = "Every group"
)

// calendarScreen is the deadline calendar: the dated alerts of the group
// (or the whole book) as a month and as a list, exportable to any calendar
// program as an iCalendar file.
type calendarScreen struct {
	shell  *Shell
	group  model.GroupSummary
	alerts []model.Alert // dated, soonest first
	month  model.Date    // the first of the month shown

	root   fyne.CanvasObject
	scope  *widget.RadioGroup
	tabs   *container.AppTabs
	grid   *monthGrid
	list   *alertList
	day    *alertList
	dayBox *widget.Card
}

func newCalendarScreen(s *Shell) *calendarScreen {
	c := &calendarScreen{shell: s}
	c.root = c.build()
	return c
}

func (c *calendarScreen) title() string                 { return "Calendar" }
func (c *calendarScreen) icon() fyne.Resource           { return theme.CalendarIcon() }
func (c *calendarScreen) view() fyne.CanvasObject       { return c.root }
func (c *calendarScreen) setGroup(g model.GroupSummary) { c.group = g }
func (c *calendarScreen) shown()                        { c.load() }

func (c *calendarScreen) build() fyne.CanvasObject {
	c.scope = widget.NewRadioGroup([]string{scopeGroup, scopeBook}, nil)
	c.scope.Horizontal = true
	c.scope.Required = true
	c.scope.SetSelected(scopeGroup)
	c.scope.OnChanged = func(string) { c.load() }
	export := widget.NewButtonWithIcon("Export to calendar (.ics)…", theme.DocumentSaveIcon(), c.chooseExport)
	c.grid = newMonthGrid(c.onDay, c.moveMonth)
	c.day = newAlertList(c.shell, true, "Pick a day to see what is due on it.")
	c.dayBox = widget.NewCard("", "", minHeight(c.day.root, 3*rowHeight()))
	c.list = newAlertList(c.shell, true, "No deadlines ahead.")
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Month", theme.CalendarIcon(), container.NewBorder(nil, c.dayBox, nil, nil, c.grid.root)),
		container.NewTabItemWithIcon("List", theme.ListIcon(), c.list.root))
	head := container.NewBorder(nil, nil, c.scope, export)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, c.tabs)
}

// load reads the dated alerts of the scope.
func (c *calendarScreen) load() {
	groups := []model.GroupSummary{c.group}
	var err error
	if c.scope.Selected == scopeBook {
		groups, err = c.shell.deps.Store.Groups(c.shell.deps.Ctx, "")
	}
	if err != nil || (c.group.ID == "" && c.scope.Selected == scopeGroup) {
		c.set(nil)
		return
	}
	var as []model.Alert
	sc := alertScope{ctx: c.shell.deps.Ctx, shell: c.shell, today: c.shell.deps.today(), groups: groups}
	c.shell.background(func() { as, err = collectAlerts(sc) }, func() {
		if err != nil {
			fyne.LogError("reading the deadlines", err)
		}
		c.set(model.DatedAlerts(as))
	})
}

func (c *calendarScreen) set(as []model.Alert) {
	c.alerts = as
	c.day.setShowGroup(c.scope.Selected == scopeBook)
	c.list.setShowGroup(c.scope.Selected == scopeBook)
	if c.month.IsZero() {
		c.month = c.shell.deps.today().FirstOfMonth()
	}
	c.list.set(as)
	c.showMonth()
}

func (c *calendarScreen) moveMonth(by int) {
	c.month = c.month.AddMonths(by)
	c.showMonth()
}

func (c *calendarScreen) showMonth() {
	today := c.shell.deps.today()
	c.grid.show(c.month, today, c.alerts)
	c.day.empty.SetText("Pick a day to see what is due on it. Nothing is due ahead.")
	for _, a := range c.alerts {
		if !a.Due.Before(today) {
			c.day.empty.SetText(fmt.Sprintf("Pick a day to see what is due on it. The next deadline is %s (%s).", longDate(a.Due), relativeDays(today, a.Due)))
			break
		}
	}
	c.onDay(model.Date{})
}

// onDay lists the alerts due on a day.
func (c *calendarScreen) onDay(d model.Date) {
	var due []model.Alert
	for _, a := range c.alerts {
		if a.Due == d {
			due = append(due, a)
		}
	}
	c.day.set(due)
	c.dayBox.SetTitle("")
	if !d.IsZero() {
		c.dayBox.SetTitle(d.Time().Format("Monday, January 2, 2006"))
	}
}

// chooseExport asks where to save the calendar file.
func (c *calendarScreen) chooseExport() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		defer w.Close()
		if err := c.export(w); err != nil {
			c.shell.showError("Could not save the calendar", err)
			return
		}
		c.shell.setStatus(fmt.Sprintf("Saved %s with %s.", w.URI().Name(), plural(len(c.alerts), "deadline", "deadlines")))
	}, c.shell.win)
	d.SetFileName(c.fileName())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".ics"}))
	if home, err := os.UserHomeDir(); err == nil {
		if l, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

// export writes the calendar shown as an iCalendar file.
func (c *calendarScreen) export(w io.Writer) error {
	name := "GroupDesk deadlines"
	if c.scope.Selected == scopeGroup {
		name += " — " + c.group.Name
	}
	return ical.Write(w, ical.Calendar{Name: name, Alerts: c.alerts, Stamp: c.shell.deps.Now()})
}

func (c *calendarScreen) fileName() string {
	who := "book"
	if c.scope.Selected == scopeGroup && c.group.Number != "" {
		who = strings.ReplaceAll(c.group.Number, "/", "-")
	}
	return fmt.Sprintf("groupdesk-deadlines-%s-%s.ics", who, c.shell.deps.Now().Format(time.DateOnly))
}
