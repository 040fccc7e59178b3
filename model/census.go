package model

import (
	"context"
	"fmt"
	"time"
)

// CensusField is a column of a census or roster file (DESIGN.md §6).
type CensusField int

const (
	FieldEmployeeID CensusField = iota
	FieldRelationship
	FieldFirstName
	FieldMiddleName
	FieldLastName
	FieldDateOfBirth
	FieldGender
	FieldSSN
	FieldTobacco
	FieldEmail
	FieldPhone
	FieldAddress
	FieldAddress2
	FieldCity
	FieldState
	FieldZIP
	FieldHireDate
	FieldPlan
	FieldTier
	FieldEffective
	FieldStatus
	FieldTermination
	FieldTermReason
	censusFieldCount
)

var censusFieldNames = [censusFieldCount]string{"employee_id", "relationship", "first_name", "middle_name", "last_name",
	"date_of_birth", "gender", "ssn", "tobacco", "email", "phone", "address", "address_line2", "city", "state", "zip",
	"hire_date", "plan", "coverage_tier", "effective_date", "status", "termination_date", "termination_reason"}

// CensusFields lists every field in file order.
func CensusFields() []CensusField {
	out := make([]CensusField, censusFieldCount)
	for i := range out {
		out[i] = CensusField(i)
	}
	return out
}

// RequiredCensusFields are the columns every census file must have.
var RequiredCensusFields = []CensusField{FieldEmployeeID, FieldRelationship, FieldFirstName, FieldLastName,
	FieldDateOfBirth, FieldGender, FieldZIP, FieldTobacco}

// String is the field's column name: "date_of_birth".
func (f CensusField) String() string {
	if f < 0 || f >= censusFieldCount {
		return fmt.Sprintf("field%d", int(f))
	}
	return censusFieldNames[f]
}

// ParseCensusField reads a column name as String writes it.
func ParseCensusField(s string) (CensusField, bool) {
	for i, n := range censusFieldNames {
		if n == s {
			return CensusField(i), true
		}
	}
	return 0, false
}

// FieldSet is a set of census fields: the columns a file gives.
type FieldSet uint32

// Has reports whether f is in the set.
func (s FieldSet) Has(f CensusField) bool { return s&(1<<uint(f)) != 0 }

// With returns the set with f added.
func (s FieldSet) With(f CensusField) FieldSet { return s | 1<<uint(f) }

// CensusRecord is one person read from a census file: the values it gives
// (in a Member) and which columns it had.
type CensusRecord struct {
	Sheet  string // the sheet of a workbook, "" for CSV
	Row    int    // the row in the file; the header is row 1
	Member Member
	Has    FieldSet
	Tier   Tier   // the coverage_tier the file states, if any
	Plan   string // the plan as written (ID or name)
}

// ImportProblem is one problem in a census file, where it is and why.
// Warnings are shown but do not block the import.
type ImportProblem struct {
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row"`    // 0: the whole file
	Column  string `json:"column"` // the field's name, "" for the whole row
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// Where is "row 14, column date_of_birth" (with the sheet for a workbook).
func (p ImportProblem) Where() string {
	s := ""
	if p.Sheet != "" {
		s = "sheet " + p.Sheet + ", "
	}
	switch {
	case p.Row == 0:
		return s + "the file"
	case p.Column == "":
		return s + "row " + groupDigits(p.Row)
	}
	return s + "row " + groupDigits(p.Row) + ", column " + p.Column
}

// groupDigits writes 200002 as 200,002.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (p ImportProblem) String() string {
	if p.Warning {
		return p.Where() + ": warning: " + p.Message
	}
	return p.Where() + ": " + p.Message
}

// ImportChange is a member the import adds, changes or terminates, before
// and after, with the file row it comes from (0 for someone missing from
// the file). Before is the roster's member, nil for an add: empty members
// for 100,000 new people would take 52 MB.
type ImportChange struct {
	Sheet  string
	Row    int
	Before *Member
	After  Member
	Fields []FieldChange
}

// ImportPlan is what an import will do against the current roster: the
// people it adds, changes and terminates, and every problem found. Nothing
// is applied while an error remains, unless the bad families are excluded.
type ImportPlan struct {
	GroupID   string
	File      string
	Rows      int            // people read from the file
	Adds      []ImportChange // Before is empty
	Changes   []ImportChange
	Terms     []ImportChange
	Unchanged int
	Problems  []ImportProblem
	// Excluded lists the employee IDs of families left out for their
	// errors; their people in the roster are left as they are.
	Excluded []string
	// ExcludeBad says the user chose to leave the bad families out.
	ExcludeBad bool
}

// Errors counts the problems that are not warnings.
func (p *ImportPlan) Errors() int {
	n := 0
	for _, pr := range p.Problems {
		if !pr.Warning {
			n++
		}
	}
	return n
}

// Blocked reports whether the plan may not be applied: an error remains
// and the user has not chosen to exclude the bad rows.
func (p *ImportPlan) Blocked() bool { return p.Errors() > 0 && !p.ExcludeBad }

// Empty reports whether the plan changes nothing.
func (p *ImportPlan) Empty() bool { return len(p.Adds)+len(p.Changes)+len(p.Terms) == 0 }

// Summary is one line for people: "12 to add, 3 to change, 2 to terminate".
func (p *ImportPlan) Summary() string {
	return fmt.Sprintf("%s to add, %s to change, %s to terminate, %s unchanged", groupDigits(len(p.Adds)), groupDigits(len(p.Changes)),
		groupDigits(len(p.Terms)), groupDigits(p.Unchanged))
}

// ImportBatch is an applied import, which the last one can be undone.
type ImportBatch struct {
	ID        string    `json:"id"`
	GroupID   string    `json:"group_id"`
	File      string    `json:"file"`
	AppliedAt time.Time `json:"applied_at"`
	Actor     string    `json:"actor"`
	Adds      int       `json:"adds"`
	Changes   int       `json:"changes"`
	Terms     int       `json:"terms"`
	UndoneAt  time.Time `json:"undone_at"`
}

// ImportService applies import plans and undoes the last one.
type ImportService interface {
	// ImportRoster returns every member of a group, for planning an import.
	ImportRoster(ctx context.Context, groupID string) ([]Member, error)
	ApplyImport(ctx context.Context, plan *ImportPlan) (ImportBatch, error)
	LastImport(ctx context.Context, groupID string) (ImportBatch, error)
	UndoImport(ctx context.Context, groupID string) (ImportBatch, error)
}
