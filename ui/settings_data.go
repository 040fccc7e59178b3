package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func (st *settingsScreen) buildData() fyne.CanvasObject {
	path := st.shell.deps.DBPath
	folder := widget.NewLabel(filepath.Dir(path))
	folder.Wrapping = fyne.TextWrapBreak
	open := widget.NewButtonWithIcon("Open data folder", theme.FolderOpenIcon(), func() {
		if st.shell.deps.OpenFolder == nil {
			return
		}
		if err := st.shell.deps.OpenFolder(filepath.Dir(path)); err != nil {
			st.shell.showError("Could not open the folder", err)
		}
	})
	st.move = widget.NewButtonWithIcon("Move database…", theme.ContentCutIcon(), st.chooseFolder)
	if st.shell.deps.MoveDatabase == nil {
		st.move.Disable()
	}
	form := widget.NewForm(
		widget.NewFormItem("Database", widget.NewLabel(filepath.Base(path))),
		widget.NewFormItem("Folder", folder),
	)
	return container.NewVBox(form, container.NewHBox(open, st.move))
}

// chooseFolder asks for the folder to move the database to.
func (st *settingsScreen) chooseFolder() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		st.confirmMove(dir.Path())
	}, st.shell.win)
}

// confirmMove says what moving does before it does it.
func (st *settingsScreen) confirmMove(folder string) {
	msg := fmt.Sprintf("GroupDesk will close the database, copy it to\n%s\ncheck the copy, and restart on it. "+
		"The old file is removed only once the new one has opened; if anything goes wrong, GroupDesk stays on the old one.", folder)
	d := dialog.NewConfirm("Move the database?", msg, func(ok bool) {
		if ok {
			st.moveTo(folder)
		}
	}, st.shell.win)
	st.shell.showDialog(d, func() {
		d.Hide()
		st.moveTo(folder)
	})
}

func (st *settingsScreen) moveTo(folder string) {
	if err := st.shell.deps.MoveDatabase(folder); err != nil {
		st.shell.showError("The database was not moved", err)
	}
}

// ShowError shows a person's message in the window, for what cmd/groupdesk
// finds before the window opens (a database move that failed).
func (s *Shell) ShowError(title string, err error) { s.showError(title, err) }
