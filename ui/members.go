package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	gdwidget "github.com/groupdesk/groupdesk/ui/widget"
)

// pageSize is how many rows the Members table reads from the database at a
// time; the table asks only for the rows on screen.
const pageSize = 100

// searchDelay lets a fast typist finish a word before the table re-queries.
const searchDelay = 120 * time.Millisecond

// membersScreen is the roster of the selected group: a table paged from the
// database with sortable columns, filters, search as you type, and the
// selected person's details beside it.
type membersScreen struct {
	shell *Shell
	group model.GroupSummary
	plans map[string]model.Plan
	query model.MemberQuery
	total int
	pages map[int][]model.Member
	timer *time.Timer

	root    fyne.CanvasObject
	search  *gdwidget.SearchEntry
	status  *widget.Select
	plan    *widget.Select
	tier    *widget.Select
	rel     *widget.Select
	counter *widget.Label
	table   *widget.Table
	detail  *memberDetail
	planIDs []string
	body    *fyne.Container // the table alone, or the table and the detail panel
	left    fyne.CanvasObject
	split   *container.Split
	actions memberActions
}

type memberColumn struct {
	title string
	width float32
	sort  model.MemberSort
	value func(s *membersScreen, m *model.Member) string
}

var memberColumns = []memberColumn{
	{"Name", 164, model.SortName, func(_ *membersScreen, m *model.Member) string { return m.LastName + ", " + m.FirstName }},
	{"Employee ID", 104, model.SortEmployeeID, func(_ *membersScreen, m *model.Member) string { return m.EmployeeID }},
	{"Relationship", 132, model.SortRelationship, func(_ *membersScreen, m *model.Member) string { return m.Relationship.Label() }},
	{"Date of birth", 108, model.SortBirth, func(_ *membersScreen, m *model.Member) string { return m.DateOfBirth.US() }},
	{"Plan", 145, model.SortPlan, func(s *membersScreen, m *model.Member) string { return s.planName(m.PlanID) }},
	{"Tier", 168, model.SortTier, func(_ *membersScreen, m *model.Member) string { return m.Tier.Label() }},
	{"Status", 92, model.SortStatus, func(_ *membersScreen, m *model.Member) string { return m.Status.Label() }},
	{"Effective", 100, model.SortEffective, func(_ *membersScreen, m *model.Member) string { return m.Effective.US() }},
}

const (
	allStatuses      = "All statuses"
	allPlans         = "All plans"
	allTiers         = "All tiers"
	allRelationships = "Everyone"
)

func newMembersScreen(s *Shell) *membersScreen {
	m := &membersScreen{shell: s, pages: map[int][]model.Member{}, query: model.MemberQuery{Sort: model.SortName, Limit: pageSize}}
	m.detail = newMemberDetail(s, m.showMember, m.closeDetail)
	m.detail.makeActions = m.memberActionButtons
	m.root = m.build()
	return m
}

func (m *membersScreen) title() string           { return "Members" }
func (m *membersScreen) icon() fyne.Resource     { return theme.AccountIcon() }
func (m *membersScreen) view() fyne.CanvasObject { return m.root }
func (m *membersScreen) shown()                  {}

