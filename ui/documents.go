package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// allKinds is the kind filter's choice of every kind.
const allKinds = "All kinds"

// documentsScreen is the group's document vault: the documents found by
// the search and the kind chosen, the one selected with its file, its
// earlier versions and what it is linked to, and the actions on it. Files
// come in through Add (a file dialog) or by dropping them on the window.
type documentsScreen struct {
	shell    *Shell
	group    model.GroupSummary
	docs     []model.Document
	selected string
	limit    int64

	root    fyne.CanvasObject
	heading *widget.Label
	search  *widget.Entry
	kind    *widget.Select
	count   *widget.Label
	notice  *widget.Label // the last problem with a file, in words
	add     *widget.Button
	list    *widget.List
	detail  *documentDetail

	// filter, when set, lists only the documents linked to one record
	// (a member's, from the Members screen).
	filter    *model.DocumentLink
	filterBar *fyne.Container
	filterTxt *widget.Label

	pending  []pendingFile // files waiting for their title and kind
	addForm  *documentForm // the form last opened
	linkForm *linkForm
}

func newDocumentsScreen(s *Shell) *documentsScreen {
	d := &documentsScreen{shell: s, limit: model.DefaultDocumentLimit}
	d.root = d.build()
	return d
}

func (d *documentsScreen) title() string           { return "Documents" }
func (d *documentsScreen) icon() fyne.Resource     { return theme.FolderIcon() }
func (d *documentsScreen) view() fyne.CanvasObject { return d.root }
func (d *documentsScreen) allowed() bool {
	return d.shell.mayViewDocuments(d.shell.group.ID) || d.shell.vaultBeforeGroups()
}
func (d *documentsScreen) shown() { d.load() }
func (d *documentsScreen) setGroup(g model.GroupSummary) {
	if g.ID != d.group.ID {
		d.selected, d.filter = "", nil
		d.notice.SetText("")
		d.notice.Hide()
	}
	d.group = g
	if d.shell.CurrentScreen() == d.title() {
		d.load()
	}
}

func (d *documentsScreen) build() fyne.CanvasObject {
	d.heading = widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.SizeName = theme.SizeNameSubHeadingText
	d.search = widget.NewEntry()
	d.search.SetPlaceHolder("Search titles, kinds, tags, file names and linked members")
	d.search.OnChanged = func(string) { d.load() }
	kinds := []string{allKinds}
	for _, k := range model.DocumentKinds {
		kinds = append(kinds, k.Label())
	}
	d.kind = widget.NewSelect(kinds, nil)
	d.kind.SetSelected(allKinds)
	d.kind.OnChanged = func(string) { d.load() }
	d.count = widget.NewLabel("")
	d.notice = wrapped("")
	d.notice.Importance = widget.DangerImportance
	d.notice.Hide()
	d.add = widget.NewButtonWithIcon("Add a document…", theme.ContentAddIcon(), d.chooseToAdd)
	d.add.Importance = widget.HighImportance
	d.list = widget.NewList(func() int { return len(d.docs) }, newDocumentRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { setDocumentRow(o, &d.docs[i]) })
	d.list.OnSelected = func(i widget.ListItemID) { d.show(d.docs[i].ID) }
	d.detail = newDocumentDetail(d)
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(d.kind, d.add), d.search)
	d.filterTxt = widget.NewLabel("")
	d.filterBar = container.NewHBox(d.filterTxt, widget.NewButtonWithIcon("Show every document", theme.ContentClearIcon(), func() {
		d.filter = nil
		d.load()
	}))
	d.filterBar.Hide()
	head := container.NewVBox(d.heading, filters, d.filterBar, container.NewHBox(d.count), d.notice)
	split := container.NewHSplit(d.list, d.detail.root)
	split.Offset = 0.4
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, split)
}

// query is the search and the kind chosen.
func (d *documentsScreen) query() model.DocumentQuery {
	q := model.DocumentQuery{GroupID: d.group.ID, Search: strings.TrimSpace(d.search.Text)}
	if k, ok := model.DocumentKindByLabel(d.kind.Selected); ok {
		q.Kind = k
	}
	if d.filter != nil {
		q.LinkKind, q.LinkID = d.filter.Kind, d.filter.ID
	}
	return q
}

