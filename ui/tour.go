package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// prefTourDone remembers that the user took or skipped the first-run tour.
const prefTourDone = "tour_done"

// tourStep is one page of the first-run tour; screen, when set, is brought
// forward behind the dialog.
type tourStep struct {
	title, text, screen string
}

var tourSteps = []tourStep{
	{"Welcome to GroupDesk", "GroupDesk runs your employer group health plan account from this computer, online or off. This short tour shows where things are; skip it any time and take it again from the Help menu (Take the tour).", ""},
	{"Home: what needs attention", "Home lists what is due in the group you are working on — renewals, children turning 26, life-event windows, changes waiting to be sent — most urgent first. Select one to act on it.", "Home"},
	{"Switch group", "The group's name at the top left, beside GroupDesk (Ctrl+G), switches to another group of your book. Every screen follows.", "Home"},
	{"Members", "The roster, searched as you type (Ctrl+F). Enroll (Ctrl+N), import a census (Ctrl+I) and export (Ctrl+E); every change is checked against the rules first.", "Members"},
	{"Help is one key away", "Press F1, or the ? button at the top, for a step-by-step guide to the screen in front. The Help menu lists every keyboard shortcut.", ""},
}

// tour is the first-run tour dialog.
type tour struct {
	shell *Shell
	step  int
	dlg   dialog.Dialog
	title *widget.Label
	text  *widget.Label
	count *widget.Label
	back  *widget.Button
	next  *widget.Button
	skip  *widget.Button
}

// maybeTour offers the tour once, when the preference says it was never
// taken or skipped.
func (s *Shell) maybeTour() {
	if s.deps.Tour && !s.app.Preferences().Bool(prefTourDone) {
		s.startTour()
	}
}

// startTour opens the tour at its first step.
func (s *Shell) startTour() *tour {
	t := &tour{shell: s}
	t.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.text = widget.NewLabel("")
	t.text.Wrapping = fyne.TextWrapWord
	t.count = widget.NewLabel("")
	t.skip = widget.NewButton("Skip the tour", t.finish)
	t.back = widget.NewButton("Back", func() { t.show(t.step - 1) })
	t.next = widget.NewButton("Next", t.onNext)
	t.next.Importance = widget.HighImportance
	buttons := container.NewBorder(nil, nil, t.skip, container.NewHBox(t.back, t.next), t.count)
	body := container.NewBorder(t.title, buttons, nil, nil, t.text)
	t.dlg = dialog.NewCustomWithoutButtons("A short tour", body, s.win)
	t.dlg.Resize(fyne.NewSize(520, 280))
	t.dlg.SetOnClosed(t.remember) // Escape skips the tour too
	t.show(0)
	s.showDialog(t.dlg, t.onNext)
	return t
}

func (t *tour) show(i int) {
	t.step = i
	st := tourSteps[i]
	if st.screen != "" {
		t.shell.ShowScreen(st.screen)
	}
	t.title.SetText(st.title)
	t.text.SetText(withModKey(st.text))
	t.count.SetText(fmt.Sprintf("%d of %d", i+1, len(tourSteps)))
	setVisible(t.back, i > 0)
	t.next.SetText("Next")
	if i == len(tourSteps)-1 {
		t.next.SetText("Done")
	}
}

func (t *tour) onNext() {
	if t.step == len(tourSteps)-1 {
		t.finish()
		return
	}
	t.show(t.step + 1)
}

// finish closes the tour, done or skipped.
func (t *tour) finish() { t.dlg.Hide() }

// remember keeps the tour from opening again by itself.
func (t *tour) remember() { t.shell.app.Preferences().SetBool(prefTourDone, true) }
