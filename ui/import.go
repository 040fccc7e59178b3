package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// importFlow is one import: the file is read (with a progress bar and a
// Cancel), its columns mapped, compared with the roster in a preview, and
// applied as one change that the last-import Undo reverses.
type importFlow struct {
	m       *membersScreen
	path    string
	mapping map[model.CensusField]string
	census  *census.Census
	plan    *model.ImportPlan
	exclude bool
	// defaultPlan covers new employees when the file has no plan column.
	defaultPlan string
	preview     *importPreview
	mapper      *importMapping
}

// chooseImport asks for the file to import.
func (m *membersScreen) chooseImport() {
	if !m.shell.canEdit(m.group.ID) {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.importFile(path)
	}, m.shell.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
	d.Resize(fyne.NewSize(900, 620))
	d.Show()
}

// importFile starts the import of a file.
func (m *membersScreen) importFile(path string) *importFlow {
	f := &importFlow{m: m, path: path, mapping: map[model.CensusField]string{}}
	f.read()
	return f
}

// read reads the file in the background behind a progress dialog.
func (f *importFlow) read() {
	ctx, cancel := context.WithCancel(f.m.shell.deps.Ctx)
	p := newProgress(f.m.shell, "Reading "+filepath.Base(f.path), cancel)
	var c *census.Census
	var err error
	f.m.shell.background(func() {
		c, err = census.ReadFile(ctx, f.path, census.Options{Map: f.mapping, Progress: func(n int) {
			p.rows(n)
		}})
	}, func() {
		p.hide()
		cancel()
		f.afterRead(c, err)
	})
}

func (f *importFlow) afterRead(c *census.Census, err error) {
	var fe *census.FileError
	switch {
	case errors.Is(err, context.Canceled):
		f.m.notify("Import cancelled: nothing was changed.", nil)
	case errors.As(err, &fe) && headerProblem(fe):
		f.openMapping(fe)
	case err != nil:
		f.m.shell.showError("This file cannot be imported", err)
	default:
		f.census = c
		f.replan()
		f.showPreview()
	}
}

// headerProblem reports a file whose columns could be mapped by hand.
func headerProblem(fe *census.FileError) bool {
	for _, p := range fe.Problems {
		if p.Row == 1 && (strings.Contains(p.Message, "is missing") || strings.Contains(p.Message, "both look like")) {
			return true
		}
	}
	return false
}

// replan compares the census with the roster as it is now.
func (f *importFlow) replan() {
	sh := f.m.shell
	imp := sh.importer()
	roster, err := imp.ImportRoster(sh.deps.Ctx, f.m.group.ID)
	if err != nil {
		sh.showError("Could not read the roster", err)
		return
	}
	plans, _ := imp.Plans(sh.deps.Ctx)
	rules, _ := sh.editor().Rules(sh.deps.Ctx)
	f.plan = model.PlanImport(roster, f.census.Records, f.census.Problems, model.ImportOptions{GroupID: f.m.group.ID, File: f.path,
		Today: sh.deps.today(), Plans: plans, DefaultPlan: f.defaultPlan, Retro: rules.RetroFor("", f.m.group.Address.State),
		ExcludeBad: f.exclude, NewID: newUIID})
}

// apply applies the plan, behind a progress dialog.
func (f *importFlow) apply() {
	sh := f.m.shell
	ctx, cancel := context.WithCancel(sh.deps.Ctx)
	p := newProgress(sh, "Importing "+filepath.Base(f.path), cancel)
	var b model.ImportBatch
	var err error
	sh.background(func() { b, err = sh.importer().ApplyImport(ctx, f.plan) }, func() {
		p.hide()
		cancel()
		if errors.Is(err, context.Canceled) {
			f.m.notify("Import cancelled: nothing was changed.", nil)
			return
		}
		if err != nil {
			sh.showError("The import was not applied", err)
			return
		}
		if f.preview != nil {
			f.preview.dlg.Hide()
		}
		f.m.afterChange(model.Member{}, fmt.Sprintf("Imported %s: %d added, %d changed, %d terminated.", b.File, b.Adds, b.Changes, b.Terms),
			f.m.undoLastImport)
	})
}

// confirmUndoImport asks before undoing the last import.
func (m *membersScreen) confirmUndoImport() {
	b, err := m.shell.importer().LastImport(m.shell.deps.Ctx, m.group.ID)
	if err != nil {
		m.shell.showError("There is no import to undo", err)
		return
	}
	dialog.ShowConfirm("Undo the last import", undoImportText(b), func(ok bool) {
		if ok {
			m.undoLastImport()
		}
	}, m.shell.win)
}

// undoLastImport undoes the group's last import.
func (m *membersScreen) undoLastImport() {
	b, err := m.shell.importer().UndoImport(m.shell.deps.Ctx, m.group.ID)
	if err != nil {
		m.shell.showError("The import was not undone", err)
		return
	}
	m.afterChange(model.Member{}, fmt.Sprintf("The import of %s was undone.", b.File), nil)
}

func baseName(path string) string { return filepath.Base(path) }

// progressDialog shows that a long job runs, with a Cancel when it can be
// cancelled.
type progressDialog struct {
	shell *Shell
	dlg   *dialog.CustomDialog
	bar   *widget.ProgressBar
	busy  *widget.ProgressBarInfinite
	label *widget.Label
}

func newProgress(s *Shell, title string, cancel func()) *progressDialog {
	p := &progressDialog{shell: s, bar: widget.NewProgressBar(), busy: widget.NewProgressBarInfinite(), label: widget.NewLabel("Starting…")}
	p.bar.Hide()
	content := container.NewVBox(p.label, p.busy, p.bar)
	p.dlg = dialog.NewCustomWithoutButtons(title, content, s.win)
	if cancel != nil {
		p.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { p.label.SetText("Cancelling…"); cancel() })})
	}
	p.dlg.Resize(fyne.NewSize(460, 170))
	p.dlg.Show()
	return p
}

// rows reports rows read; safe from any goroutine.
func (p *progressDialog) rows(n int) {
	fyne.Do(func() { p.label.SetText(fmt.Sprintf("%s rows read…", count(n))) })
}

// fraction reports done of total; safe from any goroutine.
func (p *progressDialog) fraction(done, total int) {
	fyne.Do(func() {
		p.busy.Hide()
		p.bar.Show()
		p.bar.SetValue(float64(done) / float64(max(total, 1)))
		p.label.SetText(fmt.Sprintf("%s of %s people written…", count(done), count(total)))
	})
}

func (p *progressDialog) hide() {
	p.busy.Stop()
	p.dlg.Hide()
}

// undoImportText asks whether to undo an import, saying what it undoes.
func undoImportText(b model.ImportBatch) string {
	msg := fmt.Sprintf("Undo the import of %s (%s)?", b.File, b.AppliedAt.Local().Format("Jan 2, 2006 3:04 PM"))
	if b.Adds > 0 {
		msg += fmt.Sprintf(" The %s it added %s removed.", plural(b.Adds, "person", "people"), map[bool]string{true: "is", false: "are"}[b.Adds == 1])
	}
	if n := b.Changes + b.Terms; n > 0 {
		msg += fmt.Sprintf(" The %s it changed or terminated %s their details back.", plural(n, "person", "people"), map[bool]string{true: "gets", false: "get"}[n == 1])
	}
	return msg
}