// load reads the documents the search finds, and the size limit.
func (d *documentsScreen) load() {
	st, ctx := d.shell.vaultStore(), d.shell.deps.Ctx
	if st == nil || !d.shell.mayViewDocuments(d.group.ID) {
		d.docs = nil
		d.list.Refresh()
		d.detail.none("You may not see this group's documents.")
		return
	}
	var err error
	if d.limit, err = st.DocumentLimit(ctx); err != nil {
		d.shell.showError("Could not read the vault's size limit", err)
	}
	if d.docs, err = st.Documents(ctx, d.query()); err != nil {
		d.shell.showError("Could not search the documents", err)
	}
	d.render()
}

func (d *documentsScreen) render() {
	d.heading.SetText("Documents — " + d.group.Name)
	edit := d.shell.mayEditDocuments(d.group.ID)
	if edit {
		d.add.Enable()
	} else {
		d.add.Disable()
	}
	line := plural(len(d.docs), "document", "documents")
	if d.search.Text != "" || d.kind.Selected != allKinds {
		line += " found"
	}
	if d.filter != nil {
		d.filterTxt.SetText(fmt.Sprintf("Linked to %s (%s)", d.filter.Label, d.filter.Kind.Label()))
		d.filterBar.Show()
	} else {
		d.filterBar.Hide()
	}
	if edit {
		line += fmt.Sprintf(". Add files up to %s with the button or by dropping them onto the window.", model.FormatBytes(d.limit))
	}
	d.count.SetText(line)
	d.list.UnselectAll()
	d.list.Refresh()
	if d.selected == "" && len(d.docs) > 0 {
		d.selected = d.docs[0].ID
	}
	d.show(d.selected)
}

// show brings a document forward in the detail.
func (d *documentsScreen) show(id string) {
	d.selected = id
	for i := range d.docs {
		if d.docs[i].ID == id {
			d.list.Select(i)
			d.detail.show(d.docs[i])
			return
		}
	}
	if len(d.docs) == 0 && d.filter != nil {
		d.detail.none(fmt.Sprintf("No document is linked to %s yet: choose a document and press Link… to link it.", d.filter.Label))
		return
	}
	if len(d.docs) == 0 && (d.search.Text != "" || d.kind.Selected != allKinds) {
		d.detail.none("No document matches the search.")
		return
	}
	d.detail.none("No documents yet. Add the signed arbitration agreement, contract amendments, summaries of benefits, forms and waivers here.")
}

// current returns the document selected.
func (d *documentsScreen) current() (model.Document, bool) {
	for i := range d.docs {
		if d.docs[i].ID == d.selected {
			return d.docs[i], true
		}
	}
	return model.Document{}, false
}

// problem shows what is wrong with a file on the screen and in a dialog.
func (d *documentsScreen) problem(title string, err error) {
	d.notice.SetText(model.ErrorMessage(err))
	d.notice.Show()
	d.shell.showError(title, err)
}

// changed shows a document after it was added or changed.
func (d *documentsScreen) changed(doc model.Document, status string) {
	d.notice.SetText("")
	d.notice.Hide()
	d.selected = doc.ID
	d.shell.setStatus(status)
	if d.shell.deps.Account != nil {
		d.shell.deps.Account.SyncNow()
	}
	d.load()
}

func newDocumentRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Summary of benefits and coverage", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("Summary of benefits and coverage · 1.2 MB · sbc.pdf")
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, sub)
}

func setDocumentRow(o fyne.CanvasObject, doc *model.Document) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(doc.Title)
	f := doc.File()
	// The size before the file's name: a long name is what the ellipsis
	// cuts, and the detail beside the list shows it whole.
	parts := []string{doc.Kind.Label(), model.FormatBytes(f.Size), f.Name}
	if len(doc.Links) > 0 {
		parts = append(parts, "linked to "+doc.Links[0].Label)
	}
	box.Objects[1].(*widget.Label).SetText(strings.Join(parts, " · "))
}

// showDocumentsOf brings Documents forward listing the documents linked
// to a record.
func (s *Shell) showDocumentsOf(l model.DocumentLink) bool {
	for _, sc := range s.all {
		if d, ok := sc.(*documentsScreen); ok {
			d.filter, d.selected = &l, ""
			d.search.SetText("")
			if !s.ShowScreen(d.title()) {
				d.filter = nil
				return false
			}
			return true
		}
	}
	return false
}
