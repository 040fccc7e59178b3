package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// renewalSubmitTab sends the group's answer: keep the plans as offered or
// send the scenario, with the member changes effective on the renewal
// date, once every check passes.
type renewalSubmitTab struct {
	rs       *renewalsScreen
	root     fyne.CanvasObject
	choice   *widget.RadioGroup
	eligible *widget.Entry
	waivers  *widget.Entry
	changes  *fyne.Container
	checks   *fyne.Container
	note     *widget.Label
	submit   *widget.Button
	edits    []*widget.Button // the member change buttons
	typing   *time.Timer
}

const (
	answerKeep     = "Keep the plans as offered"
	answerScenario = "Send the scenario worked out in Explore"
)

func newRenewalSubmitTab(rs *renewalsScreen) *renewalSubmitTab {
	t := &renewalSubmitTab{rs: rs, changes: container.NewVBox(), checks: container.NewVBox()}
	t.choice = widget.NewRadioGroup([]string{answerKeep, answerScenario}, func(string) { t.check() })
	t.choice.SetSelected(answerKeep)
	typed := func() { rs.shell.debounce(&t.typing, 300*time.Millisecond, t.check) }
	t.eligible, t.waivers = entry("Eligible employees", typed), entry("0", typed)
	t.note = wrapped("")
	t.submit = widget.NewButtonWithIcon("Submit the renewal", theme.MailSendIcon(), t.onSubmit)
	t.submit.Importance = widget.HighImportance
	t.edits = []*widget.Button{
		widget.NewButtonWithIcon("Enroll an employee…", theme.ContentAddIcon(), t.openEnroll),
		widget.NewButtonWithIcon("Add dependents…", theme.AccountIcon(), t.openAddDependents),
		widget.NewButtonWithIcon("End coverage…", theme.ContentRemoveIcon(), t.openTerminate)}
	counts := widget.NewForm(widget.NewFormItem("Eligible employees", t.eligible),
		widget.NewFormItem("Declining with other coverage", t.waivers))
	body := container.NewVBox(
		heading("Your answer", "The contribution is the one set in Explore"), t.choice, counts,
		heading("Member changes at renewal", "Enrollments and terminations effective on the renewal date, under the member rules"),
		container.NewHBox(t.edits[0], t.edits[1], t.edits[2]), t.changes,
		heading("Checks", "What the carrier checks before it accepts the answer"), t.checks,
		container.NewHBox(t.submit), t.note)
	t.root = container.NewVScroll(container.NewPadded(body))
	return t
}

// reset starts the answer for a renewal just shown: keep the plans, every
// subscriber covered at renewal counted as eligible, nobody declining.
func (t *renewalSubmitTab) reset() {
	t.choice.SetSelected(answerKeep)
	t.eligible.SetText(strconv.Itoa(t.rs.offered.Subscribers()))
	t.waivers.SetText("0")
}

