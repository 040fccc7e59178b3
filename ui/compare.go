package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// openCompare shows a conflict side by side — this computer's version and
// the server's — and lets the user keep one or merge them field by field.
func (s *Shell) openCompare(h model.HeldOp) {
	theirs := map[string]json.RawMessage{}
	_ = json.Unmarshal(h.ServerCopy, &theirs)
	mine := map[string]json.RawMessage{}
	_ = json.Unmarshal(h.Payload, &mine)
	rows := model.DiffJSON(h.Payload, h.ServerCopy)
	picks := make([]*widget.RadioGroup, len(rows))
	grid := container.NewGridWithColumns(4,
		bold("Field"), bold("On this computer"), bold("On the server"), bold("Keep"))
	for i, r := range rows {
		picks[i] = widget.NewRadioGroup([]string{"Mine", "Server's"}, nil)
		picks[i].Horizontal = true
		picks[i].SetSelected("Mine")
		grid.Add(widget.NewLabel(fieldLabel(r.Field)))
		grid.Add(wrapped(s.shown(r.Field, r.Before)))
		grid.Add(wrapped(s.shown(r.Field, r.After)))
		grid.Add(picks[i])
	}
	var d dialog.Dialog
	merge := widget.NewButton("Save the merge", func() {
		merged := theirs
		for i, r := range rows {
			if picks[i].Selected == "Mine" {
				merged[r.Field] = mine[r.Field]
			}
		}
		var m model.Member
		b, _ := json.Marshal(merged)
		if err := json.Unmarshal(b, &m); err != nil {
			s.showError("Could not merge", err)
			return
		}
		if err := s.deps.Store.Merge(s.deps.Ctx, h.ID, &m); err != nil {
			s.showError("Could not merge", err)
			return
		}
		d.Hide()
		s.afterResolve()
	})
	merge.Importance = widget.HighImportance
	if h.Entity != model.EntityMember {
		merge.Disable()
	}
	body := container.NewBorder(widget.NewLabel(describeOp(h.Operation)+" — "+h.Reason), container.NewHBox(merge), nil, nil, container.NewVScroll(grid))
	d = dialog.NewCustom("Compare the two versions", "Close", body, s.win)
	d.Resize(fyne.NewSize(900, 520))
	d.Show()
}

func (s *Shell) afterResolve() {
	if s.deps.Account != nil {
		s.deps.Account.SyncNow()
	}
	if s.syncScreen != nil {
		s.syncScreen.refresh()
	}
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
