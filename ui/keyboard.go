package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// shownDialog is a dialog shown with showDialog: the pop-up it put on the
// canvas, and what Enter does in it.
type shownDialog struct {
	dlg     dialog.Dialog
	overlay fyne.CanvasObject
	onEnter func()
}

// addKeyboard makes the window usable without a mouse beyond its
// shortcuts: F1 opens the help of the screen in front; in a dialog, Escape
// closes it and Enter does its main action, when nothing in it holds the
// focus (Tab moves into a dialog, Space presses the button with the focus).
func (s *Shell) addKeyboard() {
	s.win.Canvas().SetOnTypedKey(s.onKey)
}

func (s *Shell) onKey(ev *fyne.KeyEvent) {
	top := s.win.Canvas().Overlays().Top()
	switch ev.Name {
	case fyne.KeyF1:
		s.openHelp()
	case fyne.KeyEscape:
		if d := s.dialogOn(top); d != nil {
			d.dlg.Hide()
		} else if top != nil {
			top.Hide()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if d := s.dialogOn(top); d != nil && d.onEnter != nil {
			d.onEnter()
		}
	}
}

// dialogOn returns the dialog whose pop-up is the overlay, forgetting the
// dialogs closed since.
func (s *Shell) dialogOn(overlay fyne.CanvasObject) *shownDialog {
	open := s.dialogs[:0]
	var found *shownDialog
	for i := range s.dialogs {
		d := s.dialogs[i]
		if !d.overlay.Visible() {
			continue
		}
		open = append(open, d)
		if d.overlay == overlay {
			found = &open[len(open)-1]
		}
	}
	s.dialogs = open
	return found
}

// showDialog shows a dialog with nothing focused, so that Escape closes it
// at once and Tab starts at its first control; onEnter (which may be nil)
// is what Enter does.
func (s *Shell) showDialog(d dialog.Dialog, onEnter func()) {
	d.Show()
	s.win.Canvas().Unfocus()
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		s.dialogs = append(s.dialogs, shownDialog{dlg: d, overlay: top, onEnter: onEnter})
	}
}
