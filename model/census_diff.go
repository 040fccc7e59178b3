package model

// familyDiff is one family's part of the plan while it is worked out; it
// joins the plan only if no error turns up.
type familyDiff struct {
	emp      string
	before   []Member
	after    []Member
	rows     []*CensusRecord // the row each member of after comes from, if any
	problems []ImportProblem
}

// row is the row the i-th member of after comes from, or nil.
func (d *familyDiff) row(i int) *CensusRecord {
	if i < len(d.rows) {
		return d.rows[i]
	}
	return nil
}

func (d *familyDiff) problem(r *CensusRecord, f CensusField, format string, args ...any) {
	d.problems = append(d.problems, newProblem(r, f, false, format, args...))
}

// diffFamily works out what happens to one family of the file.
func (p *planner) diffFamily(emp string, f *fileFamily) {
	d := &familyDiff{emp: emp, before: p.roster[emp]}
	if d.before == nil {
		p.newFamily(d, f)
	} else {
		p.mergeFamily(d, f)
	}
	retier(d.after)
	d.fillTiers()
	if covered(&d.after[0]) {
		p.checkTier(f, d.after[0].Tier)
	}
	p.checkDiff(d)
	if len(d.problems) > 0 {
		p.plan.Problems = append(p.plan.Problems, d.problems...)
		p.bad[emp] = true
		p.plan.Excluded = append(p.plan.Excluded, emp)
		return
	}
	p.classify(d)
}

func (p *planner) newFamily(d *familyDiff, f *fileFamily) {
	d.after = make([]Member, 1, 1+len(f.deps))
	d.rows = make([]*CensusRecord, 1, 1+len(f.deps))
	d.after[0], d.rows[0] = p.newMember(f.emp, nil), f.emp
	for _, r := range f.deps {
		d.after = append(d.after, p.newMember(r, &d.after[0]))
		d.rows = append(d.rows, r)
	}
}

// newMember makes the member a record adds, with defaults for what the
// file does not give.
func (p *planner) newMember(r *CensusRecord, sub *Member) Member {
	m := r.Member
	m.ID, m.GroupID, m.Version = p.o.NewID(), p.o.GroupID, 0
	if m.Gender == "" {
		m.Gender = GenderUnknown
	}
	if m.Effective.IsZero() {
		m.Effective = p.o.Effective
	}
	if sub != nil {
		m.SubscriberID, m.EmployeeID, m.PlanID = sub.ID, sub.EmployeeID, sub.PlanID
		if m.Effective.Before(sub.Effective) && !r.Has.Has(FieldEffective) {
			m.Effective = sub.Effective
		}
		if m.Address == (Address{}) {
			m.Address = sub.Address
		}
	}
	setStatus(nil, &m, r, p.o.Today)
	return m
}

// mergeFamily matches the file's people with the roster family's and
// applies the file's values; whoever the file leaves out is terminated.
func (p *planner) mergeFamily(d *familyDiff, f *fileFamily) {
	d.after = cloneFamily(d.before)
	d.rows = make([]*CensusRecord, len(d.after), len(d.after)+len(f.deps))
	p.merge(&d.after[0], f.emp)
	d.rows[0] = f.emp
	for _, r := range f.deps {
		i := matchDependent(d.after, d.rows, &r.Member)
		if i < 0 {
			m := p.newMember(r, &d.after[0])
			d.after, d.rows = append(d.after, m), append(d.rows, r)
			continue
		}
		d.rows[i] = r
		p.merge(&d.after[i], r)
		d.after[i].PlanID = d.after[0].PlanID
	}
	for i := range d.after {
		if d.rows[i] == nil { // left out of the file
			p.terminate(&d.after[i])
		}
	}
}

// merge applies a record's values to a roster member.
func (p *planner) merge(m *Member, r *CensusRecord) {
	prev := *m
	for f := range censusFieldCount {
		if r.Has.Has(f) && f != FieldRelationship && f != FieldPlan && f != FieldEmployeeID {
			copyCensusField(m, &r.Member, f)
		}
	}
	if r.Member.Relationship.IsAdultPartner() && prev.Relationship.IsAdultPartner() {
		m.Relationship = r.Member.Relationship // spouse ⇄ domestic partner
	}
	if m.IsSubscriber() && r.Member.PlanID != "" && r.Member.PlanID != m.PlanID {
		m.PlanID = r.Member.PlanID
		if !r.Has.Has(FieldEffective) {
			m.Effective = p.o.Effective
		}
	}
	setStatus(&prev, m, r, p.o.Today)
}

// terminate ends the coverage of someone the file leaves out. COBRA
// members are not on an employer's census and keep their coverage.
func (p *planner) terminate(m *Member) {
	if !covered(m) || m.Status == StatusCOBRA {
		return
	}
	m.Status, m.Termination, m.TermReason = StatusTerminated, p.o.TermDate, TermReasonAbsent
	if m.Termination.Before(m.Effective) {
		m.Termination = m.Effective // enrolled for a later date: ends as it starts
	}
}

