package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// terminateDialog ends a member's coverage (a subscriber's family with
// them) on a date, for a reason.
type terminateDialog struct {
	*changeDialog
	m      *membersScreen
	member model.Member
	date   *widget.Entry
	reason *widget.SelectEntry
}

func (m *membersScreen) openTerminate(mem model.Member) *terminateDialog {
	d := &terminateDialog{changeDialog: newChangeDialog(m.shell, mem.GroupID), m: m, member: mem}
	d.build, d.saved = d.read, d.onSaved
	d.describe = d.describeOutcome
	d.date = entry("MM/DD/YYYY", d.changed)
	d.date.SetText(m.shell.deps.today().EndOfMonth().US())
	d.reason = widget.NewSelectEntry(model.TermReasons)
	d.reason.SetPlaceHolder("Why coverage ends")
	d.reason.OnChanged = func(string) { d.changed() }
	form := widget.NewForm(widget.NewFormItem("Last day of coverage", d.date), widget.NewFormItem("Reason", d.reason))
	d.show("End "+mem.FullName()+"'s coverage", form, fyne.NewSize(600, 400))
	return d
}

func (d *terminateDialog) read() (model.FamilyChange, error) {
	var probs model.Problems
	date := readDate(d.date, "last day of coverage", &probs)
	return &model.Termination{Family: model.FamilyOf(&d.member), Member: d.member.ID, Version: d.member.Version,
		Date: date, Reason: strings.TrimSpace(d.reason.Text)}, probs.Err()
}

func (d *terminateDialog) describeOutcome(out model.Outcome) string {
	after := d.memberAfter(out)
	ended := 0
	for _, m := range out.Family {
		if out.Notes[m.ID] != "" && m.Status == model.StatusTerminated {
			ended++
		}
	}
	if ended > 1 {
		return fmt.Sprintf("Ends the coverage of %s and %s on %s.", d.member.FullName(), plural(ended-1, "dependent", "dependents"), longDate(after.Termination))
	}
	return fmt.Sprintf("Ends %s's coverage on %s.", d.member.FullName(), longDate(after.Termination))
}

func (d *terminateDialog) memberAfter(out model.Outcome) model.Member {
	for _, m := range out.Family {
		if m.ID == d.member.ID {
			return m
		}
	}
	return d.member
}

// onSaved offers to undo the termination (a reinstatement) right away.
func (d *terminateDialog) onSaved(out model.Outcome) {
	after := d.memberAfter(out)
	undo := func() {
		_, _, err := d.shell.editor().SaveMemberChange(d.shell.deps.Ctx, after.GroupID,
			&model.Reinstatement{Family: model.FamilyOf(&after), Member: after.ID, Version: after.Version})
		if err != nil {
			d.shell.showError("Could not undo the termination", err)
			return
		}
		d.m.afterChange(after, fmt.Sprintf("%s's coverage is back.", after.FullName()), nil)
	}
	d.m.afterChange(after, fmt.Sprintf("%s's coverage ends on %s (%s).", after.FullName(), longDate(after.Termination), after.TermReason), undo)
}

// openReinstate confirms and reinstates a member whose coverage ended.
func (m *membersScreen) openReinstate(mem model.Member) *changeDialog {
	d := newChangeDialog(m.shell, mem.GroupID)
	ch := &model.Reinstatement{Family: model.FamilyOf(&mem), Member: mem.ID, Version: mem.Version}
	d.build = func() (model.FamilyChange, error) { return ch, nil }
	d.describe = func(out model.Outcome) string {
		return fmt.Sprintf("Restores the coverage of %s, as if it had not ended on %s.", plural(len(out.Notes), "person", "people"), longDate(mem.Termination))
	}
	d.saved = func(model.Outcome) { m.afterChange(mem, mem.FullName()+"'s coverage was reinstated.", nil) }
	d.show("Reinstate "+mem.FullName(), widget.NewLabel(fmt.Sprintf("%s's coverage ended on %s (%s).", mem.FullName(), longDate(mem.Termination), mem.TermReason)),
		fyne.NewSize(560, 320))
	return d
}

// cobraDialog puts a member whose coverage ended on COBRA continuation.
type cobraDialog struct {
	*changeDialog
	m      *membersScreen
	member model.Member
	event  *widget.Select
}

func (m *membersScreen) openCOBRA(mem model.Member) *cobraDialog {
	d := &cobraDialog{changeDialog: newChangeDialog(m.shell, mem.GroupID), m: m, member: mem}
	d.build = d.read
	labels := make([]string, len(model.COBRAEvents))
	for i, e := range model.COBRAEvents {
		labels[i] = e.Label()
	}
	d.event = widget.NewSelect(labels, func(string) { d.changed() })
	d.event.SetSelectedIndex(0)
	d.describe = func(out model.Outcome) string {
		for _, x := range out.Family {
			if x.ID == mem.ID {
				return x.TermReason + ": covered until " + longDate(x.Termination) + "."
			}
		}
		return ""
	}
	d.saved = func(model.Outcome) { m.afterChange(mem, mem.FullName()+" continues on COBRA.", nil) }
	d.show("COBRA continuation — "+mem.FullName(), widget.NewForm(widget.NewFormItem("Qualifying event", d.event)), fyne.NewSize(580, 340))
	return d
}

func (d *cobraDialog) read() (model.FamilyChange, error) {
	return &model.COBRAElection{Family: model.FamilyOf(&d.member), Member: d.member.ID, Version: d.member.Version,
		Event: model.COBRAEvents[max(d.event.SelectedIndex(), 0)]}, nil
}
