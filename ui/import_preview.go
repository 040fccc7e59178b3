package ui

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// newUIID gives the people an import adds their IDs (time-ordered UUIDs,
// as the store makes them).
func newUIID() string { return uuid.Must(uuid.NewV7()).String() }

// importPreview shows what an import will do before it is applied: the
// people it adds, changes and terminates, and every problem, by row.
type importPreview struct {
	f       *importFlow
	dlg     *dialog.CustomDialog
	summary *widget.Label
	tabs    *container.AppTabs
	exclude *widget.Check
	// defaultPlan is offered when the file has no plan column.
	defaultPlan *widget.Select
	planIDs     []string
	apply       *widget.Button
	lines       map[string][]string // tab → its lines
	problems    []model.ImportProblem
}

func (f *importFlow) showPreview() {
	if f.plan == nil {
		return
	}
	p := &importPreview{f: f}
	f.preview = p
	p.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.summary.Wrapping = fyne.TextWrapWord
	p.exclude = widget.NewCheck("Leave out the families whose rows have errors (they stay as they are)", p.onExclude)
	p.exclude.Checked = f.exclude
	p.apply = widget.NewButtonWithIcon("Apply", theme.ConfirmIcon(), f.apply)
	p.apply.Importance = widget.HighImportance
	p.tabs = container.NewAppTabs()
	columns := widget.NewButtonWithIcon("Columns…", theme.ListIcon(), func() { f.openMapping(nil) })
	export := widget.NewButtonWithIcon("Export problems…", theme.DocumentSaveIcon(), p.chooseProblemsFile)
	p.defaultPlan = widget.NewSelect(nil, p.onDefaultPlan)
	p.defaultPlan.PlaceHolder = "Choose a plan"
	p.planIDs = f.m.fillPlans(p.defaultPlan)
	planRow := container.NewHBox(widget.NewLabel("Plan for new employees the file gives none:"), p.defaultPlan)
	setVisible(planRow, f.census.Mapping.Column(model.FieldPlan) < 0)
	top := container.NewVBox(p.summary, planRow, p.exclude)
	p.dlg = dialog.NewCustomWithoutButtons("Import preview — "+filepath.Base(f.path), container.NewBorder(top, nil, nil, nil, p.tabs), f.m.shell.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { p.dlg.Hide() })
	p.dlg.SetButtons([]fyne.CanvasObject{columns, export, cancel, p.apply})
	p.dlg.Resize(fyne.NewSize(980, 680))
	p.fill()
	p.dlg.Show()
}

// fill shows the plan.
func (p *importPreview) fill() {
	plan := p.f.plan
	p.problems = plan.Problems
	text := fmt.Sprintf("%s, into %s: %s people read. %s.", filepath.Base(p.f.path), p.f.m.group.Name, count(plan.Rows), capitalize(plan.Summary()))
	switch {
	case plan.Blocked():
		text += fmt.Sprintf("\n%s must be fixed in the file, or the families with errors left out, before anything is imported.", plural(plan.Errors(), "error", "errors"))
	case len(plan.Excluded) > 0:
		text += fmt.Sprintf("\n%s with errors will be left out.", plural(len(plan.Excluded), "family", "families"))
	}
	p.summary.SetText(text)
	p.lines = map[string][]string{
		"Add":       changeLines(plan.Adds, addLine),
		"Change":    changeLines(plan.Changes, changeLine),
		"Terminate": changeLines(plan.Terms, termLine),
	}
	p.tabs.Items = nil
	for _, name := range []string{"Add", "Change", "Terminate"} {
		p.tabs.Append(container.NewTabItem(fmt.Sprintf("%s (%s)", name, count(len(p.lines[name]))), lineList(p.lines[name])))
	}
	p.tabs.Append(container.NewTabItem(fmt.Sprintf("Problems (%s)", count(len(plan.Problems))), problemTable(plan.Problems)))
	p.tabs.Refresh()
	if plan.Errors() > 0 {
		p.tabs.SelectIndex(3)
	}
	if plan.Blocked() || plan.Empty() {
		p.apply.Disable()
	} else {
		p.apply.Enable()
	}
}

