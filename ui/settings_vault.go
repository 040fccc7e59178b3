package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// vaultLimit is the Settings card of the document vault's size limit.
type vaultLimit struct {
	st    *settingsScreen
	entry *widget.Entry
	note  *widget.Label
}

func (st *settingsScreen) buildVault() fyne.CanvasObject {
	v := &vaultLimit{st: st, entry: widget.NewEntry(), note: wrapped("")}
	st.vault = v
	v.entry.SetPlaceHolder("25")
	v.entry.Validator = func(s string) error {
		_, err := v.parse(s)
		return err
	}
	save := widget.NewButton("Save", func() { v.save() })
	v.load()
	row := container.NewBorder(nil, nil, widget.NewLabel("Largest file, in MB"), save, v.entry)
	return container.NewVBox(row, v.note)
}

func (v *vaultLimit) load() {
	st := v.st.shell.vaultStore()
	if st == nil {
		return
	}
	limit, err := st.DocumentLimit(v.st.shell.deps.Ctx)
	if err != nil {
		return
	}
	v.entry.SetText(strconv.FormatInt(limit/model.MB, 10))
	v.note.SetText(fmt.Sprintf("Files over %s are refused with a message, as are empty files. The account service takes files up to %s.",
		model.FormatBytes(limit), model.FormatBytes(model.MaxDocumentLimit)))
}

func (v *vaultLimit) parse(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, model.FieldError("document_limit", "give the limit in whole megabytes, 1 to %d", model.MaxDocumentLimit/model.MB)
	}
	limit := n * model.MB
	return limit, model.CheckDocumentLimit(limit)
}

func (v *vaultLimit) save() bool {
	limit, err := v.parse(v.entry.Text)
	if err == nil {
		err = v.st.shell.vaultStore().SetDocumentLimit(v.st.shell.deps.Ctx, limit)
	}
	if err != nil {
		v.st.shell.showError("The size limit was not changed", err)
		return false
	}
	v.load()
	v.st.shell.setStatus("The vault now takes files up to " + model.FormatBytes(limit))
	return true
}
