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

// setShowGroup names the group of each alert, or not (the Calendar of one
// group), building the list's rows anew when it changes.
func (l *alertList) setShowGroup(show bool) {
	if show == l.showGroup {
		return
	}
	l.showGroup = show
	old := l.list
	l.list = widget.NewList(func() int { return len(l.alerts) }, l.createRow, l.updateRow)
	l.list.OnSelected = l.onSelected
	setVisible(l.list, old.Visible())
	l.root.Objects[0] = l.list
	l.root.Refresh()
}

func (l *alertList) set(as []model.Alert) {
	l.alerts = as
	l.list.UnselectAll()
	l.list.Refresh()
	setVisible(l.empty, len(as) == 0)
	setVisible(l.list, len(as) > 0)
}

// createRow makes a row: the icon and when on the left, what on the right.
// Across groups the group's name is a line of its own above what, so that
// the name does not push the end of the alert (the amount, the date to
// answer by) out of sight.
func (l *alertList) createRow() fyne.CanvasObject {
	due := widget.NewLabel("Dec 31, 2026 · in 300 days")
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	var what fyne.CanvasObject = text
	if l.showGroup {
		group := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		group.Truncation = fyne.TextTruncateEllipsis
		what = container.New(&tightRows{}, group, text)
	}
	left := container.NewHBox(widget.NewIcon(theme.InfoIcon()), container.New(&atLeast{w: 190}, due))
	return container.NewBorder(nil, nil, left, nil, what)
}

func (l *alertList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	a := l.alerts[i]
	row := o.(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(severityIcon(a.Severity))
	left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(l.dueText(a))
	text, group := alertRowLabels(row)
	text.SetText(a.Text)
	if group != nil {
		group.SetText(a.Group)
	}
}

// alertRowLabels returns the labels of a row: what, and the group's name
// (nil in a list of one group's alerts).
func alertRowLabels(row *fyne.Container) (text, group *widget.Label) {
	if l, ok := row.Objects[0].(*widget.Label); ok {
		return l, nil
	}
	lines := row.Objects[0].(*fyne.Container)
	return lines.Objects[1].(*widget.Label), lines.Objects[0].(*widget.Label)
}

// tightRows stacks labels with no gap beyond their own padding, and no
// more: two lines of a row read as one item.
type tightRows struct{}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - theme.InnerPadding()
	}
	return s.AddWidthHeight(0, theme.InnerPadding())
}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h - theme.InnerPadding()
	}
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
