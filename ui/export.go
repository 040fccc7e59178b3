package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/roster"
)

// exportChoice is what the export dialog asks: the format, and whether
// SSNs are shown in full.
type exportChoice struct {
	format   *widget.RadioGroup
	unmasked *widget.Check
	dlg      dialog.Dialog
}

var exportFormats = []string{"Excel workbook (.xlsx)", "CSV (.csv)"}

// openExport asks for the format, then for the file. SSNs start masked
// unless the user turned the default off in Settings and may see them.
func (m *membersScreen) openExport() *exportChoice {
	if m.group.ID == "" || m.shell.importer() == nil {
		return nil
	}
	c := &exportChoice{format: widget.NewRadioGroup(exportFormats, nil), unmasked: widget.NewCheck("Show SSNs in full (otherwise ***-**-1234)", nil)}
	c.format.SetSelected(exportFormats[0])
	c.format.Required = true
	if !m.shell.canEdit(m.group.ID) {
		c.unmasked.Disable()
	} else if !m.shell.maskExports() {
		c.unmasked.SetChecked(true)
	}
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("Export the roster of %s: subscribers, dependents and a summary.", m.group.Name)),
		c.format, c.unmasked)
	c.dlg = dialog.NewCustomConfirm("Export the roster", "Choose a file…", "Cancel", body, func(ok bool) {
		if ok {
			m.chooseExportFile(c.format.Selected == exportFormats[1], c.unmasked.Checked)
		}
	}, m.shell.win)
	c.dlg.Show()
	return c
}

func (m *membersScreen) chooseExportFile(csv, unmasked bool) {
	ext := ".xlsx"
	if csv {
		ext = ".csv"
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		m.exportTo(path, unmasked)
	}, m.shell.win)
	d.SetFileName(fmt.Sprintf("%s roster %s%s", m.group.Number, m.shell.deps.today(), ext))
	d.Resize(fyne.NewSize(900, 620))
	d.Show()
}

// exportTo writes the roster to path behind a progress bar with Cancel.
func (m *membersScreen) exportTo(path string, unmasked bool) error {
	sh := m.shell
	if unmasked && !sh.canEdit(m.group.ID) {
		return model.Errorf(model.EFORBIDDEN, "Showing SSNs in full needs the members.edit permission.")
	}
	src, err := roster.NewSource(sh.deps.Ctx, sh.importer(), m.group.ID, sh.deps.today())
	if err != nil {
		sh.showError("The roster was not exported", err)
		return err
	}
	ctx, cancel := context.WithCancel(sh.deps.Ctx)
	p := newProgress(sh, "Exporting to "+filepath.Base(path), cancel)
	var sum roster.Summary
	sh.background(func() {
		sum, err = roster.WriteFile(ctx, path, src, roster.Options{Unmasked: unmasked, Now: sh.deps.Now(), Progress: p.fraction})
	}, func() {
		p.hide()
		cancel()
		m.afterExport(path, sum, err)
	})
	return err
}

func (m *membersScreen) afterExport(path string, sum roster.Summary, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		m.notify("Export cancelled: no file was written.", nil)
	case err != nil:
		m.shell.showError("The roster was not exported", err)
	default:
		m.notify(fmt.Sprintf("Exported %s to %s.", plural(sum.People, "person", "people"), filepath.Base(path)), nil)
	}
}
