package ui

import (
	"encoding/json"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// compareRow is one field that differs between the two versions.
type compareRow struct {
	field        string
	mine, theirs json.RawMessage
	pick         *widget.RadioGroup
}

// openCompare shows a conflict side by side — this computer's version and
// the server's — and lets the user keep one or merge them field by field.
func (s *Shell) openCompare(h model.HeldOp) {
	mine, theirs := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	_ = json.Unmarshal(h.Payload, &mine)
	_ = json.Unmarshal(h.ServerCopy, &theirs)
	rows := differing(mine, theirs)
	grid := container.NewGridWithColumns(4,
		bold("Field"), bold("On this computer"), bold("On the server"), bold("Keep"))
	for _, r := range rows {
		r.pick = widget.NewRadioGroup([]string{"Mine", "Server's"}, nil)
		r.pick.Horizontal = true
		r.pick.SetSelected("Mine")
		grid.Add(widget.NewLabel(fieldLabel(r.field)))
		grid.Add(wrapped(shown(r.field, plain(r.mine))))
		grid.Add(wrapped(shown(r.field, plain(r.theirs))))
		grid.Add(r.pick)
	}
	var d dialog.Dialog
	merge := widget.NewButton("Save the merge", func() {
		merged := theirs
		for _, r := range rows {
			if r.pick.Selected == "Mine" {
				merged[r.field] = r.mine
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

// differing lists the fields whose values differ, by name.
func differing(a, b map[string]json.RawMessage) []*compareRow {
	names := map[string]bool{}
	for k := range a {
		names[k] = true
	}
	for k := range b {
		names[k] = true
	}
	var out []*compareRow
	for k := range names {
		if k == "version" || k == "updated_at" || plain(a[k]) == plain(b[k]) {
			continue
		}
		out = append(out, &compareRow{field: k, mine: a[k], theirs: b[k]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].field < out[j].field })
	return out
}

// plain shows a JSON value as text: strings without quotes.
func plain(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}
