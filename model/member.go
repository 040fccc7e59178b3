package model

import (
	"context"
	"strings"
	"time"
)

// Relationship is a member's relationship to the subscriber.
type Relationship string

const (
	RelEmployee        Relationship = "employee"
	RelSpouse          Relationship = "spouse"
	RelDomesticPartner Relationship = "domestic_partner"
	RelChild           Relationship = "child"
	RelOther           Relationship = "other"
)

// Relationships lists every relationship, subscriber first.
var Relationships = []Relationship{RelEmployee, RelSpouse, RelDomesticPartner, RelChild, RelOther}

var (
	underscores   = strings.NewReplacer(" ", "_", "-", "_")
	ssnSeparators = strings.NewReplacer("-", "", " ", "")
)

// ParseRelationship reads a relationship, accepting common spellings
// ("Employee", "EE", "self", "partner", "dependent child").
func ParseRelationship(s string) (Relationship, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = underscores.Replace(k)
	switch k {
	case "employee", "ee", "self", "subscriber", "emp":
		return RelEmployee, true
	case "spouse", "sp", "husband", "wife":
		return RelSpouse, true
	case "domestic_partner", "dp", "partner", "life_partner":
		return RelDomesticPartner, true
	case "child", "ch", "son", "daughter", "dependent_child", "stepchild":
		return RelChild, true
	case "other", "dependent":
		return RelOther, true
	}
	return "", false
}

// IsAdultPartner reports whether the relationship is a spouse or domestic
// partner, who are rated and tiered alike.
func (r Relationship) IsAdultPartner() bool { return r == RelSpouse || r == RelDomesticPartner }

// Label is the relationship for people.
func (r Relationship) Label() string {
	switch r {
	case RelEmployee:
		return "Employee"
	case RelSpouse:
		return "Spouse"
	case RelDomesticPartner:
		return "Domestic partner"
	case RelChild:
		return "Child"
	case RelOther:
		return "Other dependent"
	}
	return string(r)
}

// Tier is the coverage level of a subscriber's family.
type Tier string

const (
	TierEE  Tier = "EE"  // employee only (X12 EMP)
	TierES  Tier = "ES"  // employee and spouse or domestic partner (ESP)
	TierEC  Tier = "EC"  // employee and children (ECH)
	TierFAM Tier = "FAM" // family (FAM)
)

// Tiers lists the four coverage tiers.
var Tiers = []Tier{TierEE, TierES, TierEC, TierFAM}

// Label is the tier for people.
func (t Tier) Label() string {
	switch t {
	case TierEE:
		return "Employee only"
	case TierES:
		return "Employee + spouse/DP"
	case TierEC:
		return "Employee + children"
	case TierFAM:
		return "Family"
	}
	return string(t)
}

// X12 returns the 834 coverage level code (HD05) of the tier.
func (t Tier) X12() string {
	switch t {
	case TierES:
		return "ESP"
	case TierEC:
		return "ECH"
	case TierFAM:
		return "FAM"
	}
	return "EMP"
}

// TierFor derives the tier from the covered dependents: no spouse or partner
// and no child is employee only; a spouse or partner only is ES; children
// without a spouse is EC; both is family. Other dependents count as children.
func TierFor(deps []Relationship) Tier {
	partner, child := false, false
	for _, r := range deps {
		switch {
		case r.IsAdultPartner():
			partner = true
		case r == RelChild || r == RelOther:
			child = true
		}
	}
	switch {
	case partner && child:
		return TierFAM
	case partner:
		return TierES
	case child:
		return TierEC
	}
	return TierEE
}

// Gender is a member's sex as carriers record it (X12 DMG03).
type Gender string

const (
	GenderFemale  Gender = "F"
	GenderMale    Gender = "M"
	GenderUnknown Gender = "U"
)

// ParseGender reads F/M/U and their spelled-out forms.
func ParseGender(s string) (Gender, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "f", "female", "woman":
		return GenderFemale, true
	case "m", "male", "man":
		return GenderMale, true
	case "u", "unknown", "x", "", "other", "not specified":
		return GenderUnknown, true
	}
	return "", false
}

// Status is where a member's coverage stands.
type Status string

const (
	StatusActive     Status = "active"
	StatusTerminated Status = "terminated"
	StatusCOBRA      Status = "cobra"
	StatusPending    Status = "pending" // enrolled with a future effective date
)