// show lays out the member changes for the scenario worked out.
func (t *renewalSubmitTab) show() {
	t.showChanges()
	for _, b := range t.edits {
		if t.rs.shell.mayAnswer(t.rs.group.ID) && t.rs.renewal.Status.Open() {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	t.check()
}

// showChanges lists the member changes, each with what stops it, if anything.
func (t *renewalSubmitTab) showChanges() {
	t.changes.Objects = nil
	r := t.rs.renewal
	if len(t.rs.work.Changes) == 0 {
		t.changes.Add(widget.NewLabel("No enrollments or terminations."))
	}
	for k := range t.rs.work.Changes {
		k := k
		line := wrapped(t.rs.work.Changes[k].Describe(r.Effective))
		if err := t.rs.changeErr[k]; err != nil {
			line.SetText(line.Text + " — " + model.ErrorMessage(err))
			line.Importance = widget.DangerImportance
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { t.removeChange(k) })
		remove.Importance = widget.LowImportance
		t.changes.Add(container.NewBorder(nil, nil, nil, remove, line))
	}
	t.changes.Refresh()
}

// addChange adds a member change to the scenario and rates it again.
func (t *renewalSubmitTab) addChange(c model.RenewalChange) {
	t.rs.work.Changes = append(append([]model.RenewalChange(nil), t.rs.work.Changes...), c)
	t.rs.reloadRoster()
}

func (t *renewalSubmitTab) removeChange(k int) {
	list := append([]model.RenewalChange(nil), t.rs.work.Changes...)
	t.rs.work.Changes = append(list[:k], list[k+1:]...)
	t.rs.reloadRoster()
}

// submission is the answer the tab describes.
func (t *renewalSubmitTab) submission() (model.RenewalSubmission, error) {
	w := &t.rs.work
	eligible, err1 := strconv.Atoi(strings.TrimSpace(t.eligible.Text))
	waivers, err2 := strconv.Atoi(orZero(strings.TrimSpace(t.waivers.Text)))
	if err1 != nil || err2 != nil || eligible < 0 || waivers < 0 {
		return model.RenewalSubmission{}, model.Errorf(model.EINVALID, "Give the eligible employees and those declining as whole numbers.")
	}
	if t.choice.Selected == answerScenario {
		return model.FromScenario(w, eligible, waivers), nil
	}
	sub := model.KeepPlans(t.rs.renewal, w.Contribution, eligible, w.Changes)
	sub.ValidWaivers = waivers
	return sub, nil
}

// check runs the carrier's checks on the answer and lists them.
func (t *renewalSubmitTab) check() {
	if t.rs.renewal == nil {
		return
	}
	t.submit.Disable()
	t.checks.Objects = nil
	sub, err := t.submission()
	var checks []model.Check
	if err == nil {
		checks, err = t.rs.shell.renewalsStore().CheckRenewal(t.rs.shell.deps.Ctx, t.rs.renewal, sub)
	}
	if err != nil {
		t.checks.Add(widget.NewLabel(model.ErrorMessage(err)))
		t.checks.Refresh()
		return
	}
	t.checks.Add(checkList(checks))
	t.checks.Refresh()
	t.note.SetText(t.readiness(checks))
	if model.ChecksError(checks) == nil && t.rs.shell.mayAnswer(t.rs.group.ID) && t.rs.renewal.Status.Open() {
		t.submit.Enable()
	}
}

// checkList shows each check passed or failed, with its detail.
func checkList(checks []model.Check) fyne.CanvasObject {
	box := container.NewVBox()
	for _, c := range checks {
		icon := widget.NewIcon(theme.ConfirmIcon())
		detail := wrapped(c.Name + ": " + c.Detail)
		if !c.OK {
			icon.SetResource(theme.ErrorIcon())
			detail.Importance = widget.DangerImportance
		}
		box.Add(container.NewBorder(nil, nil, icon, nil, detail))
	}
	return box
}

// readiness says what stands between the user and submitting.
func (t *renewalSubmitTab) readiness(checks []model.Check) string {
	switch {
	case !t.rs.renewal.Status.Open():
		return fmt.Sprintf("The renewal is %s; it takes no new answer.", strings.ToLower(t.rs.renewal.Status.Label()))
	case !t.rs.shell.mayAnswer(t.rs.group.ID):
		return "You may view this renewal; answering it needs the renewals.submit permission, which the Primary Group Administrator can grant."
	case model.ChecksError(checks) != nil:
		return "Fix what the checks say before submitting."
	}
	return "Every check passes. Submitting sends the answer to the carrier at the next sync."
}

// onSubmit sends the answer.
func (t *renewalSubmitTab) onSubmit() {
	sub, err := t.submission()
	if err != nil {
		t.rs.shell.showError("The answer is not complete", err)
		return
	}
	r := *t.rs.renewal
	if err := t.rs.shell.renewalsStore().SubmitRenewal(t.rs.shell.deps.Ctx, &r, sub); err != nil {
		t.rs.shell.showError("The renewal was not submitted", err)
		return
	}
	t.rs.saved(r)
	t.rs.shell.setStatus(fmt.Sprintf("Renewal submitted: %s.", sub.Describe()))
}