func (m *membersScreen) build() fyne.CanvasObject {
	m.search = gdwidget.NewSearchEntry(withModKey("Search by name, employee ID or last 4 of SSN  (Ctrl+F)"))
	m.search.OnChanged = m.onSearchChanged
	m.search.OnDown = func() { m.shell.win.Canvas().Focus(m.table) }

	statusOpts := []string{allStatuses}
	for _, st := range model.Statuses {
		statusOpts = append(statusOpts, st.Label())
	}
	m.status = widget.NewSelect(statusOpts, func(string) { m.onFilter() })
	m.status.SetSelectedIndex(0)
	tierOpts := []string{allTiers}
	for _, t := range model.Tiers {
		tierOpts = append(tierOpts, t.Label())
	}
	m.tier = widget.NewSelect(tierOpts, func(string) { m.onFilter() })
	m.tier.SetSelectedIndex(0)
	relOpts := []string{allRelationships}
	for _, r := range model.Relationships {
		relOpts = append(relOpts, r.Label())
	}
	m.rel = widget.NewSelect(relOpts, func(string) { m.onFilter() })
	m.rel.SetSelectedIndex(0)
	m.plan = widget.NewSelect([]string{allPlans}, func(string) { m.onFilter() })
	m.plan.SetSelectedIndex(0)
	clear := widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), m.clearFilters)
	m.counter = widget.NewLabel("")

	m.table = widget.NewTable(m.tableSize, m.createCell, m.updateCell)
	m.table.ShowHeaderRow = true
	m.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	m.table.UpdateHeader = m.updateHeader
	for i, c := range memberColumns {
		m.table.SetColumnWidth(i, c.width)
	}
	m.table.OnSelected = func(id widget.TableCellID) {
		if mem := m.rowAt(id.Row); mem != nil {
			m.openDetail(*mem)
		}
	}

	filters := container.NewHBox(m.status, m.plan, m.tier, m.rel, clear)
	top := container.NewVBox(m.buildActions(), m.search, container.NewBorder(nil, nil, filters, nil, m.counter))
	m.left = container.NewBorder(top, nil, nil, nil, m.table)
	m.split = container.NewHSplit(container.NewStack(), m.detail.view())
	m.split.Offset = 0.62
	m.body = container.NewStack(m.left)
	return container.NewPadded(m.body)
}

// openDetail shows a member beside the table; the table has the whole width
// until someone is selected.
func (m *membersScreen) openDetail(mem model.Member) {
	m.detail.show(mem)
	if m.body.Objects[0] != m.split {
		m.split.Leading = m.left
		m.split.Refresh()
		m.body.Objects = []fyne.CanvasObject{m.split}
		m.body.Refresh()
	}
}

// closeDetail gives the table the whole width again.
func (m *membersScreen) closeDetail() {
	m.detail.clear()
	m.table.UnselectAll()
	if m.body.Objects[0] != m.left {
		m.body.Objects = []fyne.CanvasObject{m.left}
		m.body.Refresh()
	}
}

func (m *membersScreen) setGroup(g model.GroupSummary) {
	m.group = g
	m.loadPlans()
	m.closeDetail()
	m.reload()
	m.actions.notice.Hide()
	m.updateActions()
}

func (m *membersScreen) loadPlans() {
	plans, err := m.shell.deps.Store.Plans(m.shell.deps.Ctx)
	if err != nil {
		m.shell.showError("Could not read the plan catalog", err)
		return
	}
	m.plans = map[string]model.Plan{}
	opts := []string{allPlans}
	m.planIDs = []string{""}
	for _, p := range plans {
		m.plans[p.ID] = p
		opts = append(opts, p.Name)
		m.planIDs = append(m.planIDs, p.ID)
	}
	m.plan.OnChanged = nil
	m.plan.SetOptions(opts)
	m.plan.SetSelectedIndex(0)
	m.plan.OnChanged = func(string) { m.onFilter() }
}

func (m *membersScreen) planName(id string) string {
	if p, ok := m.plans[id]; ok {
		return p.Name
	}
	return id
}

func (m *membersScreen) onSearchChanged(string) {
	m.shell.debounce(&m.timer, searchDelay, m.reload)
}

func (m *membersScreen) onFilter() {
	if m.status == nil || m.plan == nil || m.tier == nil || m.rel == nil {
		return // still building
	}
	m.reload()
}

func (m *membersScreen) clearFilters() {
	m.search.SetText("")
	m.status.SetSelectedIndex(0)
	m.plan.SetSelectedIndex(0)
	m.tier.SetSelectedIndex(0)
	m.rel.SetSelectedIndex(0)
	m.reload()
}

