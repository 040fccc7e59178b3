package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// renewalStatusTab shows where the renewal stands and how it got there:
// visible to everyone who may view the renewal, on every desktop.
type renewalStatusTab struct {
	rs      *renewalsScreen
	root    fyne.CanvasObject
	status  *widget.Label
	answer  *widget.Label
	history *fyne.Container
	applied *fyne.Container
}

func newRenewalStatusTab(rs *renewalsScreen) *renewalStatusTab {
	t := &renewalStatusTab{rs: rs, status: bold(""), answer: wrapped(""), history: container.NewVBox(), applied: container.NewVBox()}
	body := container.NewVBox(t.status, t.answer,
		heading("History", "Each step, who took it and when; the carrier's notes say what it needs"), t.history,
		t.applied)
	t.root = container.NewVScroll(container.NewPadded(body))
	return t
}

func (t *renewalStatusTab) show() {
	r := t.rs.renewal
	t.status.SetText("Status: " + r.Status.Label())
	t.answer.SetText("No answer sent yet.")
	if s := r.Submission; s != nil {
		t.answer.SetText("Answer sent on " + longDate(s.SubmittedOn) + " by " + s.SubmittedBy + ": " + s.Describe() + ".")
	}
	grid := newColumns(4, 3)
	grid.Objects = []fyne.CanvasObject{bold("When"), bold("Who"), bold("Status"), bold("Note")}
	for i := len(r.History) - 1; i >= 0; i-- {
		h := r.History[i]
		grid.Add(widget.NewLabel(h.At.Local().Format("Jan 2, 2006 3:04 PM")))
		grid.Add(widget.NewLabel(h.By))
		grid.Add(widget.NewLabel(h.To.Label()))
		grid.Add(wrapped(orDash(h.Note)))
	}
	t.history.Objects = []fyne.CanvasObject{grid}
	t.applied.Objects = nil
	if len(r.Applied) > 0 {
		t.applied.Add(heading("On the renewal date", "What the renewal changed in the roster"))
		for _, a := range r.Applied {
			t.applied.Add(wrapped(a))
		}
	}
	t.root.Refresh()
}