// Statuses lists every member status.
var Statuses = []Status{StatusActive, StatusPending, StatusCOBRA, StatusTerminated}

// Label is the status for people.
func (s Status) Label() string {
	switch s {
	case StatusActive:
		return "Active"
	case StatusTerminated:
		return "Terminated"
	case StatusCOBRA:
		return "COBRA"
	case StatusPending:
		return "Pending"
	}
	return string(s)
}

// Employment describes a subscriber's job, which decides eligibility.
type Employment struct {
	HireDate    Date   `json:"hire_date"`
	Status      string `json:"status,omitempty"` // full_time, part_time
	HoursWeekly int    `json:"hours_weekly,omitempty"`
	Department  string `json:"department,omitempty"`
	Salary      Money  `json:"salary,omitempty"` // annual
}

// Member is a covered person: a subscriber (the employee) or one of their
// dependents. Coverage (plan and tier) is the family's, kept on every member
// so that each row can be read alone; dependents have their own dates.
type Member struct {
	ID           string       `json:"id"`
	GroupID      string       `json:"group_id"`
	SubscriberID string       `json:"subscriber_id,omitempty"` // empty for a subscriber
	EmployeeID   string       `json:"employee_id"`             // the employer's ID, shared by the family
	Relationship Relationship `json:"relationship"`
	FirstName    string       `json:"first_name"`
	MiddleName   string       `json:"middle_name,omitempty"`
	LastName     string       `json:"last_name"`
	DateOfBirth  Date         `json:"date_of_birth"`
	Gender       Gender       `json:"gender"`
	SSN          string       `json:"ssn,omitempty"` // nine digits, no dashes
	Tobacco      bool         `json:"tobacco"`
	Email        string       `json:"email,omitempty"`
	Phone        string       `json:"phone,omitempty"`
	Address      Address      `json:"address"`
	Employment   Employment   `json:"employment"`
	PlanID       string       `json:"plan_id"`
	Tier         Tier         `json:"tier"`
	Status       Status       `json:"status"`
	Effective    Date         `json:"effective_date"`
	Termination  Date         `json:"termination_date"`
	TermReason   string       `json:"termination_reason,omitempty"`
	Version      int64        `json:"version"`
	UpdatedAt    time.Time    `json:"updated_at"`
}

// IsSubscriber reports whether the member is the employee.
func (m *Member) IsSubscriber() bool { return m.Relationship == RelEmployee }

// FullName is "First Middle Last".
func (m *Member) FullName() string {
	return strings.Join(strings.Fields(m.FirstName+" "+m.MiddleName+" "+m.LastName), " ")
}

// SortName is "Last, First".
func (m *Member) SortName() string { return m.LastName + ", " + m.FirstName }

// MaskedSSN is the SSN as it may be shown: ***-**-1234, or "" when none.
func (m *Member) MaskedSSN() string { return MaskSSN(m.SSN) }

// SSNLast4 returns the last four digits of the SSN, or "".
func (m *Member) SSNLast4() string {
	if len(m.SSN) < 4 {
		return ""
	}
	return m.SSN[len(m.SSN)-4:]
}

// MaskSSN masks all but the last four digits of an SSN.
func MaskSSN(ssn string) string {
	d := digits(ssn)
	if len(d) < 4 {
		return ""
	}
	return "***-**-" + d[len(d)-4:]
}

