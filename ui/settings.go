package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// settingsScreen holds the app's preferences: appearance, the data folder,
// the account service, exports, the rules in force, help and About.
type settingsScreen struct {
	shell *Shell
	root  fyne.CanvasObject
	theme *widget.RadioGroup

	server   *widget.Entry
	keychain *widget.Label
	mask     *widget.Check
	rules    *rulesView
	move     *widget.Button
	vault    *vaultLimit
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
func (st *settingsScreen) shown() {
	st.showAccount()
	st.rules.load()
	st.vault.load()
}

var themeChoices = []struct{ label, value string }{
	{"Follow the system", ThemeSystem},
	{"Light", ThemeLight},
	{"Dark", ThemeDark},
}

func (st *settingsScreen) build() fyne.CanvasObject {
	body := container.NewVBox(
		widget.NewCard("Appearance", "Color theme. Text size follows your system's scale setting.", st.buildTheme()),
		widget.NewCard("Data", "Your database stays on this computer", st.buildData()),
		widget.NewCard("Account service", "Where Sign in goes first, and where your sign-in is kept", st.buildAccount()),
		widget.NewCard("Exports", "", st.buildExports()),
		widget.NewCard("Document vault", "The largest file Documents keeps", st.buildVault()),
		st.buildRules(),
		widget.NewCard("Help", "", st.buildHelp()),
		widget.NewCard("About", "", st.buildAbout()),
	)
	return container.NewVScroll(container.NewPadded(body))
}

func (st *settingsScreen) buildTheme() fyne.CanvasObject {
	labels := make([]string, len(themeChoices))
	for i, c := range themeChoices {
		labels[i] = c.label
	}
	st.theme = widget.NewRadioGroup(labels, nil)
	for _, c := range themeChoices {
		if c.value == st.shell.themeChoice() {
			st.theme.SetSelected(c.label)
		}
	}
	st.theme.Required = true
	st.theme.OnChanged = st.onTheme
	return st.theme
}

func (st *settingsScreen) onTheme(label string) {
	for _, c := range themeChoices {
		if c.label == label {
			st.shell.deps.Theme = "" // the user's choice wins over --theme
			st.shell.app.Preferences().SetString(prefTheme, c.value)
			applyTheme(st.shell.app, c.value)
		}
	}
}

// themeChoice is the theme in force: --theme for this run, else the
// preference.
func (s *Shell) themeChoice() string {
	if s.deps.Theme == ThemeLight || s.deps.Theme == ThemeDark {
		return s.deps.Theme
	}
	return s.app.Preferences().StringWithFallback(prefTheme, ThemeSystem)
}

func (st *settingsScreen) buildHelp() fyne.CanvasObject {
	s := st.shell
	return container.NewHBox(
		widget.NewButtonWithIcon("Take the tour", theme.MediaPlayIcon(), func() { s.startTour() }),
		widget.NewButtonWithIcon("Tutorials…", theme.HelpIcon(), s.openTutorialIndex),
		widget.NewButtonWithIcon("Keyboard shortcuts", theme.ComputerIcon(), func() { s.showShortcuts() }))
}

func (st *settingsScreen) buildAbout() fyne.CanvasObject {
	about := widget.NewLabel(fmt.Sprintf(
		"GroupDesk %s\nRun your employer group health plan account: members, plans and renewals, on your desktop, online or off.",
		st.shell.deps.Version))
	about.Wrapping = fyne.TextWrapWord
	return about
}
