package model

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// ImportOptions say how a census file is compared with the roster.
type ImportOptions struct {
	GroupID string
	File    string
	Today   Date
	Plans   []Plan
	// DefaultPlan covers new subscribers when the file has no plan column.
	DefaultPlan string
	// Effective starts new members' coverage when the file gives no date;
	// the default is the first of next month.
	Effective Date
	// TermDate is the last day of coverage of people missing from the
	// file; the default is the end of the current month.
	TermDate Date
	// Retro limits termination dates the file sets on existing members.
	Retro RetroRule
	// ExcludeBad leaves out the families with errors instead of blocking.
	ExcludeBad bool
	NewID      func() string
}

// TermReasonAbsent is the reason given to people missing from a census.
const TermReasonAbsent = "Not in the census file"

// rowKey names a row of a file (a workbook may have two sheets).
type rowKey struct {
	sheet string
	row   int
}

// fileFamily is an employee's row and their dependents' rows.
type fileFamily struct {
	emp  *CensusRecord
	deps []*CensusRecord
}

// planner holds one run of PlanImport.
type planner struct {
	o        ImportOptions
	plan     *ImportPlan
	planIDs  map[string]string // lower-case ID or name → ID
	roster   map[string][]Member
	families map[string]*fileFamily
	order    []string        // employee IDs in file order
	reported map[string]bool // "sheet|row|column" already has a problem
	bad      map[string]bool
	badRows  map[rowKey]bool
}

// PlanImport compares a census file, already read into records (with the
// problems the reading found), with the group's roster and returns what an
// import would add, change and terminate. People in the roster but not in
// the file are terminated. Families with errors are left out of the plan,
// and left as they are in the roster.
func PlanImport(roster []Member, recs []CensusRecord, problems []ImportProblem, o ImportOptions) *ImportPlan {
	p := &planner{o: o.withDefaults(), plan: &ImportPlan{GroupID: o.GroupID, File: o.File, Rows: len(recs), ExcludeBad: o.ExcludeBad},
		families: map[string]*fileFamily{}, bad: map[string]bool{}, badRows: map[rowKey]bool{}}
	p.plan.Problems = append(p.plan.Problems, problems...)
	p.reported = map[string]bool{}
	for _, pr := range problems {
		p.reported[fmt.Sprintf("%s|%d|%s", pr.Sheet, pr.Row, pr.Column)] = true
	}
	p.indexPlans()
	p.roster = rosterFamilies(roster)
	// A new group's census adds everyone: size the list once (growing a
	// list of 100,000 people by copying costs more than planning them).
	p.plan.Adds = make([]ImportChange, 0, max(len(recs)-len(roster), 0))
	if err := p.o.Retro.Check(p.o.TermDate, p.o.Today); err != nil {
		p.plan.Problems = append(p.plan.Problems, ImportProblem{Column: "termination_date",
			Message: "people missing from the file cannot be terminated on " + p.o.TermDate.String() + ": " + err.(*Error).Message})
	}
	for i := range recs {
		p.checkRecord(&recs[i])
	}
	p.assemble(recs)
	p.markBad(recs)
	for _, emp := range p.order {
		if !p.bad[emp] {
			p.diffFamily(emp, p.families[emp])
		}
	}
	p.terminateAbsent()
	p.finish()
	return p.plan
}

func (o ImportOptions) withDefaults() ImportOptions {
	if o.Effective.IsZero() {
		o.Effective = o.Today.FirstOfNextMonth()
	}
	if o.TermDate.IsZero() {
		o.TermDate = o.Today.EndOfMonth()
	}
	if o.Retro.Limit == "" {
		o.Retro.Limit = RetroCurrentMonth
	}
	if o.NewID == nil {
		n := 0
		o.NewID = func() string { n++; return fmt.Sprintf("new-%d", n) }
	}
	return o
}

func (p *planner) indexPlans() {
	p.planIDs = map[string]string{}
	for _, pl := range p.o.Plans {
		p.planIDs[strings.ToLower(pl.Name)] = pl.ID
	}
	for _, pl := range p.o.Plans {
		p.planIDs[strings.ToLower(pl.ID)] = pl.ID
	}
}

// problem records an error (or a warning) about a record's field.
func (p *planner) problem(r *CensusRecord, f CensusField, warning bool, format string, args ...any) {
	p.plan.Problems = append(p.plan.Problems, newProblem(r, f, warning, format, args...))
}

// newProblem is a problem at a record's field (f < 0: the whole row).
func newProblem(r *CensusRecord, f CensusField, warning bool, format string, args ...any) ImportProblem {
	col := ""
	if f >= 0 {
		col = f.String()
	}
	return ImportProblem{Sheet: r.Sheet, Row: r.Row, Column: col, Message: fmt.Sprintf(format, args...), Warning: warning}
}

