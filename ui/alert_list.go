package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// alertList shows alerts most urgent first, one a row: how urgent, when,
// (the group, in the book of business,) and what. Selecting a row — with
// the mouse, or Tab then the arrows and Space — opens what acts on it.
type alertList struct {
	shell     *Shell
	alerts    []model.Alert
	showGroup bool
	list      *widget.List
	empty     *widget.Label
	root      *fyne.Container
}

func newAlertList(s *Shell, showGroup bool, emptyText string) *alertList {
	l := &alertList{shell: s, showGroup: showGroup}
	l.list = widget.NewList(func() int { return len(l.alerts) }, l.createRow, l.updateRow)
	l.list.OnSelected = l.onSelected
	l.empty = widget.NewLabel(emptyText)
	l.empty.Wrapping = fyne.TextWrapWord
	l.root = container.NewStack(l.list, l.empty)
	l.set(nil)
	return l
}

func (l *alertList) set(as []model.Alert) {
	l.alerts = as
	l.list.UnselectAll()
	l.list.Refresh()
	setVisible(l.empty, len(as) == 0)
	setVisible(l.list, len(as) > 0)
}

func (l *alertList) createRow() fyne.CanvasObject {
	due := widget.NewLabel("Dec 31, 2026 · in 300 days")
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	left := container.NewHBox(widget.NewIcon(theme.InfoIcon()), container.New(&atLeast{w: 190}, due))
	return container.NewBorder(nil, nil, left, nil, text)
}

func (l *alertList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	a := l.alerts[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*widget.Label)
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(severityIcon(a.Severity))
	left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(l.dueText(a))
	t := a.Text
	if l.showGroup && a.Group != "" {
		t = a.Group + " — " + t
	}
	text.SetText(t)
}

func (l *alertList) dueText(a model.Alert) string {
	if !a.Dated() {
		return a.Severity.Label()
	}
	return fmt.Sprintf("%s · %s", a.Due.Time().Format("Jan 2"), relativeDays(l.shell.deps.today(), a.Due))
}

func (l *alertList) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(l.alerts) {
		return
	}
	a := l.alerts[i]
	l.list.UnselectAll()
	l.shell.openAlert(a)
}

// severityIcon colours an alert by how soon it is due.
func severityIcon(s model.Severity) fyne.Resource {
	switch s {
	case model.SeverityUrgent:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case model.SeverityWarning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.NewPrimaryThemedResource(theme.InfoIcon())
}

// minHeight gives an object (a list, which shrinks to one row) a height to
// keep inside a scrolling page; it fills the width it is given.
func minHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	return container.New(&atLeast{h: h}, o)
}

// atLeast lays its objects over each other, filling the space, and asks
// for at least w×h (in Fyne's scaled units, so it grows with the text
// scale like everything else).
type atLeast struct{ w, h float32 }

var _ fyne.Layout = (*atLeast)(nil)

func (a *atLeast) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(a.w, a.h)
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

func (a *atLeast) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}