// FormatSSN writes a nine-digit SSN as 123-45-6789.
func FormatSSN(ssn string) string {
	d := digits(ssn)
	if len(d) != 9 {
		return ssn
	}
	return d[:3] + "-" + d[3:5] + "-" + d[5:]
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NormalizeSSN strips dashes and spaces and checks the SSA's rules: nine
// digits, area not 000, 666 or 900–999, group not 00, serial not 0000.
func NormalizeSSN(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	d := ssnSeparators.Replace(s)
	if len(d) != 9 || digits(d) != d {
		return "", FieldError("ssn", "an SSN has nine digits (123-45-6789)")
	}
	area, group, serial := d[:3], d[3:5], d[5:]
	if area == "000" || area == "666" || area[0] == '9' || group == "00" || serial == "0000" {
		return "", FieldError("ssn", "***-**-%s is not a valid SSN", serial)
	}
	return d, nil
}

// CoveredOn reports whether the member is covered on the date.
func (m *Member) CoveredOn(d Date) bool {
	if m.Effective.IsZero() || d.Before(m.Effective) {
		return false
	}
	return m.Termination.IsZero() || !d.After(m.Termination)
}

// Validate checks a member's own fields against today's date.
func (m *Member) Validate(today Date) error {
	var p Problems
	if strings.TrimSpace(m.FirstName) == "" {
		p.Add("first_name", "a first name is required")
	}
	if strings.TrimSpace(m.LastName) == "" {
		p.Add("last_name", "a last name is required")
	}
	if strings.TrimSpace(m.EmployeeID) == "" {
		p.Add("employee_id", "an employee ID is required")
	}
	switch m.Relationship {
	case RelEmployee, RelSpouse, RelDomesticPartner, RelChild, RelOther:
	default:
		p.Add("relationship", "%q is not a relationship (employee, spouse, domestic_partner, child)", m.Relationship)
	}
	if m.Relationship == RelEmployee && m.SubscriberID != "" {
		p.Add("relationship", "a subscriber cannot belong to another subscriber")
	}
	if m.Relationship != RelEmployee && m.SubscriberID == "" {
		p.Add("subscriber_id", "a dependent must belong to a subscriber")
	}
	switch {
	case m.DateOfBirth.IsZero():
		p.Add("date_of_birth", "a date of birth is required")
	case m.DateOfBirth.After(today):
		p.Add("date_of_birth", "the date of birth %s is in the future", m.DateOfBirth)
	case m.DateOfBirth.AgeOn(today) > 120:
		p.Add("date_of_birth", "the date of birth %s makes this person older than 120", m.DateOfBirth)
	}
	if _, ok := ParseGender(string(m.Gender)); !ok {
		p.Add("gender", "gender must be F, M or U")
	}
	if m.SSN != "" {
		if _, err := NormalizeSSN(m.SSN); err != nil {
			p = append(p, err.(*Error))
		}
	}
	if m.Address.ZIP != "" && !ValidZIP(m.Address.ZIP) {
		p.Add("zip", "%q is not a ZIP code", m.Address.ZIP)
	}
	switch m.Tier {
	case TierEE, TierES, TierEC, TierFAM:
	default:
		p.Add("tier", "%q is not a coverage tier (EE, ES, EC, FAM)", m.Tier)
	}
	if m.Effective.IsZero() {
		p.Add("effective_date", "an effective date is required")
	}
	if !m.Termination.IsZero() && m.Termination.Before(m.Effective) {
		p.Add("termination_date", "the termination date %s is before the effective date %s", m.Termination, m.Effective)
	}
	return p.Err()
}

// DependentAgeLimit is the age at which a child's dependent eligibility ends
// under the ACA (coverage runs to the day before the 26th birthday).
const DependentAgeLimit = 26

// AgesOut returns the date a child dependent loses eligibility (the 26th
// birthday) and true, or false for anyone who does not age out.
func (m *Member) AgesOut() (Date, bool) {
	if m.Relationship != RelChild || m.DateOfBirth.IsZero() {
		return Date{}, false
	}
	return m.DateOfBirth.Birthday(DependentAgeLimit), true
}

// MemberSort names a column the member list can be sorted by.
type MemberSort string

const (
	SortName         MemberSort = "name"
	SortEmployeeID   MemberSort = "employee_id"
	SortRelationship MemberSort = "relationship"
	SortBirth        MemberSort = "date_of_birth"
	SortPlan         MemberSort = "plan"
	SortTier         MemberSort = "tier"
	SortStatus       MemberSort = "status"
	SortEffective    MemberSort = "effective_date"
)

// MemberQuery selects a page of a group's members.
type MemberQuery struct {
	GroupID      string
	Search       string // name, employee ID or last four of the SSN; words match as prefixes
	Status       Status
	PlanID       string
	Tier         Tier
	Relationship Relationship
	Sort         MemberSort
	Descending   bool
	Offset       int
	Limit        int
}

// MemberPage is one page of a member list and the size of the whole list.
type MemberPage struct {
	Members []Member
	Total   int
}

// MemberService reads and changes members.
type MemberService interface {
	Members(ctx context.Context, q MemberQuery) (MemberPage, error)
	CountMembers(ctx context.Context, q MemberQuery) (int, error)
	Member(ctx context.Context, id string) (Member, error)
	// Family returns the subscriber and their dependents, subscriber first.
	Family(ctx context.Context, subscriberID string) ([]Member, error)
	CreateMember(ctx context.Context, m *Member) error
	UpdateMember(ctx context.Context, m *Member) error
}
