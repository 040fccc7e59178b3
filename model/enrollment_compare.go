package model

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Kinds found by comparing a carrier's enrollment file (an 834) with the
// roster.
const (
	DiscNotAtCarrier      DiscrepancyKind = "not_at_carrier" // on the roster, missing from the carrier's file
	DiscNotOnRoster       DiscrepancyKind = "not_on_roster"  // in the carrier's file, not on the roster
	DiscWrongCoverage     DiscrepancyKind = "wrong_coverage" // covered on one side, ended or on COBRA on the other
	DiscWrongDates        DiscrepancyKind = "wrong_dates"
	DiscWrongDemographics DiscrepancyKind = "wrong_demographics"
)

// EnrolledOn reports whether a member's coverage is current on a day or
// starts later: what a full enrollment file carries.
func EnrolledOn(m *Member, on Date) bool {
	if !m.Termination.IsZero() {
		return !m.Termination.Before(on)
	}
	return m.Status != StatusTerminated
}

// EnrollmentInput is what a carrier's enrollment file is compared with.
type EnrollmentInput struct {
	Group   Group
	Plans   map[string]*Plan
	Roster  [][]Member // the group's families, subscriber first
	Carrier [][]Member // the carrier's file read as families, subscriber first
	On      Date       // the day the enrollment is compared on
	Source  string     // the file compared
	At      time.Time
}

// CompareEnrollment compares a carrier's enrollment with the roster, member
// by member: people missing on either side, coverage ended or on COBRA on
// one side only, a different plan or tier, different coverage dates, and
// different names, dates of birth, genders, SSNs, relationships or
// addresses. Families match by the employee ID (the carrier's subscriber
// number), people within them by ID, SSN, relationship or name and birth
// date.
func CompareEnrollment(in EnrollmentInput) DiscrepancyReport {
	r := DiscrepancyReport{Title: "Carrier enrollment compared with the roster", GroupID: in.Group.ID, GroupName: in.Group.Name,
		GroupNumber: in.Group.Number, Source: in.Source, Prepared: in.At}
	c := &enrollmentCheck{in: in, month: PeriodOf(in.On), seen: map[string]bool{}}
	carrier := map[string][]Member{}
	var order []string
	for _, fam := range in.Carrier {
		if len(fam) == 0 {
			continue
		}
		r.Compared += len(fam)
		k := foldText(fam[0].EmployeeID)
		if _, ok := carrier[k]; !ok {
			order = append(order, k)
			carrier[k] = fam[:len(fam):len(fam)]
			continue
		}
		carrier[k] = append(carrier[k], fam...)
	}
	for _, fam := range in.Roster {
		if len(fam) == 0 {
			continue
		}
		k := foldText(fam[0].EmployeeID)
		theirs := carrier[k]
		delete(carrier, k)
		c.family(fam, theirs)
	}
	for _, k := range order {
		for i := range carrier[k] {
			if m := &carrier[k][i]; EnrolledOn(m, in.On) {
				c.add(DiscNotOnRoster, m, "not on the roster", describeCoverage(m, in.Plans),
					fmt.Sprintf("%s (%s) is enrolled at the carrier but not on the roster", m.FullName(), m.Relationship.Label()))
			}
		}
	}
	r.Items = c.items
	SortDiscrepancies(r.Items)
	return r
}

type enrollmentCheck struct {
	in    EnrollmentInput
	month Period
	items []Discrepancy
	sub   *Member         // the roster subscriber of the family being checked
	seen  map[string]bool // family-wide differences already reported
}

func (c *enrollmentCheck) add(k DiscrepancyKind, m *Member, expected, found, detail string) {
	sub := c.sub
	if sub == nil {
		sub = m
	}
	c.items = append(c.items, Discrepancy{Kind: k, Month: c.month, SubscriberID: sub.ID, MemberID: m.ID, EmployeeID: m.EmployeeID,
		Name: m.SortName(), Expected: expected, Found: found, Detail: detail})
}

// family matches a roster family with the carrier's and compares each pair.
func (c *enrollmentCheck) family(ours, theirs []Member) {
	c.sub = &ours[0]
	// A family whose subscriber's coverage ended is not in a full file,
	// dependents included.
	subIn := !ours[0].IsSubscriber() || EnrolledOn(&ours[0], c.in.On)
	used := make([]bool, len(theirs))
	for i := range ours {
		m := &ours[i]
		in := subIn && EnrolledOn(m, c.in.On)
		j := matchMember(m, theirs, used)
		if j < 0 {
			if in {
				c.add(DiscNotAtCarrier, m, describeCoverage(m, c.in.Plans), "not in the carrier's file",
					fmt.Sprintf("%s (%s) is on the roster but missing from the carrier's enrollment", m.FullName(), m.Relationship.Label()))
			}
			continue
		}
		used[j] = true
		c.member(m, in, &theirs[j])
	}
	for j := range theirs {
		if !used[j] && EnrolledOn(&theirs[j], c.in.On) {
			t := &theirs[j]
			c.add(DiscNotOnRoster, t, "not on the roster", describeCoverage(t, c.in.Plans),
				fmt.Sprintf("%s (%s) is enrolled at the carrier under employee %s but not on the roster", t.FullName(), t.Relationship.Label(), t.EmployeeID))
		}
	}
	c.sub = nil
}