// lineList is a list of text lines of uniform height (a large import has
// tens of thousands).
func lineList(lines []string) fyne.CanvasObject {
	if len(lines) == 0 {
		return widget.NewLabel("Nothing.")
	}
	l := widget.NewList(func() int { return len(lines) }, func() fyne.CanvasObject {
		lb := widget.NewLabel("")
		lb.Truncation = fyne.TextTruncateEllipsis
		return lb
	}, func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	return l
}

func changeLines(list []model.ImportChange, line func(model.ImportChange) string) []string {
	out := make([]string, len(list))
	for i, ch := range list {
		out[i] = line(ch)
	}
	return out
}

func where(ch model.ImportChange) string {
	if ch.Row == 0 {
		return "not in the file"
	}
	return (model.ImportProblem{Sheet: ch.Sheet, Row: ch.Row}).Where()
}

func addLine(ch model.ImportChange) string {
	m := ch.After
	return fmt.Sprintf("%s — %s %s, %s, born %s, from %s", where(ch), m.EmployeeID, m.FullName(), m.Relationship.Label(), m.DateOfBirth.US(), m.Effective.US())
}

func changeLine(ch model.ImportChange) string {
	s := fmt.Sprintf("%s — %s %s:", where(ch), ch.After.EmployeeID, ch.After.FullName())
	for _, f := range ch.Fields {
		s += fmt.Sprintf(" %s from %s to %s;", fieldLabel(f.Field), orDash(f.Before), orDash(f.After))
	}
	return s
}

func termLine(ch model.ImportChange) string {
	m := ch.After
	return fmt.Sprintf("%s — %s %s (%s): coverage ends %s, %s", where(ch), m.EmployeeID, m.FullName(), m.Relationship.Label(), m.Termination.US(), m.TermReason)
}

// problemColumns are the problem table's columns and widths.
var problemColumns = []struct {
	title string
	width float32
	value func(p model.ImportProblem) string
}{
	{"Sheet", 110, func(p model.ImportProblem) string { return p.Sheet }},
	{"Row", 70, func(p model.ImportProblem) string {
		if p.Row == 0 {
			return "file"
		}
		return count(p.Row)
	}},
	{"Column", 140, func(p model.ImportProblem) string { return p.Column }},
	{"", 80, func(p model.ImportProblem) string {
		if p.Warning {
			return "Warning"
		}
		return "Error"
	}},
	{"Problem", 520, func(p model.ImportProblem) string { return p.Message }},
}

// problemTable lists the problems by sheet, row and column.
func problemTable(ps []model.ImportProblem) fyne.CanvasObject {
	if len(ps) == 0 {
		return widget.NewLabel("No problems.")
	}
	t := widget.NewTable(func() (int, int) { return len(ps), len(problemColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			importance := widget.MediumImportance
			if id.Col == 3 && !ps[id.Row].Warning {
				importance = widget.DangerImportance
			}
			setLabel(o.(*widget.Label), problemColumns[id.Col].value(ps[id.Row]), importance)
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(problemColumns[id.Col].title)
	}
	for i, c := range problemColumns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// onDefaultPlan plans again with the plan chosen for new employees.
func (p *importPreview) onDefaultPlan(string) {
	if i := p.defaultPlan.SelectedIndex(); i >= 0 {
		p.f.defaultPlan = p.planIDs[i]
	}
	p.f.replan()
	p.fill()
}

// onExclude plans again with or without the families that have errors.
func (p *importPreview) onExclude(on bool) {
	p.f.exclude = on
	p.f.replan()
	p.fill()
}

func (p *importPreview) chooseProblemsFile() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		p.exportProblems(path)
	}, p.f.m.shell.win)
	d.SetFileName("import problems.csv")
	d.Show()
}

// exportProblems writes the problems as CSV for the person fixing the file.
func (p *importPreview) exportProblems(path string) error {
	w, err := os.Create(path)
	if err == nil {
		err = census.WriteProblems(w, p.problems)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		p.f.m.shell.showError("The problems were not saved", err)
		return err
	}
	p.f.m.notify(fmt.Sprintf("%s written to %s.", plural(len(p.problems), "problem", "problems"), filepath.Base(path)), nil)
	return nil
}
