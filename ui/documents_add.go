package ui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// pendingFile is a file chosen or dropped, read and within the limit,
// waiting for its title and kind.
type pendingFile struct {
	file model.NewFile
}

// readLimited reads a file of a known size, refusing an empty one and one
// over the limit before reading it.
func readLimited(name string, size, limit int64, r io.Reader) (model.NewFile, error) {
	if err := model.CheckFileSize(name, size, limit); err != nil {
		return model.NewFile{}, err
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return model.NewFile{}, fmt.Errorf("reading %s: %w", name, err)
	}
	if err := model.CheckFileSize(name, int64(len(b)), limit); err != nil {
		return model.NewFile{}, err
	}
	return model.NewFile{Name: name, Content: b}, nil
}

// readPath reads a file on disk for the vault.
func (d *documentsScreen) readPath(path string) (model.NewFile, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return model.NewFile{}, model.Errorf(model.EINVALID, "%s cannot be read: %v", name, err)
	}
	if st.IsDir() {
		return model.NewFile{}, model.Errorf(model.EINVALID, "%s is a folder: drop or choose the files in it.", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return model.NewFile{}, model.Errorf(model.EINVALID, "%s cannot be read: %v", name, err)
	}
	defer f.Close()
	return readLimited(name, st.Size(), d.limit, f)
}

// chooseToAdd asks for a file to add.
func (d *documentsScreen) chooseToAdd() {
	d.chooseFile(func(path string) { d.addPaths([]string{path}) })
}

// chooseFile shows the file dialog and calls use with the path chosen.
func (d *documentsScreen) chooseFile(use func(path string)) {
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		use(path)
	}, d.shell.win)
	dlg.Resize(fyne.NewSize(900, 620))
	dlg.Show()
}

// dropped takes files dropped onto the window while the screen is in
// front.
func (d *documentsScreen) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	d.addPaths(paths)
}

// addPaths reads the files and asks for the title and kind of each in
// turn; files that cannot be kept are named in one message.
func (d *documentsScreen) addPaths(paths []string) {
	if !d.shell.mayEditDocuments(d.group.ID) {
		d.problem("Documents cannot be added", model.Errorf(model.EFORBIDDEN,
			"Your role in %s does not let you add documents (documents.edit).", d.group.Name))
		return
	}
	var problems []string
	for _, p := range paths {
		f, err := d.readPath(p)
		if err != nil {
			problems = append(problems, model.ErrorMessage(err))
			continue
		}
		d.pending = append(d.pending, pendingFile{file: f})
	}
	if len(problems) > 0 {
		d.problem("Not added", model.Errorf(model.EINVALID, "%s", strings.Join(problems, "\n")))
	}
	if d.addForm == nil || !d.addForm.open {
		d.nextPending()
	}
}

// nextPending opens the form of the next file waiting.
func (d *documentsScreen) nextPending() {
	if len(d.pending) == 0 {
		return
	}
	p := d.pending[0]
	d.pending = d.pending[1:]
	doc := model.Document{GroupID: d.group.ID, Kind: guessKind(p.file.Name), Title: titleOf(p.file.Name)}
	d.openForm(doc, &p.file)
}

// titleOf is a file's name without its extension, for a first title.
func titleOf(name string) string {
	t := strings.TrimSuffix(name, filepath.Ext(name))
	t = strings.NewReplacer("_", " ", "-", " ").Replace(t)
	return strings.TrimSpace(t)
}

// guessKind picks the kind a file's name suggests, else Other.
func guessKind(name string) model.DocumentKind {
	n := strings.ToLower(name)
	for _, g := range []struct {
		word string
		kind model.DocumentKind
	}{{"arbitration", model.DocArbitration}, {"amendment", model.DocAmendment}, {"sbc", model.DocSBC}, {"summary", model.DocSBC},
		{"enrollment", model.DocEnrollmentForm}, {"waiver", model.DocWaiver}, {"wage", model.DocWageReport}, {"de 9c", model.DocWageReport},
		{"broker", model.DocBrokerOfRecord}, {"invoice", model.DocInvoice}, {"birth", model.DocLifeEventProof}, {"marriage", model.DocLifeEventProof}} {
		if strings.Contains(n, g.word) {
			return g.kind
		}
	}
	return model.DocOther
}

