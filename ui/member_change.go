package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// previewDelay lets the user finish typing before a change is previewed.
const previewDelay = 250 * time.Millisecond

// changeDialog is a form for one member change: as the user types it
// checks the change against the rules and shows its effect on the
// family's monthly premium; Save is enabled only when the change is valid.
type changeDialog struct {
	shell   *Shell
	groupID string
	// build reads the form into a change, or says what is wrong with it.
	build func() (model.FamilyChange, error)
	// describe says what the previewed change will do ("" for nothing).
	describe func(out model.Outcome) string
	// saved runs after a successful save.
	saved func(out model.Outcome)

	dlg      *dialog.CustomDialog
	problems *widget.Label
	effect   *widget.Label
	outcome  *widget.Label
	save     *widget.Button
	timer    *time.Timer
}

func newChangeDialog(s *Shell, groupID string) *changeDialog {
	c := &changeDialog{shell: s, groupID: groupID}
	c.problems = widget.NewLabel("")
	c.problems.Wrapping = fyne.TextWrapWord
	c.problems.Importance = widget.DangerImportance
	c.effect = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.outcome = widget.NewLabel("")
	c.outcome.Wrapping = fyne.TextWrapWord
	c.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), c.onSave)
	c.save.Importance = widget.HighImportance
	c.save.Disable()
	return c
}

// show opens the dialog around the form.
func (c *changeDialog) show(title string, form fyne.CanvasObject, size fyne.Size) {
	footer := container.NewVBox(widget.NewSeparator(), c.outcome, container.NewHBox(widget.NewLabel("Monthly premium:"), c.effect), c.problems)
	body := container.NewBorder(nil, footer, nil, nil, container.NewVScroll(form))
	c.dlg = dialog.NewCustomWithoutButtons(title, body, c.shell.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { c.dlg.Hide() })
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, c.save})
	c.dlg.Resize(size)
	c.dlg.Show()
	c.changed()
}

// changed is called on every edit: the preview follows once typing pauses
// (and once the dialog is open: building the form sets values too).
func (c *changeDialog) changed() {
	if c.dlg != nil {
		c.shell.debounce(&c.timer, previewDelay, c.preview)
	}
}

// preview checks the change and shows its effect.
func (c *changeDialog) preview() {
	ch, err := c.build()
	if err != nil {
		c.refused(err)
		return
	}
	out, eff, err := c.shell.editor().PreviewMemberChange(c.shell.deps.Ctx, c.groupID, ch)
	if err != nil {
		c.refused(err)
		return
	}
	c.problems.SetText("")
	c.effect.SetText(eff.String())
	if c.describe != nil {
		c.outcome.SetText(c.describe(out))
	}
	c.save.Enable()
}

func (c *changeDialog) refused(err error) {
	c.problems.SetText(problemText(err))
	c.effect.SetText("—")
	c.outcome.SetText("")
	c.save.Disable()
}

// onSave saves the change; the dialog stays open with the reason when the
// store refuses it.
func (c *changeDialog) onSave() {
	ch, err := c.build()
	if err != nil {
		c.refused(err)
		return
	}
	out, _, err := c.shell.editor().SaveMemberChange(c.shell.deps.Ctx, c.groupID, ch)
	if err != nil {
		fyne.LogError("saving a member change", err)
		c.refused(err)
		return
	}
	c.dlg.Hide()
	if c.saved != nil {
		c.saved(out)
	}
}
