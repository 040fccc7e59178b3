package ui

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// quoteScreen quotes a census (a file, or the selected group's roster)
// across plans, with the employer's contribution as a what-if, up to four
// plans side by side, saved scenarios and proposals.
type quoteScreen struct {
	shell *Shell
	group model.GroupSummary

	cat     *model.Catalog
	people  []model.QuotePerson
	source  string
	groupID string // the group whose roster is quoted, if any
	census  *model.QuoteCensus
	quotes  []model.PlanQuote
	contrib model.Contribution
	compare map[string]bool

	root      fyne.CanvasObject
	effective *widget.Entry
	status    *widget.Label
	plans     *widget.CheckGroup
	controls  *contributionControls
	results   *fyne.Container
	side      *fyne.Container
	employees *fyne.Container
	body      *fyne.Container
}

// heading is a section title with a line of explanation.
func heading(title, sub string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(widget.NewSeparator(), t, widget.NewLabel(sub))
}

func newQuoteScreen(s *Shell) *quoteScreen {
	q := &quoteScreen{shell: s, contrib: model.DefaultContribution, compare: map[string]bool{}}
	q.root = q.build()
	return q
}

func (q *quoteScreen) title() string           { return "Quote" }
func (q *quoteScreen) icon() fyne.Resource     { return theme.DocumentCreateIcon() }
func (q *quoteScreen) view() fyne.CanvasObject { return q.root }
func (q *quoteScreen) allowed() bool           { return q.shell.mayQuote() }
func (q *quoteScreen) setGroup(g model.GroupSummary) {
	q.group = g
}

func (q *quoteScreen) shown() {
	if q.cat == nil {
		q.loadCatalog()
	}
}

func (q *quoteScreen) build() fyne.CanvasObject {
	q.effective = widget.NewEntry()
	q.effective.SetText(q.shell.deps.today().FirstOfNextMonth().US())
	q.effective.OnSubmitted = func(string) { q.rate() }
	q.status = widget.NewLabel("Choose a census file or quote the selected group's roster.")
	q.status.Wrapping = fyne.TextWrapWord
	fromFile := widget.NewButtonWithIcon("Census file…", theme.FolderOpenIcon(), q.chooseCensus)
	fromRoster := widget.NewButtonWithIcon("Group's roster", theme.AccountIcon(), q.useRoster)
	q.plans = widget.NewCheckGroup(nil, func([]string) { q.rate() })
	q.controls = newContributionControls(q.contrib, q.onContribution)
	save := widget.NewButtonWithIcon("Save scenario…", theme.DocumentSaveIcon(), q.askScenarioName)
	open := widget.NewButtonWithIcon("Open scenario…", theme.HistoryIcon(), q.chooseScenario)
	pdfBtn := widget.NewButtonWithIcon("Proposal PDF…", theme.DownloadIcon(), func() { q.chooseExport(".pdf") })
	xlsxBtn := widget.NewButtonWithIcon("Proposal XLSX…", theme.DownloadIcon(), func() { q.chooseExport(".xlsx") })
	// The people and the date on the left, the scenario at the right; the
	// proposals beside what was quoted, so that no row is wider than the
	// window.
	top := container.NewVBox(
		container.NewHBox(fromFile, fromRoster, widget.NewLabel("Effective"), container.NewGridWrap(fyne.NewSize(120, 36), q.effective),
			layout.NewSpacer(), open, save),
		q.controls.view(), container.NewBorder(nil, nil, nil, container.NewHBox(pdfBtn, xlsxBtn), q.status))
	q.results = container.NewVBox()
	q.side = container.NewVBox()
	q.employees = container.NewVBox()
	left := container.NewBorder(widget.NewLabelWithStyle("Plans", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil,
		container.NewVScroll(q.plans))
	q.body = container.NewVBox(
		heading("Plans quoted", "Monthly amounts; tick up to four plans to compare them"), q.results,
		heading("Side by side", "Highlighted rows differ between the plans"), q.side,
		heading("Employees", "Each employee's share under the first plan compared"), q.employees)
	right := container.NewVScroll(container.NewPadded(q.body))
	split := container.NewHSplit(left, right)
	split.Offset = 0.25
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

// loadCatalog reads the plan catalog and lists its plans.
func (q *quoteScreen) loadCatalog() {
	st := q.shell.quotes()
	if st == nil {
		return
	}
	cat, err := st.Catalog(q.shell.deps.Ctx)
	if err != nil {
		q.shell.showError("Could not read the plan catalog", err)
		return
	}
	q.cat = cat
	plans := slices.Clone(cat.Plans)
	slices.SortFunc(plans, func(a, b model.Plan) int { return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID)) })
	var names []string
	for _, p := range plans {
		names = append(names, planChoice(&p))
	}
	q.plans.Options = names
	q.plans.Refresh()
}