// documentForm asks for a document's title, kind and tags: for a new
// file, or to edit a document.
type documentForm struct {
	d     *documentsScreen
	doc   model.Document
	file  *model.NewFile // nil when editing
	title *widget.Entry
	kind  *widget.Select
	tags  *widget.Entry
	dlg   *dialog.FormDialog
	open  bool
}

func (d *documentsScreen) openEdit(doc model.Document) { d.openForm(doc, nil) }

func (d *documentsScreen) openForm(doc model.Document, file *model.NewFile) {
	f := &documentForm{d: d, doc: doc, file: file, title: widget.NewEntry(), tags: widget.NewEntry(), open: true}
	var kinds []string
	for _, k := range model.DocumentKinds {
		kinds = append(kinds, k.Label())
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.SetSelected(doc.Kind.Label())
	f.title.SetText(doc.Title)
	f.tags.SetText(strings.Join(doc.Tags, ", "))
	f.tags.SetPlaceHolder("signed, 2026, open enrollment")
	items := []*widget.FormItem{widget.NewFormItem("Title", f.title), widget.NewFormItem("Kind", f.kind), widget.NewFormItem("Tags", f.tags)}
	heading, verb := "Edit "+doc.Title, "Save"
	if file != nil {
		items = append([]*widget.FormItem{widget.NewFormItem("File", widget.NewLabel(fmt.Sprintf("%s (%s)", file.Name,
			model.FormatBytes(int64(len(file.Content))))))}, items...)
		heading, verb = "Add a document to the vault of "+d.group.Name, "Add"
	}
	f.dlg = dialog.NewForm(heading, verb, "Cancel", items, func(ok bool) {
		f.open = false
		if ok {
			f.submit()
		}
		d.nextPending()
	}, d.shell.win)
	f.dlg.Resize(fyne.NewSize(560, 300))
	d.addForm = f
	d.shell.showDialog(f.dlg, nil)
}

// submit keeps the document: a new one with its file, or the changes.
func (f *documentForm) submit() bool {
	doc := f.doc
	doc.Title = f.title.Text
	if k, ok := model.DocumentKindByLabel(f.kind.Selected); ok {
		doc.Kind = k
	}
	doc.Tags = model.ParseTags(f.tags.Text)
	st, ctx := f.d.shell.vaultStore(), f.d.shell.deps.Ctx
	if f.file == nil {
		if err := st.UpdateDocument(ctx, &doc); err != nil {
			f.d.problem("The document was not saved", err)
			return false
		}
		f.d.changed(doc, "Saved "+doc.Title)
		return true
	}
	if err := st.AddDocument(ctx, &doc, *f.file); err != nil {
		f.d.problem(f.file.Name+" was not added", err)
		return false
	}
	f.d.changed(doc, fmt.Sprintf("Added %s (%s, %s)", doc.Title, f.file.Name, model.FormatBytes(int64(len(f.file.Content)))))
	return true
}

// chooseReplacement asks for the file of the document's next version.
func (d *documentsScreen) chooseReplacement(doc model.Document) {
	d.chooseFile(func(path string) { d.replaceWith(doc, path) })
}

// replaceWith keeps the file at path as the document's new version.
func (d *documentsScreen) replaceWith(doc model.Document, path string) bool {
	f, err := d.readPath(path)
	if err == nil {
		err = d.shell.vaultStore().ReplaceFile(d.shell.deps.Ctx, &doc, f)
	}
	if err != nil {
		d.problem("The file was not replaced", err)
		return false
	}
	d.changed(doc, fmt.Sprintf("%s now has version %d of its file: %s", doc.Title, len(doc.Files), f.Name))
	return true
}
