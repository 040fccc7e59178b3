package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// linkForm links a document to a member, an enrollment application, a
// renewal or a life event of the group, found by words of its name.
type linkForm struct {
	d       *documentsScreen
	doc     model.Document
	kind    *widget.Select
	search  *widget.Entry
	records *widget.Select
	found   []model.DocumentLink
	dlg     *dialog.FormDialog
}

func (d *documentsScreen) openLink(doc model.Document) {
	f := &linkForm{d: d, doc: doc, search: widget.NewEntry()}
	var kinds []string
	for _, k := range model.LinkKinds {
		kinds = append(kinds, k.Label())
	}
	f.records = widget.NewSelect(nil, nil)
	f.records.PlaceHolder = "Choose the record"
	f.kind = widget.NewSelect(kinds, func(string) { f.find() })
	f.search.SetPlaceHolder("Words of the name, e.g. a member's last name")
	f.search.OnChanged = func(string) { f.find() }
	f.kind.SetSelected(model.LinkMember.Label())
	items := []*widget.FormItem{widget.NewFormItem("Link to", f.kind), widget.NewFormItem("Search", f.search),
		widget.NewFormItem("Record", f.records)}
	f.dlg = dialog.NewForm("Link "+doc.Title, "Link", "Cancel", items, func(ok bool) {
		if ok {
			f.submit()
		}
	}, d.shell.win)
	f.dlg.Resize(fyne.NewSize(600, 300))
	d.linkForm = f
	d.shell.showDialog(f.dlg, nil)
}

func (f *linkForm) linkKind() model.LinkKind {
	for _, k := range model.LinkKinds {
		if k.Label() == f.kind.Selected {
			return k
		}
	}
	return model.LinkMember
}

// find lists the records of the kind chosen that match the search.
func (f *linkForm) find() {
	found, err := f.d.shell.vaultStore().LinkCandidates(f.d.shell.deps.Ctx, f.doc.GroupID, f.linkKind(), f.search.Text, 50)
	if err != nil {
		f.d.shell.showError("Could not look for records to link", err)
		return
	}
	f.found = found
	var labels []string
	for _, l := range found {
		labels = append(labels, l.Label)
	}
	f.records.SetOptions(labels)
	if len(labels) > 0 {
		f.records.SetSelectedIndex(0)
	} else {
		f.records.ClearSelected()
	}
}

// submit links the document to the record chosen.
func (f *linkForm) submit() bool {
	i := f.records.SelectedIndex()
	if i < 0 || i >= len(f.found) {
		f.d.problem("Nothing was linked", model.Errorf(model.EINVALID, "Choose the %s to link %s to.", f.linkKind().Label(), f.doc.Title))
		return false
	}
	l := f.found[i]
	doc := f.doc
	doc.Link(l)
	if err := f.d.shell.vaultStore().UpdateDocument(f.d.shell.deps.Ctx, &doc); err != nil {
		f.d.problem("The link was not saved", err)
		return false
	}
	f.d.changed(doc, fmt.Sprintf("%s is linked to %s (%s)", doc.Title, l.Label, l.Kind.Label()))
	return true
}