// rosterFamilies indexes the roster by employee ID: the subscriber first,
// then the dependents; when an ID was used twice (a rehire), the covered
// subscriber wins over the terminated one.
func rosterFamilies(roster []Member) map[string][]Member {
	subs := map[string]Member{}
	deps := map[string][]Member{}
	for _, m := range roster {
		if m.IsSubscriber() {
			if old, ok := subs[m.EmployeeID]; !ok || preferSubscriber(m, old) {
				subs[m.EmployeeID] = m
			}
		} else {
			deps[m.SubscriberID] = append(deps[m.SubscriberID], m)
		}
	}
	out := make(map[string][]Member, len(subs))
	for emp, s := range subs {
		out[emp] = append([]Member{s}, deps[s.ID]...)
	}
	return out
}

func preferSubscriber(m, old Member) bool {
	if covered(&m) != covered(&old) {
		return covered(&m)
	}
	return m.Effective.After(old.Effective)
}

// checkRecord resolves the record's plan and checks the person's own fields.
func (p *planner) checkRecord(r *CensusRecord) {
	m := &r.Member
	m.GroupID = p.o.GroupID
	if r.Has.Has(FieldPlan) && strings.TrimSpace(r.Plan) != "" {
		id, ok := p.planIDs[strings.ToLower(strings.TrimSpace(r.Plan))]
		if !ok {
			p.problem(r, FieldPlan, false, "%q is not a plan in the catalog (give its code or its name)", r.Plan)
		}
		m.PlanID = id
	}
	probe := *m
	probe.Tier, probe.SubscriberID = TierEE, ""
	if !m.IsSubscriber() {
		probe.SubscriberID = "probe"
	}
	if probe.Effective.IsZero() {
		probe.Effective = p.o.Effective
	}
	if err := probe.Validate(p.o.Today); err != nil {
		p.fieldProblems(r, err)
	}
}

// fieldProblems turns Validate's problems into problems at the record's
// columns (only those the file has: a default is never the file's fault).
func (p *planner) fieldProblems(r *CensusRecord, err error) {
	e, ok := err.(*Error)
	if !ok {
		p.problem(r, -1, false, "%v", err)
		return
	}
	list := e.Details
	if len(list) == 0 {
		list = []*Error{e}
	}
	for _, d := range list {
		f, ok := ParseCensusField(d.Field)
		if p.reported[fmt.Sprintf("%s|%d|%s", r.Sheet, r.Row, d.Field)] {
			continue // the value could not be read: that is the problem
		}
		if ok && (r.Has.Has(f) || d.Field == "employee_id" || d.Field == "first_name" || d.Field == "last_name" || d.Field == "date_of_birth") {
			p.problem(r, f, false, "%s", d.Message)
		}
	}
}

// assemble groups the records into families by employee ID.
func (p *planner) assemble(recs []CensusRecord) {
	for i := range recs {
		r := &recs[i]
		if !r.Member.IsSubscriber() {
			continue
		}
		emp := r.Member.EmployeeID
		if f, dup := p.families[emp]; dup {
			p.problem(r, FieldEmployeeID, false, "employee ID %s is also on row %d; each employee appears once", emp, f.emp.Row)
			continue
		}
		p.families[emp] = &fileFamily{emp: r}
		p.order = append(p.order, emp)
	}
	for i := range recs {
		r := &recs[i]
		if r.Member.IsSubscriber() || r.Member.EmployeeID == "" {
			continue
		}
		f, ok := p.families[r.Member.EmployeeID]
		if !ok {
			p.problem(r, FieldEmployeeID, false, "no employee row has employee ID %s: a dependent is listed with their employee's ID", r.Member.EmployeeID)
			continue
		}
		f.deps = append(f.deps, r)
	}
	for _, emp := range p.order {
		p.checkFamily(p.families[emp])
	}
}

// checkFamily refuses two spouses, an employee ID that belongs to someone
// else in the roster, and a new subscriber without a plan.
func (p *planner) checkFamily(f *fileFamily) {
	p.checkIdentity(f.emp)
	if f.emp.Member.Address.ZIP == "" {
		p.problem(f.emp, FieldZIP, false, "the employee's ZIP code is required")
	}
	partners := 0
	for _, d := range f.deps {
		if d.Member.Relationship.IsAdultPartner() && d.Member.Status != StatusTerminated {
			if partners++; partners > 1 {
				p.problem(d, FieldRelationship, false, "employee %s already has a covered spouse or domestic partner", d.Member.EmployeeID)
			}
		}
	}
	if f.emp.Member.PlanID != "" || f.emp.Has.Has(FieldPlan) {
		return
	}
	if fam, ok := p.roster[f.emp.Member.EmployeeID]; ok {
		f.emp.Member.PlanID = fam[0].PlanID
		return
	}
	if p.o.DefaultPlan == "" {
		p.problem(f.emp, FieldPlan, false, "a new employee needs a plan: add a plan column or choose a default plan")
	}
	f.emp.Member.PlanID = p.o.DefaultPlan
}

