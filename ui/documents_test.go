package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// documentsShell is the test shell with the Documents screen in front.
func documentsShell(t *testing.T) (*Shell, *sqlite.DB, *documentsScreen) {
	t.Helper()
	s, db, _ := newTestShell(t)
	if !s.ShowScreen("Documents") {
		t.Fatal("there is no Documents screen")
	}
	return s, db, s.front.(*documentsScreen)
}

// tapOverlayButton presses the button of the dialog on top that reads text.
func tapOverlayButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open to press %q in", text)
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text && found == nil {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("the dialog on top has no %q button:\n%s", text, overlayText(w))
	}
	if found.Disabled() {
		t.Fatalf("the %q button is disabled:\n%s", text, overlayText(w))
	}
	test.Tap(found)
}

// fileIn writes a file into a temporary folder and returns its path.
func fileIn(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// drop drops files onto the window, as the desktop driver does.
func drop(s *Shell, paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	s.dropped(fyne.NewPos(400, 300), uris)
}

// aSubscriber is a subscriber of the selected group.
func aSubscriber(t *testing.T, s *Shell) model.Member {
	t.Helper()
	page, err := s.deps.Store.Members(s.deps.Ctx, model.MemberQuery{GroupID: s.group.ID, Relationship: model.RelEmployee, Limit: 5})
	if err != nil || len(page.Members) == 0 {
		t.Fatalf("the group has no subscriber: %v", err)
	}
	return page.Members[len(page.Members)-1]
}

func TestADocumentIsAddedLinkedToAMemberAndFoundBySearch(t *testing.T) {
	s, db, d := documentsShell(t)
	content := []byte("%PDF-1.4\nsigned dental waiver\n")
	drop(s, fileIn(t, "dental-waiver.pdf", content))
	f := d.addForm
	if f == nil || !f.open {
		t.Fatal("dropping a file did not open the form to add it")
	}
	if f.title.Text != "dental waiver" || f.kind.Selected != model.DocWaiver.Label() {
		t.Errorf("the form offers %q, %q for dental-waiver.pdf", f.title.Text, f.kind.Selected)
	}
	f.title.SetText("Dental waiver, open enrollment 2026")
	test.Type(f.tags, "signed, 2026")
	tapOverlayButton(t, s.win, "Add")
	doc, ok := d.current()
	if !ok || doc.Title != "Dental waiver, open enrollment 2026" || doc.File().Size != int64(len(content)) {
		t.Fatalf("the document added is not shown: %+v", doc)
	}

	member := aSubscriber(t, s)
	test.Tap(d.detail.link)
	lf := d.linkForm
	if lf == nil || lf.kind.Selected != model.LinkMember.Label() {
		t.Fatal("Link… did not open the link form on members")
	}
	test.Type(lf.search, member.LastName+" "+member.FirstName)
	chosen := -1
	for i, l := range lf.found {
		if l.ID == member.ID {
			chosen = i
		}
	}
	if chosen < 0 {
		t.Fatalf("searching %s %s does not find the member: %+v", member.LastName, member.FirstName, lf.found)
	}
	lf.records.SetSelectedIndex(chosen)
	tapOverlayButton(t, s.win, "Link")
	stored, err := db.Document(s.deps.Ctx, doc.ID)
	if err != nil || !stored.LinkedTo(model.LinkMember, member.ID) {
		t.Fatalf("the link to %s was not kept: %+v %v", member.FullName(), stored.Links, err)
	}
	if !strings.Contains(d.detail.links.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).Text, member.FirstName) {
		t.Error("the detail does not show the link")
	}

	for _, tc := range []struct{ name, search, kind string }{
		{"the member's name", member.FirstName + " " + member.LastName, allKinds},
		{"a tag", "signed", allKinds},
		{"a word of the title", "enrollment", allKinds},
		{"the kind chosen", "", model.DocWaiver.Label()},
	} {
		t.Run("by "+tc.name, func(t *testing.T) {
			d.search.SetText("")
			d.kind.SetSelected(tc.kind)
			test.Type(d.search, tc.search)
			if len(d.docs) != 1 || d.docs[0].ID != doc.ID {
				t.Fatalf("searching %q (%s) found %d documents", tc.search, tc.kind, len(d.docs))
			}
		})
	}
	d.kind.SetSelected(model.DocArbitration.Label())
	if len(d.docs) != 0 {
		t.Errorf("the waiver is listed among arbitration agreements")
	}

	// From the member on the Members screen, their documents only.
	d.kind.SetSelected(allKinds)
	d.search.SetText("")
	drop(s, fileIn(t, "sbc-gold.pdf", []byte("summary")))
	tapOverlayButton(t, s.win, "Add")
	s.ShowScreen("Members")
	var docsBtn *widget.Button
	for _, o := range s.members.memberActionButtons(member) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Documents" {
			docsBtn = b
		}
	}
	if docsBtn == nil {
		t.Fatal("the member's actions have no Documents")
	}
	test.Tap(docsBtn)
	if s.CurrentScreen() != "Documents" || len(d.docs) != 1 || d.docs[0].ID != doc.ID || d.filterBar.Hidden ||
		!strings.Contains(d.filterTxt.Text, member.FirstName) {
		t.Fatalf("the member's documents: screen %s, %d documents, %q", s.CurrentScreen(), len(d.docs), d.filterTxt.Text)
	}
	test.Tap(d.filterBar.Objects[1].(*widget.Button))
	if len(d.docs) != 2 || !d.filterBar.Hidden {
		t.Errorf("every document again: %d", len(d.docs))
	}
}