// matchMember finds the carrier's record of a roster member among those
// not matched yet: by member ID, then SSN, then the subscriber by
// relationship, then by first name and birth date, then first name.
func matchMember(m *Member, theirs []Member, used []bool) int {
	tries := []func(t *Member) bool{
		func(t *Member) bool { return t.ID != "" && strings.EqualFold(t.ID, m.ID) },
		func(t *Member) bool { return t.SSN != "" && t.SSN == m.SSN },
		func(t *Member) bool { return m.IsSubscriber() && t.IsSubscriber() },
		func(t *Member) bool {
			return !t.IsSubscriber() && t.DateOfBirth == m.DateOfBirth && sameText(t.FirstName, m.FirstName)
		},
		func(t *Member) bool {
			return !t.IsSubscriber() && !m.IsSubscriber() && sameText(t.FirstName, m.FirstName)
		},
	}
	for _, try := range tries {
		for j := range theirs {
			if !used[j] && try(&theirs[j]) {
				return j
			}
		}
	}
	return -1
}

// member compares one person's records.
func (c *enrollmentCheck) member(ours *Member, enrolled bool, theirs *Member) {
	on := c.in.On
	a, b := enrolled, EnrolledOn(theirs, on)
	switch {
	case !a && !b:
		return
	case a && !b:
		c.add(DiscWrongCoverage, ours, "covered: "+describeCoverage(ours, c.in.Plans), "ended "+theirs.Termination.US(),
			fmt.Sprintf("%s is covered on the roster, but the carrier ended the coverage on %s", ours.FullName(), theirs.Termination.US()))
		return
	case !a && b:
		end := ours.Termination
		if end.IsZero() {
			end = c.sub.Termination // the subscriber's coverage ended
		}
		c.add(DiscWrongCoverage, ours, "ended "+end.US(), "covered: "+describeCoverage(theirs, c.in.Plans),
			fmt.Sprintf("%s's coverage ended on %s on the roster, but the carrier still covers them", ours.FullName(), end.US()))
		return
	}
	if (ours.Status == StatusCOBRA) != (theirs.Status == StatusCOBRA) {
		c.add(DiscWrongCoverage, ours, ours.Status.Label(), theirs.Status.Label(),
			fmt.Sprintf("%s is %s on the roster and %s at the carrier", ours.FullName(), ours.Status.Label(), theirs.Status.Label()))
	}
	if theirs.PlanID != "" && !sameText(theirs.PlanID, ours.PlanID) {
		if k := "plan|" + c.sub.ID + "|" + foldText(theirs.PlanID); !c.seen[k] {
			c.seen[k] = true
			c.add(DiscWrongPlan, ours, planLabel(c.in.Plans, ours.PlanID), planLabel(c.in.Plans, theirs.PlanID),
				fmt.Sprintf("%s is enrolled in %s at the carrier; the roster has %s", ours.FullName(), planLabel(c.in.Plans, theirs.PlanID), planLabel(c.in.Plans, ours.PlanID)))
		}
	}
	if theirs.Tier != "" && theirs.Tier != ours.Tier {
		if k := "tier|" + c.sub.ID + "|" + string(theirs.Tier); !c.seen[k] {
			c.seen[k] = true
			c.add(DiscWrongTier, ours, ours.Tier.Label(), theirs.Tier.Label(),
				fmt.Sprintf("%s is at the %s tier (%s) at the carrier; the roster has %s (%s)", ours.FullName(), theirs.Tier.Label(), theirs.Tier.X12(), ours.Tier.Label(), ours.Tier.X12()))
		}
	}
	var exp, got []string
	diff := func(field, a, b string) {
		exp, got = append(exp, field+" "+orNone(a)), append(got, field+" "+orNone(b))
	}
	if ours.Effective != theirs.Effective {
		diff("starts", ours.Effective.US(), theirs.Effective.US())
	}
	if ours.Termination != theirs.Termination {
		diff("ends", ours.Termination.US(), theirs.Termination.US())
	}
	if len(exp) > 0 {
		c.add(DiscWrongDates, ours, strings.Join(exp, ", "), strings.Join(got, ", "),
			fmt.Sprintf("%s's coverage dates differ: the roster has %s, the carrier %s", ours.FullName(), strings.Join(exp, ", "), strings.Join(got, ", ")))
	}
	exp, got = nil, nil
	if !sameText(ours.LastName, theirs.LastName) || !sameText(ours.FirstName, theirs.FirstName) ||
		(theirs.MiddleName != "" && !sameText(ours.MiddleName, theirs.MiddleName)) {
		diff("name", ours.FullName(), theirs.FullName())
	}
	if !theirs.DateOfBirth.IsZero() && ours.DateOfBirth != theirs.DateOfBirth {
		diff("born", ours.DateOfBirth.US(), theirs.DateOfBirth.US())
	}
	if theirs.Gender != "" && theirs.Gender != ours.Gender {
		diff("gender", string(ours.Gender), string(theirs.Gender))
	}
	if theirs.SSN != "" && ours.SSN != "" && theirs.SSN != ours.SSN {
		diff("SSN", MaskSSN(ours.SSN), MaskSSN(theirs.SSN))
	}
	if theirs.Relationship != "" && theirs.Relationship != ours.Relationship && !(theirs.Relationship == RelChild && ours.Relationship == RelOther) {
		diff("relationship", ours.Relationship.Label(), theirs.Relationship.Label())
	}
	if theirs.Address.Line1 != "" && !sameAddress(ours.Address, theirs.Address) {
		diff("address", ours.Address.String(), theirs.Address.String())
	}
	if len(exp) > 0 {
		c.add(DiscWrongDemographics, ours, strings.Join(exp, "; "), strings.Join(got, "; "),
			fmt.Sprintf("%s's details differ: the roster has %s; the carrier %s", ours.FullName(), strings.Join(exp, "; "), strings.Join(got, "; ")))
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func sameAddress(a, b Address) bool {
	return sameText(a.Line1, b.Line1) && sameText(a.Line2, b.Line2) && sameText(a.City, b.City) &&
		sameText(a.State, b.State) && a.ZIP5() == b.ZIP5()
}

func planLabel(plans map[string]*Plan, id string) string {
	if p := plans[id]; p != nil {
		return p.Name
	}
	for _, p := range plans {
		if foldText(p.ID) == foldText(id) {
			return p.Name
		}
	}
	if id == "" {
		return "no plan"
	}
	return id
}

func describeCoverage(m *Member, plans map[string]*Plan) string {
	s := fmt.Sprintf("%s, %s, from %s", planLabel(plans, m.PlanID), m.Tier.Label(), m.Effective.US())
	if !m.Termination.IsZero() {
		s += " to " + m.Termination.US()
	}
	return s
}

var foldSpecial = strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss", "æ", "ae", "Æ", "AE",
	"œ", "oe", "Œ", "OE", "ı", "i")

// foldText is a name or ID as compared across files: upper case ASCII
// letters and digits, accents dropped, words separated by one space (an
// X12 file holds PEÑA-LÓPEZ as PENA LOPEZ or PENA-LOPEZ).
func foldText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			s = foldSpecial.Replace(s)
			if out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil {
				s = out
			}
			break
		}
	}
	b := []byte(strings.ToUpper(s))
	for i, ch := range b {
		if (ch < 'A' || ch > 'Z') && (ch < '0' || ch > '9') {
			b[i] = ' '
		}
	}
	return strings.Join(strings.Fields(string(b)), " ")
}

// sameText reports whether two names or IDs are the same once folded
// (foldText), without allocating when both are ASCII.
func sameText(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && a[i] < 0x80 && !isAlnum(a[i]) {
			i++
		}
		for j < len(b) && b[j] < 0x80 && !isAlnum(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ca, cb := a[i], b[j]
		if ca >= 0x80 || cb >= 0x80 {
			return foldText(a) == foldText(b)
		}
		if upper(ca) != upper(cb) {
			return false
		}
		i, j = i+1, j+1
		// a run of separators counts as one: "A  B" is "A-B"
		if sa, sb := i < len(a) && !isAlnum(a[i]) && a[i] < 0x80, j < len(b) && !isAlnum(b[j]) && b[j] < 0x80; sa != sb {
			ea, eb := sa && endsHere(a, i), sb && endsHere(b, j)
			if !(ea || eb) {
				return false
			}
		}
	}
}

// endsHere reports whether only separators are left from i.
func endsHere(s string, i int) bool {
	for ; i < len(s); i++ {
		if isAlnum(s[i]) || s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}