// setStatus gives the member the file's status, or one that follows from
// the dates when the file has no status column.
func setStatus(prev, m *Member, r *CensusRecord, today Date) {
	switch {
	case r.Has.Has(FieldStatus):
	case r.Has.Has(FieldTermination) && !m.Termination.IsZero():
		if prev == nil || prev.Status != StatusCOBRA {
			m.Status = StatusTerminated
		}
	case prev != nil && prev.Status == StatusCOBRA:
	default:
		m.Status = startStatus(m.Effective, today)
	}
	if (m.Status == StatusActive || m.Status == StatusPending) && !r.Has.Has(FieldTermination) {
		m.Termination, m.TermReason = Date{}, ""
	}
	if m.Status == StatusTerminated && m.Termination.IsZero() && prev != nil {
		m.Termination, m.TermReason = prev.Termination, prev.TermReason
	}
}

// matchDependent finds the roster dependent a file row is: same kind of
// relationship, and the same first name and birth date, or failing that
// the same first name, or the same birth date, among those no row has
// matched yet. -1 when none is.
func matchDependent(fam []Member, rows []*CensusRecord, r *Member) int {
	best, score := -1, 0
	for i := 1; i < len(fam); i++ {
		m := &fam[i]
		if rows[i] != nil || !(m.Relationship == r.Relationship || (m.Relationship.IsAdultPartner() && r.Relationship.IsAdultPartner())) {
			continue
		}
		s := 0
		if sameName(m.FirstName, r.FirstName) {
			s += 2
		}
		if m.DateOfBirth == r.DateOfBirth {
			s++
		}
		if s > score {
			best, score = i, s
		}
	}
	return best
}

// checkTier warns when the file states a tier its family does not make.
func (p *planner) checkTier(f *fileFamily, t Tier) {
	r := f.emp
	if r.Has.Has(FieldTier) && r.Tier != "" && r.Tier != t {
		p.problem(r, FieldTier, true, "the file says %s, but the covered family makes %s; GroupDesk uses %s", r.Tier, t, t)
	}
}

// checkDiff checks every member the family's diff adds or changes.
func (p *planner) checkDiff(d *familyDiff) {
	for i := range d.after {
		m := &d.after[i]
		// the family's members before, then its new ones (as classify)
		var old Member
		existed := i < len(d.before)
		if existed {
			if old = d.before[i]; old == *m {
				continue
			}
		}
		r := d.row(i)
		if r == nil {
			continue // terminated for being absent: the default date was checked
		}
		p.checkChanged(d, r, m, old, existed, i)
	}
}

func (p *planner) checkChanged(d *familyDiff, r *CensusRecord, m *Member, old Member, existed bool, i int) {
	var prev *Member
	if existed {
		prev = &old
	}
	for _, pr := range checkMember(m, prev, i, p.o.Today) {
		f, ok := ParseCensusField(pr.Field)
		if !ok {
			f = -1
		}
		msg := pr.Message
		if prefix := m.FullName() + ": "; len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
			msg = msg[len(prefix):]
		}
		d.problem(r, f, "%s", msg)
	}
	if existed && m.Termination != old.Termination && !m.Termination.IsZero() && m.Status == StatusTerminated {
		if err := p.o.Retro.Check(m.Termination, p.o.Today); err != nil {
			d.problem(r, FieldTermination, "%s", err.(*Error).Message)
		}
	}
}

// classify files the family's members under adds, changes, terminations
// and unchanged.
func (p *planner) classify(d *familyDiff) {
	for i := range d.after {
		m := &d.after[i]
		r := d.row(i)
		if i >= len(d.before) {
			// an add is made in place: a change holds a whole member
			p.plan.Adds = append(p.plan.Adds, ImportChange{})
			ch := &p.plan.Adds[len(p.plan.Adds)-1]
			ch.After = *m
			if r != nil {
				ch.Sheet, ch.Row = r.Sheet, r.Row
			}
			continue
		}
		ch := ImportChange{After: *m}
		if r != nil {
			ch.Sheet, ch.Row = r.Sheet, r.Row
		}
		ch.Before = &d.before[i]
		ch.Fields = censusDiff(ch.Before, m)
		switch {
		case *ch.Before == *m:
			if r != nil {
				p.plan.Unchanged++
			}
		case r == nil || (covered(ch.Before) && !covered(m)):
			p.plan.Terms = append(p.plan.Terms, ch)
		default:
			p.plan.Changes = append(p.plan.Changes, ch)
		}
	}
}

// terminateAbsent terminates the families the file leaves out entirely.
func (p *planner) terminateAbsent() {
	for emp, fam := range p.roster {
		if _, inFile := p.families[emp]; inFile || p.bad[emp] {
			continue
		}
		d := &familyDiff{emp: emp, before: fam, after: cloneFamily(fam)}
		for i := range d.after {
			p.terminate(&d.after[i])
		}
		p.classify(d)
	}
	sortChanges(p.plan.Terms)
}

// fillTiers gives a tier to new members whose coverage has ended (retier
// sets the covered ones'): the tier their row states, or the one the whole
// family makes.
func (d *familyDiff) fillTiers() {
	fam := d.after
	var rels []Relationship
	for _, m := range fam[1:] {
		rels = append(rels, m.Relationship)
	}
	for i := range fam {
		if fam[i].Tier != "" {
			continue
		}
		fam[i].Tier = TierFor(rels)
		if r := d.row(i); r != nil && r.Tier != "" {
			fam[i].Tier = r.Tier
		}
	}
}
