package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// monthGrid is a month of days, Sunday first, each a button with the day
// and how many deadlines fall on it. Tab walks the days; Space or Enter
// picks one; the arrows beside the month's name move a month.
type monthGrid struct {
	label   *widget.Label
	days    *fyne.Container
	root    fyne.CanvasObject
	buttons []*widget.Button // the days shown, in order
	onDay   func(model.Date)
}

func newMonthGrid(onDay func(model.Date), move func(int)) *monthGrid {
	g := &monthGrid{onDay: onDay, days: container.NewGridWithColumns(7)}
	g.label = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { move(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { move(1) })
	head := container.NewBorder(nil, nil, prev, next, g.label)
	week := container.NewGridWithColumns(7)
	for d := time.Sunday; d <= time.Saturday; d++ {
		week.Add(widget.NewLabelWithStyle(d.String()[:3], fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	g.root = container.NewBorder(container.NewVBox(head, week), nil, nil, nil, g.days)
	return g
}

// show lays out the month with the count of alerts on each day.
func (g *monthGrid) show(month, today model.Date, alerts []model.Alert) {
	g.label.SetText(month.Time().Format("January 2006"))
	byDay := map[model.Date][]model.Alert{}
	for _, a := range alerts {
		byDay[a.Due] = append(byDay[a.Due], a)
	}
	g.days.Objects, g.buttons = nil, nil
	lead := int(month.Time().Weekday())
	for i := 0; i < lead; i++ {
		g.days.Add(widget.NewLabel(""))
	}
	for d := month; d.Month == month.Month; d = d.AddDays(1) {
		g.days.Add(g.dayButton(d, today, byDay[d]))
	}
	g.days.Refresh()
}

func (g *monthGrid) dayButton(d, today model.Date, due []model.Alert) *widget.Button {
	text := fmt.Sprint(d.Day)
	if len(due) > 0 {
		text += fmt.Sprintf(" · %d due", len(due))
	}
	b := widget.NewButton(text, func() { g.onDay(d) })
	b.Importance = widget.LowImportance
	switch worst := worstSeverity(due); {
	case len(due) == 0:
	case worst == model.SeverityUrgent:
		b.Importance = widget.DangerImportance
	case worst == model.SeverityWarning:
		b.Importance = widget.WarningImportance
	default:
		b.Importance = widget.HighImportance
	}
	if d == today {
		b.SetIcon(theme.RadioButtonCheckedIcon())
	}
	g.buttons = append(g.buttons, b)
	return b
}

func worstSeverity(as []model.Alert) model.Severity {
	w := model.SeverityInfo
	for _, a := range as {
		w = max(w, a.Severity)
	}
	return w
}