// markBad notes every family with an error: it is left out of the plan.
func (p *planner) markBad(recs []CensusRecord) {
	for _, pr := range p.plan.Problems {
		if !pr.Warning {
			p.badRows[rowKey{pr.Sheet, pr.Row}] = true
		}
	}
	people := rosterPeople(p.roster)
	for i := range recs {
		r := &recs[i]
		if !p.badRows[rowKey{r.Sheet, r.Row}] {
			continue
		}
		if r.Member.EmployeeID != "" {
			p.bad[r.Member.EmployeeID] = true
		}
		// A bad row may carry a wrong ID: whoever it names is left alone too.
		if emp, ok := people[personKey(&r.Member)]; ok {
			p.bad[emp] = true
		}
	}
	for emp := range p.bad {
		p.plan.Excluded = append(p.plan.Excluded, emp)
	}
	sort.Strings(p.plan.Excluded)
}

// finish orders the changes and the problems by row.
func (p *planner) finish() {
	sortChanges(p.plan.Adds)
	sortChanges(p.plan.Changes)
	sort.Strings(p.plan.Excluded)
	sort.SliceStable(p.plan.Problems, func(i, j int) bool {
		a, b := p.plan.Problems[i], p.plan.Problems[j]
		if a.Sheet != b.Sheet {
			return a.Sheet > b.Sheet // Subscribers before Dependents, "" alone
		}
		return a.Row < b.Row
	})
}

// checkIdentity refuses an employee row whose ID is someone else's in the
// roster: neither the first name nor the birth date match.
func (p *planner) checkIdentity(r *CensusRecord) {
	fam, ok := p.roster[r.Member.EmployeeID]
	if !ok {
		return
	}
	s, m := &fam[0], &r.Member
	if !sameName(s.FirstName, m.FirstName) && s.DateOfBirth != m.DateOfBirth {
		p.problem(r, FieldEmployeeID, false, "employee ID %s is %s (born %s) in the roster, not %s (born %s); correct the ID, or end %s's coverage first",
			m.EmployeeID, s.FullName(), s.DateOfBirth, m.FullName(), m.DateOfBirth, s.FirstName)
	}
}

// sortChanges orders changes by file row, then people missing from the
// file by name.
// A change holds two members: the changes are sorted by their positions
// (counted by row: rows are few and bounded) and each is moved once.
func sortChanges(cs []ImportChange) {
	names := make([]string, len(cs)) // lower-case sort names, made on a tie
	named := make([]bool, len(cs))
	compare := func(i, j int) int {
		if c := cmp.Compare(cs[i].Row, cs[j].Row); c != 0 {
			return c
		}
		for _, k := range []int{i, j} {
			if !named[k] {
				names[k], named[k] = strings.ToLower(cs[k].After.SortName()), true
			}
		}
		return strings.Compare(names[i], names[j])
	}
	sorted := true
	for i := 1; i < len(cs) && sorted; i++ {
		sorted = compare(i-1, i) <= 0
	}
	if sorted {
		return
	}
	maxRow := 0
	for i := range cs {
		if cs[i].Row < 0 {
			maxRow = -1
			break
		}
		maxRow = max(maxRow, cs[i].Row)
	}
	var order []int
	if maxRow >= 0 && maxRow <= 4*len(cs)+1024 {
		order = orderByRow(cs, maxRow)
		// rows that several changes share (one per sheet, or people
		// missing from the file) are ordered by name
		for start := 0; start < len(order); {
			end := start + 1
			for end < len(order) && cs[order[end]].Row == cs[order[start]].Row {
				end++
			}
			if end-start > 1 {
				slices.SortStableFunc(order[start:end], compare)
			}
			start = end
		}
	} else {
		order = make([]int, len(cs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, compare)
	}
	permute(cs, order)
}

// orderByRow lists the changes' positions by row, in their order within
// a row (a counting sort).
func orderByRow(cs []ImportChange, maxRow int) []int {
	starts := make([]int, maxRow+2)
	for i := range cs {
		starts[cs[i].Row+1]++
	}
	for r := 1; r < len(starts); r++ {
		starts[r] += starts[r-1]
	}
	order := make([]int, len(cs))
	for i := range cs {
		r := cs[i].Row
		order[starts[r]] = i
		starts[r]++
	}
	return order
}

// permute puts cs[order[i]] at i, following each cycle of the permutation.
func permute(cs []ImportChange, order []int) {
	for start := range order {
		if order[start] < 0 {
			continue
		}
		held := cs[start]
		i := start
		for {
			from := order[i]
			order[i] = -1
			if from == start {
				cs[i] = held
				break
			}
			cs[i] = cs[from]
			i = from
		}
	}
}

// personKey identifies a person by name and birth date.
func personKey(m *Member) string {
	return strings.ToLower(strings.Join(strings.Fields(m.FirstName+" "+m.LastName), " ")) + "|" + m.DateOfBirth.String()
}

// rosterPeople maps every person of the roster to their employee ID.
func rosterPeople(roster map[string][]Member) map[string]string {
	out := map[string]string{}
	for emp, fam := range roster {
		for i := range fam {
			out[personKey(&fam[i])] = emp
		}
	}
	return out
}