func TestTheDocumentsScreenRefusesAnEmptyFileAndOneOverTheLimitSet(t *testing.T) {
	s, db, d := documentsShell(t)
	drop(s, fileIn(t, "blank-scan.pdf", nil))
	if !strings.Contains(d.notice.Text, "blank-scan.pdf is empty (0 bytes)") || d.notice.Hidden {
		t.Errorf("an empty file: the screen says %q", d.notice.Text)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	s.ShowScreen("Settings")
	v := s.settings.vault
	if v.entry.Text != "25" {
		t.Errorf("the limit reads %q MB, want the default 25", v.entry.Text)
	}
	v.entry.SetText("1")
	if !v.save() {
		t.Fatal("a limit of 1 MB was refused")
	}
	if limit, _ := db.DocumentLimit(s.deps.Ctx); limit != model.MB {
		t.Fatalf("the limit kept is %d", limit)
	}
	v.entry.SetText("500")
	if v.save() {
		t.Error("a limit over 100 MB was taken")
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	s.ShowScreen("Documents")
	drop(s, fileIn(t, "payroll-scan.pdf", bytes.Repeat([]byte{'x'}, 1_500_000)))
	if !strings.Contains(d.notice.Text, "payroll-scan.pdf is 1.5 MB, over the vault's limit of 1 MB") {
		t.Errorf("a file over the limit: the screen says %q", d.notice.Text)
	}
	if d.addForm != nil {
		t.Error("a refused file opened the form to add it")
	}
	if docs, _ := db.Documents(s.deps.Ctx, model.DocumentQuery{GroupID: s.group.ID}); len(docs) != 0 {
		t.Errorf("%d documents were kept", len(docs))
	}
}

func TestADocumentIsOpenedExportedReplacedAndDeletedWithAnAuditEntry(t *testing.T) {
	s, db, d := documentsShell(t)
	first := []byte("BROKER OF RECORD AUTHORIZATION v1\n")
	drop(s, fileIn(t, "broker-of-record.txt", first))
	tapOverlayButton(t, s.win, "Add")
	doc, _ := d.current()

	var opened string
	s.deps.OpenFolder = func(path string) error { opened = path; return nil }
	test.Tap(d.detail.open)
	if b, err := os.ReadFile(opened); err != nil || !bytes.Equal(b, first) || filepath.Base(opened) != "broker-of-record.txt" {
		t.Fatalf("Open handed %q to the viewer: %v", opened, err)
	}
	out := filepath.Join(t.TempDir(), "copy.txt")
	if !d.exportTo(doc, out) {
		t.Fatal("the export failed")
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, first) {
		t.Fatal("the exported copy differs")
	}

	second := []byte("BROKER OF RECORD AUTHORIZATION v2, signed\n")
	if !d.replaceWith(doc, fileIn(t, "broker-signed.txt", second)) {
		t.Fatal("replacing failed")
	}
	doc, _ = d.current()
	if len(doc.Files) != 2 || doc.File().Name != "broker-signed.txt" || !strings.Contains(d.detail.files.Text, "Version 1 (earlier version): broker-of-record.txt") {
		t.Fatalf("after replacing: %+v\n%s", doc.Files, d.detail.files.Text)
	}
	if d.replaceWith(doc, fileIn(t, "empty.txt", nil)) || !strings.Contains(d.notice.Text, "empty.txt is empty (0 bytes)") {
		t.Errorf("replacing with an empty file: %q", d.notice.Text)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	test.Tap(d.detail.remove)
	if !strings.Contains(overlayText(s.win), "from every desktop of the group") {
		t.Fatalf("Delete did not ask first:\n%s", overlayText(s.win))
	}
	tapOverlayButton(t, s.win, "Yes")
	if _, err := db.Document(s.deps.Ctx, doc.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("the document is still there: %v", err)
	}
	entries, err := db.History(s.deps.Ctx, model.EntityDocument, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var deleted bool
	for _, e := range entries {
		deleted = deleted || (e.Action == model.ActionDelete && strings.Contains(e.Summary, "Document deleted") && e.Actor != "")
	}
	if !deleted {
		t.Errorf("the audit log has no deletion of the document: %+v", entries)
	}
}

func TestAReaderSeesTheVaultWithoutChangingItAndAMembershipClerkDoesNotSeeIt(t *testing.T) {
	s, _, d := documentsShell(t)
	drop(s, fileIn(t, "arbitration-agreement.pdf", []byte("signed")))
	tapOverlayButton(t, s.win, "Add")

	s.deps.Ctx = model.WithPrincipal(context.Background(), &model.Principal{UserID: "r", Name: "Reader",
		Grants: map[string]model.Role{s.group.ID: model.RoleReadOnly}})
	s.refreshNav()
	if !s.ShowScreen("Documents") {
		t.Fatal("a Read-only user does not see Documents")
	}
	if len(d.docs) != 1 || !d.add.Disabled() || !d.detail.remove.Disabled() || !d.detail.replace.Disabled() || d.detail.open.Disabled() {
		t.Fatalf("a Read-only user: %d documents, add disabled %v, delete disabled %v", len(d.docs), d.add.Disabled(), d.detail.remove.Disabled())
	}
	drop(s, fileIn(t, "other.pdf", []byte("x")))
	if !strings.Contains(d.notice.Text, "documents.edit") {
		t.Errorf("a drop by a Read-only user: %q", d.notice.Text)
	}
	s.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	s.deps.Ctx = model.WithPrincipal(context.Background(), &model.Principal{UserID: "m", Name: "Clerk",
		Grants: map[string]model.Role{s.group.ID: model.RoleMembership}})
	s.refreshNav()
	if s.ShowScreen("Documents") || s.ShowScreen("Contracts") {
		t.Fatal("a Membership clerk sees the vault")
	}
}

func TestHomeWarnsOfAMissingArbitrationAgreementUntilItIsAdded(t *testing.T) {
	s, _, d := documentsShell(t)
	if !homeHas(s, model.AlertArbitrationMissing) {
		t.Fatal("Home does not warn that the group has no arbitration agreement")
	}
	var alert model.Alert
	for _, a := range s.home.alerts.alerts {
		if a.Kind == model.AlertArbitrationMissing && a.GroupID == s.group.ID {
			alert = a
		}
	}
	if !strings.Contains(alert.Text, "No signed arbitration agreement on file") {
		t.Fatalf("the warning reads %q", alert.Text)
	}
	s.ShowScreen("Home")
	for _, p := range alertProviders {
		if p.name == "arbitration agreement" {
			p.open(s, alert)
		}
	}
	if s.CurrentScreen() != "Documents" {
		t.Fatalf("the warning opens %s, want Documents", s.CurrentScreen())
	}
	drop(s, fileIn(t, "signed-arbitration-agreement.pdf", []byte("%PDF-1.4 signed")))
	if d.addForm.kind.Selected != model.DocArbitration.Label() {
		t.Errorf("the form offers the kind %q", d.addForm.kind.Selected)
	}
	tapOverlayButton(t, s.win, "Add")
	s.home.loadAlerts(s.group)
	for _, a := range s.home.alerts.alerts {
		if a.Kind == model.AlertArbitrationMissing && a.GroupID == s.group.ID {
			t.Fatal("the warning stays after the agreement was added")
		}
	}
}

// dropWindow is a test window that keeps the callback given to
// SetOnDropped, as the desktop driver does (the test driver drops it).
type dropWindow struct {
	fyne.Window
	onDropped func(fyne.Position, []fyne.URI)
}

func (w *dropWindow) SetOnDropped(f func(fyne.Position, []fyne.URI)) { w.onDropped = f }

func TestFilesDroppedOnTheWindowGoToTheDocumentsScreen(t *testing.T) {
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Load(ctx, demo.Generate(demo.Options{Seed: 7, People: 300, Today: testToday}), nil); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := &dropWindow{Window: a.NewWindow("GroupDesk")}
	w.Resize(fyne.NewSize(1280, 800))
	db.Now = testClock()
	s := New(a, w, Deps{Store: db, Ctx: ctx, Now: db.Now, DBPath: db.Path,
		Version: "test", Synchronous: true})
	w.Show()
	s.Start()
	if w.onDropped == nil {
		t.Fatal("the shell takes no files dropped on the window")
	}
	path := fileIn(t, "wage-report-q3.pdf", []byte("DE 9C, third quarter"))
	w.onDropped(fyne.NewPos(600, 400), []fyne.URI{storage.NewFileURI(path)})
	if s.status.Text != "To keep files in the vault, open Documents and drop them there." {
		t.Errorf("a drop on Home: the status reads %q", s.status.Text)
	}
	s.ShowScreen("Documents")
	d := s.front.(*documentsScreen)
	w.onDropped(fyne.NewPos(600, 400), []fyne.URI{storage.NewFileURI(path)})
	if d.addForm == nil || d.addForm.kind.Selected != model.DocWageReport.Label() {
		t.Fatal("a file dropped on Documents did not open the form to add it")
	}
	tapOverlayButton(t, w, "Add")
	if doc, ok := d.current(); !ok || doc.File().Name != "wage-report-q3.pdf" {
		t.Fatalf("the dropped file was not added: %+v", doc)
	}
}