// planChoice is how a plan is listed: "Gold 80 HMO · CA-G80HMO-2026".
func planChoice(p *model.Plan) string { return p.Label() + " · " + p.ID }

func planIDOf(choice string) string {
	_, id, _ := strings.Cut(choice, " · ")
	return id
}

func (q *quoteScreen) chooseCensus() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		q.loadCensusFile(path)
	}, q.shell.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
	d.Resize(fyne.NewSize(900, 620))
	d.Show()
}

// loadCensusFile reads a census file and quotes it.
func (q *quoteScreen) loadCensusFile(path string) {
	var file *census.Census
	var err error
	q.shell.background(func() { file, err = census.ReadFile(q.shell.deps.Ctx, path, census.Options{}) }, func() {
		if err != nil {
			q.shell.showError("The census cannot be read", err)
			return
		}
		if msg := errorsOf(file.Problems); msg != "" {
			q.status.SetText(msg)
			return
		}
		q.setPeople(model.QuotePeople(file.Records), filepath.Base(path), "")
	})
}

// useRoster quotes the selected group's covered members.
func (q *quoteScreen) useRoster() {
	st := q.shell.quotes()
	if st == nil || q.group.ID == "" {
		return
	}
	var members []model.Member
	var err error
	g := q.group
	q.shell.background(func() { members, err = st.ImportRoster(q.shell.deps.Ctx, g.ID) }, func() {
		if err != nil {
			q.shell.showError("Could not read the roster", err)
			return
		}
		q.setPeople(rosterPeople(members, q.shell.deps.today()), "the roster of "+g.Name, g.ID)
	})
}

// rosterPeople lists covered members, each family's employee first.
func rosterPeople(members []model.Member, today model.Date) []model.QuotePerson {
	var live []model.Member
	for _, m := range members {
		if m.Status != model.StatusTerminated {
			live = append(live, m)
		}
	}
	sort.SliceStable(live, func(i, j int) bool {
		if live[i].EmployeeID != live[j].EmployeeID {
			return live[i].EmployeeID < live[j].EmployeeID
		}
		return live[i].IsSubscriber() && !live[j].IsSubscriber()
	})
	return model.RosterPeople(live, today)
}

// errorsOf summarises a file's errors (not its warnings), or "".
func errorsOf(probs []model.ImportProblem) string {
	var lines []string
	for _, p := range probs {
		if !p.Warning {
			lines = append(lines, p.String())
		}
	}
	if len(lines) == 0 {
		return ""
	}
	if len(lines) > 5 {
		lines = append(lines[:5], fmt.Sprintf("… and %d more", len(lines)-5))
	}
	return "The census cannot be quoted:\n" + strings.Join(lines, "\n")
}

func (q *quoteScreen) setPeople(people []model.QuotePerson, source, groupID string) {
	q.people, q.source, q.groupID = people, source, groupID
	if len(q.plans.Selected) == 0 && len(q.plans.Options) > 0 {
		q.plans.Selected = q.defaultPlans()
		q.plans.Refresh()
	}
	q.rate()
}

// defaultPlans ticks the plans rated the way the census's segment is
// (age-rated for a small group, composite for a large one) that have a
// rate for every area the census lives in.
func (q *quoteScreen) defaultPlans() []string {
	employees := 0
	areas, _ := model.NewAreaIndex(q.cat.Areas)
	used := map[string]bool{}
	for _, p := range q.people {
		if p.Relationship == model.RelEmployee {
			employees++
		}
		if a, ok := areas.Lookup(p.ZIP); ok {
			used[a] = true
		}
	}
	want := model.RatingAge
	if model.SegmentFor(employees) == model.SegmentLarge {
		want = model.RatingComposite
	}
	var out []string
	for _, p := range q.cat.Plans {
		if p.Rating.Method == want && ratesAll(&p, used) {
			out = append(out, planChoice(&p))
		}
	}
	return out
}

func ratesAll(p *model.Plan, areas map[string]bool) bool {
	if p.Rating.Method == model.RatingComposite {
		return true
	}
	for a := range areas {
		if _, ok := p.Rating.BaseRates[a]; !ok {
			return false
		}
	}
	return true
}
