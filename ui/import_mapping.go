package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

const notInFile = "(not in the file)"

// importMapping lets the user say which column holds each field, when the
// automatic mapping missed one or the user wants to change it.
type importMapping struct {
	f       *importFlow
	header  []string
	selects map[model.CensusField]*widget.Select
	dlg     dialog.Dialog
}

// openMapping shows the mapping; fe, when set, says why it is needed.
func (f *importFlow) openMapping(fe *census.FileError) {
	header, err := census.ReadHeader(context.Background(), f.path)
	if err != nil {
		f.m.shell.showError("This file cannot be imported", err)
		return
	}
	mp := &importMapping{f: f, header: header, selects: map[model.CensusField]*widget.Select{}}
	f.mapper = mp
	auto, _, _ := census.AutoMap(header, f.mapping)
	options := append([]string{notInFile}, header...)
	form := widget.NewForm()
	for _, field := range model.CensusFields() {
		sel := widget.NewSelect(options, nil)
		sel.SetSelectedIndex(auto.Column(field) + 1)
		mp.selects[field] = sel
		label := field.String()
		if isRequired(field) {
			label += " *"
		}
		form.Append(label, sel)
	}
	intro := widget.NewLabel("Choose the column that holds each field (* required).")
	if fe != nil {
		intro.SetText(fe.Error() + "\n\nChoose the column that holds each field (* required).")
	}
	intro.Wrapping = fyne.TextWrapWord
	mp.dlg = dialog.NewCustomConfirm("Columns of "+baseName(f.path), "Read the file", "Cancel",
		container.NewBorder(intro, nil, nil, nil, container.NewVScroll(form)), func(ok bool) {
			if ok {
				mp.apply()
			}
		}, f.m.shell.win)
	mp.dlg.Resize(fyne.NewSize(620, 680))
	mp.dlg.Show()
}

// apply reads the file again with the chosen columns.
func (mp *importMapping) apply() {
	for field, sel := range mp.selects {
		mp.f.mapping[field] = ""
		if i := sel.SelectedIndex(); i > 0 {
			mp.f.mapping[field] = mp.header[i-1]
		}
	}
	if mp.f.preview != nil {
		mp.f.preview.dlg.Hide()
	}
	mp.f.read()
}

func isRequired(f model.CensusField) bool {
	for _, r := range model.RequiredCensusFields {
		if r == f {
			return true
		}
	}
	return false
}
