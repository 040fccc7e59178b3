package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

const prefServer = "sync_server"

// openSignIn asks for the account service and signs in through the
// system browser, or with a code shown here when the browser cannot reach
// back to this computer.
func (s *Shell) openSignIn() {
	if s.deps.Account == nil {
		return
	}
	server := widget.NewEntry()
	server.SetPlaceHolder("https://accounts.example.com")
	server.SetText(s.app.Preferences().StringWithFallback(prefServer, s.deps.Account.State(s.deps.Ctx).Server))
	var d dialog.Dialog
	start := func(device bool) {
		d.Hide()
		s.app.Preferences().SetString(prefServer, server.Text)
		s.signIn(server.Text, device)
	}
	browser := widget.NewButton("Sign in with your browser", func() { start(false) })
	browser.Importance = widget.HighImportance
	code := widget.NewButton("Use a code instead", func() { start(true) })
	form := container.NewVBox(widget.NewForm(widget.NewFormItem("Account service", server)), container.NewHBox(browser, code))
	d = dialog.NewCustom("Sign in", "Cancel", form, s.win)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
	s.win.Canvas().Focus(server)
}

func (s *Shell) signIn(server string, device bool) {
	ctx, cancel := context.WithCancel(s.deps.Ctx)
	msg := widget.NewLabel("Finish signing in in your browser. GroupDesk waits here.")
	msg.Wrapping = fyne.TextWrapWord
	codeLabel := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true, Monospace: true})
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustom("Signing in", "Cancel", container.NewVBox(msg, codeLabel, bar), s.win)
	wait.SetOnClosed(cancel)
	wait.Resize(fyne.NewSize(480, 200))
	wait.Show()
	var showCode func(code, uri string)
	if device {
		showCode = func(code, uri string) {
			fyne.Do(func() {
				msg.SetText("On any device, open " + uri + " and enter this code:")
				codeLabel.SetText(code)
			})
		}
	}
	var err error
	s.background(func() { err = s.deps.Account.SignIn(ctx, server, showCode) }, func() {
		wait.Hide()
		if err != nil && ctx.Err() == nil {
			s.showError("Signing in failed", err)
			return
		}
		if err == nil {
			s.principalChanged()
		}
	})
}

// principalChanged takes the signed-in user's grants (or the local owner,
// for a database never connected) as the acting principal, and redraws
// what depends on them.
func (s *Shell) principalChanged() {
	p := model.LocalOwner
	if s.deps.Account != nil {
		if signed := s.deps.Account.Principal(s.baseCtx); signed != nil {
			p = signed
		}
	}
	s.deps.Ctx = model.WithPrincipal(s.baseCtx, p)
	s.refreshNav()
	s.loadGroups()
}
