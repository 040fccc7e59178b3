package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// PrefMaskExports is the preference the roster export reads for its
// default: true (or unset) masks SSNs unless the user asks otherwise.
const PrefMaskExports = "mask_exports"

// maskExports reports whether roster exports mask SSNs by default.
func (s *Shell) maskExports() bool {
	return s.app.Preferences().BoolWithFallback(PrefMaskExports, true)
}

func (st *settingsScreen) buildAccount() fyne.CanvasObject {
	st.server = widget.NewEntry()
	st.server.SetPlaceHolder("https://accounts.example.com")
	st.server.SetText(st.shell.app.Preferences().String(prefServer))
	st.server.OnSubmitted = func(string) { st.saveServer() }
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), st.saveServer)
	st.keychain = widget.NewLabel("")
	st.keychain.Wrapping = fyne.TextWrapWord
	return widget.NewForm(
		widget.NewFormItem("Account service", container.NewBorder(nil, nil, nil, save, st.server)),
		widget.NewFormItem("Sign-in kept in", st.keychain))
}

func (st *settingsScreen) saveServer() {
	st.shell.app.Preferences().SetString(prefServer, st.server.Text)
	st.shell.setStatus("Sign in will offer " + orDash(st.server.Text) + ".")
}

// showAccount reads where the sign-in is kept.
func (st *settingsScreen) showAccount() {
	st.keychain.SetText(keychainText(st.shell))
	if st.server.Text == "" && st.shell.deps.Account != nil {
		st.server.SetText(st.shell.deps.Account.State(st.shell.deps.Ctx).Server)
	}
}

func keychainText(s *Shell) string {
	if s.deps.Account == nil {
		return "This copy of GroupDesk does not connect to an account service."
	}
	st := s.deps.Account.State(s.deps.Ctx)
	switch {
	case !st.SignedIn:
		return "Not signed in: nothing is kept."
	case st.Keychain != "":
		return st.Keychain
	}
	return "The system keychain."
}

func (st *settingsScreen) buildExports() fyne.CanvasObject {
	st.mask = widget.NewCheck("Mask SSNs in roster exports unless I ask otherwise", func(on bool) {
		st.shell.app.Preferences().SetBool(PrefMaskExports, on)
	})
	st.mask.SetChecked(st.shell.maskExports())
	return st.mask
}
