package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// documentDetail shows one document: what it is, its file and earlier
// versions, what it is linked to, and the actions on it.
type documentDetail struct {
	d     *documentsScreen
	doc   model.Document
	root  fyne.CanvasObject
	title *widget.Label
	about *widget.Label
	files *widget.Label
	links *fyne.Container
	empty *widget.Label
	body  *fyne.Container

	open, export, replace, link, edit, remove *widget.Button
}

func newDocumentDetail(d *documentsScreen) *documentDetail {
	v := &documentDetail{d: d}
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Wrapping = fyne.TextWrapWord
	v.about = wrapped("")
	v.files = wrapped("")
	v.links = container.NewVBox()
	v.empty = wrapped("")
	v.open = widget.NewButtonWithIcon("Open", theme.FileIcon(), func() { v.d.openFile(v.doc) })
	v.export = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() { v.d.chooseExport(v.doc) })
	v.replace = widget.NewButtonWithIcon("New version…", theme.UploadIcon(), func() { v.d.chooseReplacement(v.doc) })
	v.link = widget.NewButtonWithIcon("Link…", theme.ContentAddIcon(), func() { v.d.openLink(v.doc) })
	v.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { v.d.openEdit(v.doc) })
	v.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { v.d.confirmDelete(v.doc) })
	v.remove.Importance = widget.DangerImportance
	actions := container.NewGridWithColumns(3, v.open, v.export, v.replace, v.link, v.edit, v.remove)
	v.body = container.NewVBox(v.title, v.about, actions, widget.NewSeparator(),
		widget.NewLabelWithStyle("File and earlier versions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.files,
		widget.NewLabelWithStyle("Linked to", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), v.links)
	v.root = container.NewVScroll(container.NewPadded(container.NewStack(v.body, v.empty)))
	return v
}

func (v *documentDetail) none(msg string) {
	v.doc = model.Document{}
	v.body.Hide()
	v.empty.SetText(msg)
	v.empty.Show()
}

func (v *documentDetail) show(doc model.Document) {
	v.doc = doc
	v.empty.Hide()
	v.body.Show()
	v.title.SetText(doc.Title)
	about := doc.Kind.Label()
	if len(doc.Tags) > 0 {
		about += " · tags: " + strings.Join(doc.Tags, ", ")
	}
	about += fmt.Sprintf(" · changed %s", doc.UpdatedAt.Local().Format("Jan 2, 2006 3:04 PM"))
	v.about.SetText(about)
	var lines []string
	for i := len(doc.Files) - 1; i >= 0; i-- {
		f := doc.Files[i]
		state := "earlier version"
		if i == len(doc.Files)-1 {
			state = "current"
		}
		lines = append(lines, fmt.Sprintf("Version %d (%s): %s, %s, added %s by %s — SHA-256 %s…", i+1, state, f.Name,
			model.FormatBytes(f.Size), f.AddedAt.Local().Format("Jan 2, 2006"), f.AddedBy, f.SHA256[:min(16, len(f.SHA256))]))
	}
	v.files.SetText(strings.Join(lines, "\n"))
	edit := v.d.shell.mayEditDocuments(doc.GroupID)
	v.links.RemoveAll()
	if len(doc.Links) == 0 {
		v.links.Add(widget.NewLabel("Nothing yet: link it to a member, an enrollment application, a renewal or a life event."))
	}
	for _, l := range doc.Links {
		l := l
		label := widget.NewLabel(l.Kind.Label() + ": " + l.Label)
		unlink := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.d.unlink(v.doc, l) })
		if !edit {
			unlink.Hide()
		}
		v.links.Add(container.NewBorder(nil, nil, nil, unlink, label))
	}
	for _, b := range []*widget.Button{v.replace, v.link, v.edit, v.remove} {
		if edit {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// content returns the current file of a document, once it is here.
func (d *documentsScreen) content(doc model.Document) ([]byte, bool) {
	f := doc.File()
	b, err := d.shell.vaultStore().FileContent(d.shell.deps.Ctx, doc.GroupID, f.SHA256)
	if err != nil {
		d.shell.showError(f.Name+" is not on this computer yet", err)
		return nil, false
	}
	return b, true
}

// openFile opens the current file with the system's viewer, from a copy
// in the temporary folder.
func (d *documentsScreen) openFile(doc model.Document) {
	b, ok := d.content(doc)
	if !ok {
		return
	}
	f := doc.File()
	dir := filepath.Join(os.TempDir(), "groupdesk-documents", f.SHA256[:16])
	path := filepath.Join(dir, safeFileName(f.Name))
	err := os.MkdirAll(dir, 0o700)
	if err == nil {
		err = os.WriteFile(path, b, 0o600)
	}
	if err == nil && d.shell.deps.OpenFolder == nil {
		err = model.Errorf(model.EINVALID, "This computer has no viewer to open %s with: export it instead.", f.Name)
	}
	if err == nil {
		err = d.shell.deps.OpenFolder(path)
	}
	if err != nil {
		d.shell.showError("Could not open "+f.Name, err)
		return
	}
	d.shell.setStatus("Opened " + f.Name + " with the system's viewer")
}

// safeFileName keeps a stored file name from leaving its folder.
func safeFileName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == "/" || name == "" {
		return "document"
	}
	return name
}

// chooseExport asks where to save the current file.
func (d *documentsScreen) chooseExport(doc model.Document) {
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		d.exportTo(doc, path)
	}, d.shell.win)
	dlg.SetFileName(safeFileName(doc.File().Name))
	dlg.Resize(fyne.NewSize(900, 620))
	dlg.Show()
}

// exportTo writes the current file to path.
func (d *documentsScreen) exportTo(doc model.Document, path string) bool {
	b, ok := d.content(doc)
	if !ok {
		return false
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		d.shell.showError("The file could not be written", err)
		return false
	}
	d.shell.setStatus(fmt.Sprintf("%s written to %s", doc.Title, path))
	return true
}

// confirmDelete asks before deleting a document from every desktop.
func (d *documentsScreen) confirmDelete(doc model.Document) {
	msg := fmt.Sprintf("Delete %q (%s) from the vault? It goes from every desktop of the group at the next sync; the audit log keeps who deleted it.",
		doc.Title, doc.Kind.Label())
	dlg := dialog.NewConfirm("Delete document", msg, func(ok bool) {
		if ok {
			d.remove(doc)
		}
	}, d.shell.win)
	d.shell.showDialog(dlg, nil)
}

func (d *documentsScreen) remove(doc model.Document) bool {
	if err := d.shell.vaultStore().DeleteDocument(d.shell.deps.Ctx, &doc); err != nil {
		d.shell.showError("The document was not deleted", err)
		return false
	}
	d.selected = ""
	d.shell.setStatus("Deleted " + doc.Title)
	if d.shell.deps.Account != nil {
		d.shell.deps.Account.SyncNow()
	}
	d.load()
	return true
}

// unlink removes one link of a document.
func (d *documentsScreen) unlink(doc model.Document, l model.DocumentLink) {
	doc.Unlink(l.Kind, l.ID)
	if err := d.shell.vaultStore().UpdateDocument(d.shell.deps.Ctx, &doc); err != nil {
		d.shell.showError("The link was not removed", err)
		return
	}
	d.changed(doc, fmt.Sprintf("%s is no longer linked to %s", doc.Title, l.Label))
}