// currentQuery reads the filters from the widgets.
func (m *membersScreen) currentQuery() model.MemberQuery {
	q := m.query
	q.GroupID = m.group.ID
	q.Search = m.search.Text
	q.Status, q.Tier, q.Relationship, q.PlanID = "", "", "", ""
	if i := m.status.SelectedIndex(); i > 0 {
		q.Status = model.Statuses[i-1]
	}
	if i := m.tier.SelectedIndex(); i > 0 {
		q.Tier = model.Tiers[i-1]
	}
	if i := m.rel.SelectedIndex(); i > 0 {
		q.Relationship = model.Relationships[i-1]
	}
	if i := m.plan.SelectedIndex(); i > 0 && i < len(m.planIDs) {
		q.PlanID = m.planIDs[i]
	}
	return q
}

// reload runs the query again from the first page.
func (m *membersScreen) reload() {
	if m.group.ID == "" {
		return
	}
	m.query = m.currentQuery()
	m.query.Offset = 0
	page, err := m.shell.deps.Store.Members(m.shell.deps.Ctx, m.query)
	if err != nil {
		m.shell.showError("Could not read the members", err)
		return
	}
	m.pages = map[int][]model.Member{0: page.Members}
	m.total = page.Total
	m.counter.SetText(plural(m.total, "person", "people"))
	m.table.UnselectAll()
	m.table.ScrollToTop()
	m.table.Refresh()
}

// rowAt returns the member on a table row, reading its page when needed.
func (m *membersScreen) rowAt(row int) *model.Member {
	if row < 0 || row >= m.total {
		return nil
	}
	p := row / pageSize
	rows, ok := m.pages[p]
	if !ok {
		q := m.query
		q.Offset = p * pageSize
		page, err := m.shell.deps.Store.Members(m.shell.deps.Ctx, q)
		if err != nil {
			fyne.LogError("reading a page of members", err)
			return nil
		}
		if len(m.pages) > 50 {
			m.pages = map[int][]model.Member{} // keep memory flat when scrolling a large group
		}
		rows = page.Members
		m.pages[p] = rows
	}
	if i := row % pageSize; i < len(rows) {
		return &rows[i]
	}
	return nil
}

func (m *membersScreen) tableSize() (int, int) { return m.total, len(memberColumns) }

func (m *membersScreen) createCell() fyne.CanvasObject {
	l := widget.NewLabel("Wolfeschlegelsteinhausen")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (m *membersScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	mem := m.rowAt(id.Row)
	if mem == nil {
		l.SetText("")
		return
	}
	l.TextStyle = fyne.TextStyle{Bold: id.Col == 0 && mem.IsSubscriber(), Italic: mem.Status == model.StatusTerminated}
	l.SetText(memberColumns[id.Col].value(m, mem))
}

func (m *membersScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	c := memberColumns[id.Col]
	b.SetText(c.title)
	b.SetIcon(nil)
	if m.query.Sort == c.sort {
		if m.query.Descending {
			b.SetIcon(theme.MoveDownIcon())
		} else {
			b.SetIcon(theme.MoveUpIcon())
		}
	}
	b.OnTapped = func() { m.sortBy(c.sort) }
}

// sortBy sorts by a column; a second tap on the same column reverses it.
func (m *membersScreen) sortBy(s model.MemberSort) {
	if m.query.Sort == s {
		m.query.Descending = !m.query.Descending
	} else {
		m.query.Sort, m.query.Descending = s, false
	}
	m.reload()
}

// showMember shows a member chosen in the detail panel (a family member).
func (m *membersScreen) showMember(id string) {
	mem, err := m.shell.deps.Store.Member(m.shell.deps.Ctx, id)
	if err != nil {
		m.shell.showError("Could not read the member", err)
		return
	}
	m.openDetail(mem)
}

// Total is the number of people the current filters select.
func (m *membersScreen) Total() int { return m.total }
