package ui

import (
	"fmt"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// appWizard fills in an application step by step: company, employees,
// census, plans and contribution, documents, review and submit.
type appWizard struct {
	screen *applicationsScreen
	app    *model.Application
	step   int
	steps  []wizardStep
	built  bool // the step in front has its widgets

	root    *fyne.Container
	heading *widget.Label
	body    *fyne.Container
	back    *widget.Button
	next    *widget.Button

	fields  map[string]*widget.Entry
	waivers *widget.Entry
	plans   *widget.CheckGroup
	contrib *contributionControls
	censusL *widget.Label
	docs    *fyne.Container
	checks  *fyne.Container
}

type wizardStep struct {
	title string
	build func() fyne.CanvasObject
	save  func() // copies the step's widgets into the application
}

func newAppWizard(s *applicationsScreen, app *model.Application) *appWizard {
	w := &appWizard{screen: s, app: app, fields: map[string]*widget.Entry{}}
	if app.Contribution.PayPeriods == 0 {
		app.Contribution = model.DefaultContribution
	}
	if app.Effective.IsZero() {
		app.Effective = s.shell.deps.today().FirstOfNextMonth().FirstOfNextMonth()
	}
	w.steps = []wizardStep{
		{"1. Company", w.companyStep, w.saveCompany},
		{"2. Employees", w.employeesStep, w.saveEmployees},
		{"3. Census", w.censusStep, func() {}},
		{"4. Plans and contribution", w.plansStep, w.savePlans},
		{"5. Documents", w.documentsStep, func() {}},
		{"6. Review and submit", w.reviewStep, func() {}},
	}
	w.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.body = container.NewStack()
	w.back = widget.NewButton("Back", func() { w.goTo(w.step - 1) })
	w.next = widget.NewButton("Next", func() { w.goTo(w.step + 1) })
	save := widget.NewButton("Save draft", w.saveDraft)
	w.root = container.NewBorder(w.heading, container.NewHBox(w.back, w.next, save), nil, nil, w.body)
	w.goTo(0)
	return w
}

func (w *appWizard) goTo(step int) {
	if step < 0 || step >= len(w.steps) {
		return
	}
	if w.built {
		w.steps[w.step].save()
	}
	w.step, w.built = step, true
	w.heading.SetText(w.steps[step].title)
	w.body.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(w.steps[step].build()))}
	w.body.Refresh()
	w.back.Enable()
	w.next.Enable()
	if step == 0 {
		w.back.Disable()
	}
	if step == len(w.steps)-1 {
		w.next.Disable()
	}
}

// entry returns the wizard's entry for a field, created with a value.
func (w *appWizard) entry(key, value string) *widget.Entry {
	e, ok := w.fields[key]
	if !ok {
		e = widget.NewEntry()
		e.SetText(value)
		w.fields[key] = e
	}
	return e
}

func (w *appWizard) text(key string) string {
	if e, ok := w.fields[key]; ok {
		return e.Text
	}
	return ""
}

func (w *appWizard) companyStep() fyne.CanvasObject {
	c := &w.app.Company
	return widget.NewForm(
		widget.NewFormItem("Legal name", w.entry("name", c.LegalName)),
		widget.NewFormItem("FEIN", w.entry("fein", c.FEIN)),
		widget.NewFormItem("Industry", w.entry("industry", c.Industry)),
		widget.NewFormItem("Street", w.entry("line1", c.Address.Line1)),
		widget.NewFormItem("City", w.entry("city", c.Address.City)),
		widget.NewFormItem("State", w.entry("state", c.Address.State)),
		widget.NewFormItem("ZIP", w.entry("zip", c.Address.ZIP)),
		widget.NewFormItem("Contact", w.entry("contact", c.ContactName)),
		widget.NewFormItem("Contact email", w.entry("email", c.ContactEmail)),
		widget.NewFormItem("Broker (if any)", w.entry("broker", w.app.Broker)))
}

func (w *appWizard) saveCompany() {
	c := &w.app.Company
	c.LegalName, c.FEIN, c.Industry = w.text("name"), w.text("fein"), w.text("industry")
	c.Address = model.Address{Line1: w.text("line1"), City: w.text("city"), State: w.text("state"), ZIP: w.text("zip")}
	c.ContactName, c.ContactEmail, w.app.Broker = w.text("contact"), w.text("email"), w.text("broker")
}

func (w *appWizard) employeesStep() fyne.CanvasObject {
	if w.waivers == nil {
		w.waivers = widget.NewMultiLineEntry()
		w.waivers.SetPlaceHolder("One per line: name; reason")
		var lines string
		for _, wv := range w.app.Waivers {
			lines += wv.Name + "; " + wv.Reason + "\n"
		}
		w.waivers.SetText(lines)
	}
	var reasons string
	for _, r := range model.DefaultCarrierSettings.WaiverReasons {
		reasons += "\n· " + r.Label
	}
	return container.NewVBox(widget.NewForm(
		widget.NewFormItem("Employees in total", w.entry("total", itoaOrEmpty(w.app.EmployeesTotal))),
		widget.NewFormItem("Eligible employees", w.entry("eligible", itoaOrEmpty(w.app.EmployeesEligible))),
		widget.NewFormItem("Coverage effective", w.entry("effective", w.app.Effective.US())),
		widget.NewFormItem("Employees who waive", w.waivers)),
		widget.NewLabel("Reasons the carrier counts as other coverage:"+reasons))
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (w *appWizard) saveEmployees() {
	w.app.EmployeesTotal, _ = strconv.Atoi(w.text("total"))
	w.app.EmployeesEligible, _ = strconv.Atoi(w.text("eligible"))
	w.app.Effective, _ = model.ParseDate(w.text("effective"))
	w.app.Waivers = parseWaivers(w.waivers.Text)
}

func (w *appWizard) censusStep() fyne.CanvasObject {
	w.censusL = widget.NewLabel(fmt.Sprintf("%s in the census %s.", plural(len(w.app.Census), "person", "people"), w.app.CensusFile))
	w.censusL.Wrapping = fyne.TextWrapWord
	choose := widget.NewButton("Choose the census file…", func() {
		dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				path := r.URI().Path()
				r.Close()
				w.loadCensus(path)
			}
		}, w.screen.shell.win)
	})
	return container.NewVBox(widget.NewLabel("The employees who enroll and their dependents: a CSV or XLSX census (employee_id, relationship, names, date_of_birth, gender, zip, tobacco)."), choose, w.censusL)
}

// loadCensus reads the application's census from a file.
func (w *appWizard) loadCensus(path string) {
	file, err := census.ReadFile(w.screen.shell.deps.Ctx, path, census.Options{})
	if err != nil {
		w.censusL.SetText(model.ErrorMessage(err))
		return
	}
	if msg := errorsOf(file.Problems); msg != "" {
		w.censusL.SetText(msg)
		return
	}
	w.app.Census, w.app.CensusFile = model.QuotePeople(file.Records), filepath.Base(path)
	w.censusL.SetText(fmt.Sprintf("%s read from %s.", plural(len(w.app.Census), "person", "people"), w.app.CensusFile))
}
