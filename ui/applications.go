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

// applicationsScreen lists the enrollment applications of new groups with
// their status, and opens the wizard that fills one in.
type applicationsScreen struct {
	shell *Shell
	apps  []model.Application

	root   fyne.CanvasObject
	list   *widget.List
	none   *widget.Label // said in place of the list while it is empty
	detail *fyne.Container
	wizard *appWizard
}

func newApplicationsScreen(s *Shell) *applicationsScreen {
	a := &applicationsScreen{shell: s}
	a.root = a.build()
	return a
}

func (a *applicationsScreen) title() string               { return "Applications" }
func (a *applicationsScreen) icon() fyne.Resource         { return theme.DocumentIcon() }
func (a *applicationsScreen) view() fyne.CanvasObject     { return a.root }
func (a *applicationsScreen) allowed() bool               { return a.shell.mayQuote() }
func (a *applicationsScreen) setGroup(model.GroupSummary) {}
func (a *applicationsScreen) shown()                      { a.reload() }

func (a *applicationsScreen) build() fyne.CanvasObject {
	a.list = widget.NewList(func() int { return len(a.apps) },
		func() fyne.CanvasObject { return widget.NewLabel("A company name that is long · Needs information") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(a.apps[i].Company.LegalName + " · " + a.apps[i].Status.Label())
		})
	a.list.OnSelected = func(i widget.ListItemID) { a.showApp(i) }
	a.detail = container.NewStack(widget.NewLabel("Start an application for a new group, or pick one to see where it stands."))
	newBtn := widget.NewButtonWithIcon("New application", theme.ContentAddIcon(), func() { a.openWizard(&model.Application{}) })
	a.none = wrapped("No applications yet. New application starts one for a group that is not in the book.")
	left := container.NewBorder(newBtn, nil, nil, nil, container.NewStack(a.list, a.none))
	split := container.NewHSplit(left, a.detail)
	split.Offset = 0.28
	return split
}

func (a *applicationsScreen) reload() {
	st := a.shell.quotes()
	if st == nil {
		return
	}
	apps, err := st.Applications(a.shell.deps.Ctx)
	if err != nil {
		a.shell.showError("Could not read the applications", err)
		return
	}
	a.apps = apps
	a.list.Refresh()
	setVisible(a.none, len(apps) == 0)
}

// showApp shows an application's status and history; one the applicant
// may still change opens in the wizard.
func (a *applicationsScreen) showApp(i int) {
	app := a.apps[i]
	var lines []string
	for _, h := range app.History {
		line := fmt.Sprintf("%s  from %s to %s by %s", h.At.Local().Format("Jan 2, 2006 3:04 PM"), h.From.Label(), h.To.Label(), h.By)
		if h.Note != "" {
			line += ": " + h.Note
		}
		lines = append(lines, line)
	}
	head := widget.NewLabelWithStyle(app.Company.LegalName+" — "+app.Status.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(head, widget.NewLabel(strings.Join(lines, "\n")))
	if app.GroupID != "" {
		body.Add(widget.NewLabel("Approved: the group is in your book of business (group ID " + app.GroupID + ")."))
	}
	if note := app.LastNote(); note != "" && app.Status == model.AppNeedsInfo {
		body.Add(widget.NewLabelWithStyle("The carrier asks: "+note, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	if app.Editable() {
		body.Add(widget.NewButton("Continue the application", func() { a.openWizard(&app) }))
	}
	a.detail.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(body))}
	a.detail.Refresh()
}

func (a *applicationsScreen) openWizard(app *model.Application) {
	a.wizard = newAppWizard(a, app)
	a.detail.Objects = []fyne.CanvasObject{a.wizard.root}
	a.detail.Refresh()
}
