package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// settingsScreen holds the app's preferences and the About box.
type settingsScreen struct {
	shell *Shell
	root  fyne.CanvasObject
	theme *widget.RadioGroup
}

func newSettingsScreen(s *Shell) *settingsScreen {
	st := &settingsScreen{shell: s}
	st.root = st.build()
	return st
}

func (st *settingsScreen) title() string               { return "Settings" }
func (st *settingsScreen) icon() fyne.Resource         { return theme.SettingsIcon() }
func (st *settingsScreen) view() fyne.CanvasObject     { return st.root }
func (st *settingsScreen) setGroup(model.GroupSummary) {}
func (st *settingsScreen) shown()                      {}

var themeChoices = []struct{ label, value string }{
	{"Follow the system", ThemeSystem},
	{"Light", ThemeLight},
	{"Dark", ThemeDark},
}

func (st *settingsScreen) build() fyne.CanvasObject {
	labels := make([]string, len(themeChoices))
	for i, c := range themeChoices {
		labels[i] = c.label
	}
	st.theme = widget.NewRadioGroup(labels, st.onTheme)
	current := st.shell.app.Preferences().StringWithFallback(prefTheme, ThemeSystem)
	for _, c := range themeChoices {
		if c.value == current {
			st.theme.SetSelected(c.label)
		}
	}
	st.theme.Required = true

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
	dataForm := widget.NewForm(
		widget.NewFormItem("Database", widget.NewLabel(filepath.Base(path))),
		widget.NewFormItem("Folder", folder),
	)
	about := widget.NewLabel(fmt.Sprintf(
		"GroupDesk %s\nRun your employer group health plan account: members, plans and renewals, on your desktop, online or off.\n\n"+
			"Keyboard: Ctrl+1…9 switch screens · Ctrl+F search members · Ctrl+G switch group",
		st.shell.deps.Version))
	about.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		widget.NewCard("Appearance", "Colour theme", st.theme),
		widget.NewCard("Data", "Your database stays on this computer", container.NewVBox(dataForm, container.NewHBox(open))),
		widget.NewCard("About", "", about),
	)
	return container.NewVScroll(container.NewPadded(body))
}

func (st *settingsScreen) onTheme(label string) {
	for _, c := range themeChoices {
		if c.label == label {
			st.shell.app.Preferences().SetString(prefTheme, c.value)
			applyTheme(st.shell.app, c.value)
		}
	}
}
