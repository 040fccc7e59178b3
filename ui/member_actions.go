package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// memberActions are the Members screen's toolbar and the notice that
// reports the last change, with its Undo.
type memberActions struct {
	enroll, importBtn, export, undoImport, deadlines *widget.Button
	bar                                              *fyne.Container

	notice     *fyne.Container
	noticeText *widget.Label
	noticeUndo *widget.Button
	undo       func()
}

// buildActions makes the toolbar; its buttons are shown to those who may
// use them (updateActions).
func (m *membersScreen) buildActions() fyne.CanvasObject {
	a := &m.actions
	a.enroll = widget.NewButtonWithIcon("Enroll…", theme.ContentAddIcon(), func() { m.openEnroll() })
	a.importBtn = widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), m.chooseImport)
	a.export = widget.NewButtonWithIcon("Export…", theme.UploadIcon(), func() { m.openExport() })
	a.undoImport = widget.NewButtonWithIcon("Undo last import", theme.ContentUndoIcon(), m.confirmUndoImport)
	a.deadlines = widget.NewButtonWithIcon("Deadlines", theme.HistoryIcon(), func() { m.openDeadlines() })
	a.noticeText = widget.NewLabel("")
	a.noticeText.Wrapping = fyne.TextWrapWord
	a.noticeUndo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), m.onNoticeUndo)
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { a.notice.Hide(); m.relayout() })
	closeBtn.Importance = widget.LowImportance
	a.notice = container.NewBorder(nil, nil, nil, container.NewHBox(a.noticeUndo, closeBtn), a.noticeText)
	a.notice.Hide()
	a.bar = container.NewHBox(a.enroll, a.importBtn, a.export, a.undoImport, layout.NewSpacer(), a.deadlines)
	return container.NewVBox(a.bar, a.notice)
}

// updateActions shows the actions the person may take in the group.
func (m *membersScreen) updateActions() {
	a := &m.actions
	edit := m.shell.canEdit(m.group.ID)
	for _, b := range []*widget.Button{a.enroll, a.importBtn} {
		setVisible(b, edit)
	}
	setVisible(a.export, m.group.ID != "" && m.shell.importer() != nil)
	setVisible(a.undoImport, edit && m.lastImportUndoable())
	m.updateDeadlineCount()
	m.relayout()
}

// relayout lays the toolbar and the notice out again after buttons or the
// notice were shown or hidden.
func (m *membersScreen) relayout() {
	m.actions.bar.Refresh()
	if c, ok := m.left.(*fyne.Container); ok {
		c.Refresh()
	}
}

func setVisible(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// lastImportUndoable reports whether the group has an import to undo.
func (m *membersScreen) lastImportUndoable() bool {
	imp := m.shell.importer()
	if imp == nil {
		return false
	}
	b, err := imp.LastImport(m.shell.deps.Ctx, m.group.ID)
	return err == nil && b.UndoneAt.IsZero()
}

// afterChange refreshes the screen after a change saved to member and says
// what happened; undo, when set, is offered beside the message.
func (m *membersScreen) afterChange(member model.Member, message string, undo func()) {
	m.reload()
	if member.ID != "" {
		m.showMember(member.ID)
	}
	m.notify(message, undo)
	m.updateActions()
	m.shell.home.setGroup(m.group)
}

// notify shows a message above the table, with an Undo when undo is set.
func (m *membersScreen) notify(message string, undo func()) {
	a := &m.actions
	a.noticeText.SetText(message)
	a.undo = undo
	setVisible(a.noticeUndo, undo != nil)
	a.notice.Show()
	m.relayout()
	m.shell.setStatus(message)
}

func (m *membersScreen) onNoticeUndo() {
	undo := m.actions.undo
	m.actions.undo = nil
	m.actions.notice.Hide()
	m.relayout()
	if undo != nil {
		undo()
	}
}

// memberActionButtons are the actions on the person in the detail panel.
func (m *membersScreen) memberActionButtons(mem model.Member) []fyne.CanvasObject {
	if !m.shell.canEdit(mem.GroupID) {
		return nil
	}
	btn := func(label string, icon fyne.Resource, open func()) fyne.CanvasObject {
		return widget.NewButtonWithIcon(label, icon, open)
	}
	out := []fyne.CanvasObject{btn("Edit", theme.DocumentCreateIcon(), func() { m.openEdit(mem) })}
	if m.shell.mayViewDocuments(mem.GroupID) {
		out = append(out, btn("Documents", theme.FolderIcon(), func() {
			m.shell.showDocumentsOf(model.DocumentLink{Kind: model.LinkMember, ID: mem.ID, Label: mem.FullName()})
		}))
	}
	if mem.Status != model.StatusTerminated {
		return append(out,
			btn("Change coverage", theme.ViewRefreshIcon(), func() { m.openCoverage(mem) }),
			btn("Add dependent", theme.ContentAddIcon(), func() { m.openAddDependent(mem) }),
			btn("Life event", theme.CalendarIcon(), func() { m.openLifeEvent(mem) }),
			btn("Terminate", theme.DeleteIcon(), func() { m.openTerminate(mem) }))
	}
	return append(out,
		btn("Reinstate", theme.ContentUndoIcon(), func() { m.openReinstate(mem) }),
		btn("COBRA", theme.AccountIcon(), func() { m.openCOBRA(mem) }))
}
