package census

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/xuri/excelize/v2"
)

// maxCell is the longest value a cell may hold.
const maxCell = 1000

// rowParser turns a row's cells into a census record.
type rowParser struct {
	sheet    string
	problems *[]model.ImportProblem
	columns  []fieldColumn // the mapped fields, in field order
}

// fieldColumn is a field and the column it is read from.
type fieldColumn struct {
	field model.CensusField
	col   int
}

// newRowParser reads rows of a sheet mapped by m.
func newRowParser(sheet string, m Mapping, problems *[]model.ImportProblem) *rowParser {
	p := &rowParser{sheet: sheet, problems: problems}
	for f, col := range m {
		if col >= 0 {
			p.columns = append(p.columns, fieldColumn{model.CensusField(f), col})
		}
	}
	return p
}

func (p *rowParser) problem(row int, f model.CensusField, format string, args ...any) {
	*p.problems = append(*p.problems, model.ImportProblem{Sheet: p.sheet, Row: row, Column: f.String(), Message: fmt.Sprintf(format, args...)})
}

// parse reads one row. Empty cells give no value: the roster keeps what
// it has.
func (p *rowParser) parse(cells []string, row int) model.CensusRecord {
	r := model.CensusRecord{Sheet: p.sheet, Row: row}
	for _, fc := range p.columns {
		f, col := fc.field, fc.col
		v := ""
		if col < len(cells) {
			v = strings.TrimSpace(cells[col])
		}
		if v == "" {
			if f == model.FieldRelationship {
				p.problem(row, f, "the relationship is required (employee, spouse, domestic_partner or child)")
			}
			continue
		}
		if len(v) > maxCell {
			p.problem(row, f, "the value is %d characters long; at most %d fit", len(v), maxCell)
			continue
		}
		if p.set(&r, f, v) {
			r.Has = r.Has.With(f)
		}
	}
	return r
}

// set parses one value into the record; false when it is not valid (a
// problem is recorded) or means "no value" (a masked SSN).
func (p *rowParser) set(r *model.CensusRecord, f model.CensusField, v string) bool {
	m := &r.Member
	switch f {
	case model.FieldRelationship:
		rel, ok := model.ParseRelationship(v)
		if !ok {
			p.problem(r.Row, f, "%q is not a relationship (employee, spouse, domestic_partner or child)", v)
		}
		m.Relationship = rel
		return ok
	case model.FieldGender:
		g, ok := model.ParseGender(v)
		if !ok {
			p.problem(r.Row, f, "%q is not a gender (F, M or U)", v)
		}
		m.Gender = g
		return ok
	case model.FieldTobacco:
		b, ok := parseYesNo(v)
		if !ok {
			p.problem(r.Row, f, "%q is not yes or no", v)
		}
		m.Tobacco = b
		return ok
	case model.FieldSSN:
		return p.setSSN(r, v)
	case model.FieldDateOfBirth, model.FieldHireDate, model.FieldEffective, model.FieldTermination:
		return p.setDate(r, f, v)
	case model.FieldTier:
		return p.setTier(r, v)
	case model.FieldStatus:
		return p.setStatus(r, v)
	case model.FieldPlan:
		r.Plan = v
		return true
	case model.FieldZIP:
		v = padDigits(v, 5)
	}
	setText(m, f, v)
	return true
}

func (p *rowParser) setSSN(r *model.CensusRecord, v string) bool {
	if masked(v) {
		return false // a masked SSN says nothing: keep the one on file
	}
	ssn, err := model.NormalizeSSN(padDigits(v, 9))
	if err != nil {
		p.problem(r.Row, model.FieldSSN, "%s", strings.TrimPrefix(err.Error(), "ssn: "))
		return false
	}
	r.Member.SSN = ssn
	return true
}

// masked reports an SSN shown as ***-**-1234 (or XXX-XX-1234).
func masked(v string) bool {
	return len(v) == 11 && strings.Trim(strings.ToUpper(v[:6]), "*X-") == "" && v[6] == '-'
}

func (p *rowParser) setDate(r *model.CensusRecord, f model.CensusField, v string) bool {
	d, err := parseDate(v)
	if err != nil {
		p.problem(r.Row, f, "%s", err)
		return false
	}
	switch f {
	case model.FieldDateOfBirth:
		r.Member.DateOfBirth = d
	case model.FieldHireDate:
		r.Member.Employment.HireDate = d
	case model.FieldEffective:
		r.Member.Effective = d
	case model.FieldTermination:
		r.Member.Termination = d
	}
	return true
}

// parseDate reads an ISO or US date, or a spreadsheet's date serial
// number (a date cell read raw).
func parseDate(v string) (model.Date, error) {
	if serial, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, "-/") {
		if serial < 1 || serial > 2958465 {
			return model.Date{}, fmt.Errorf("%s is not a date", v)
		}
		t, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			return model.Date{}, fmt.Errorf("%s is not a date", v)
		}
		return model.DateOf(t.Add(time.Second)), nil // serials of midnight may round down
	}
	if len(v) > 10 && v[4] == '-' && (v[10] == 'T' || v[10] == ' ') {
		v = v[:10] // 2026-01-02T00:00:00
	}
	d, err := model.ParseDate(v)
	if err != nil {
		return d, fmt.Errorf("%s", strings.Replace(err.Error(), fmt.Sprintf("%q", v), v, 1))
	}
	return d, nil
}

func (p *rowParser) setTier(r *model.CensusRecord, v string) bool {
	t, ok := parseTier(v)
	if !ok {
		*p.problems = append(*p.problems, model.ImportProblem{Sheet: p.sheet, Row: r.Row, Column: model.FieldTier.String(),
			Message: fmt.Sprintf("%q is not a coverage tier (EE, ES, EC or FAM); the tier follows from the family", v), Warning: true})
	}
	r.Tier = t
	return ok
}

func (p *rowParser) setStatus(r *model.CensusRecord, v string) bool {
	for _, s := range model.Statuses {
		if strings.EqualFold(v, string(s)) || strings.EqualFold(v, s.Label()) {
			r.Member.Status = s
			return true
		}
	}
	p.problem(r.Row, model.FieldStatus, "%q is not a status (active, pending, cobra or terminated)", v)
	return false
}

func parseTier(v string) (model.Tier, bool) {
	switch normalize(v) {
	case "ee", "emp", "employee", "employeeonly", "single", "ind":
		return model.TierEE, true
	case "es", "esp", "employeespouse", "employeeandspouse", "eesp", "eespouse", "two":
		return model.TierES, true
	case "ec", "ech", "employeechildren", "employeeandchildren", "eech", "eechildren", "eechild":
		return model.TierEC, true
	case "fam", "family", "ef":
		return model.TierFAM, true
	}
	return "", false
}

func parseYesNo(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "y", "yes", "true", "1", "t", "smoker", "tobacco":
		return true, true
	case "n", "no", "false", "0", "f", "non-smoker", "nonsmoker", "none":
		return false, true
	}
	return false, false
}

// padDigits restores leading zeros a spreadsheet dropped from a number
// (ZIP 02134 stored as 2134).
func padDigits(v string, n int) string {
	if len(v) >= n || len(v) < n-2 || strings.Trim(v, "0123456789") != "" {
		return v
	}
	return strings.Repeat("0", n-len(v)) + v
}

func setText(m *model.Member, f model.CensusField, v string) {
	switch f {
	case model.FieldEmployeeID:
		m.EmployeeID = strings.TrimSuffix(v, ".0")
	case model.FieldFirstName:
		m.FirstName = v
	case model.FieldMiddleName:
		m.MiddleName = v
	case model.FieldLastName:
		m.LastName = v
	case model.FieldEmail:
		m.Email = v
	case model.FieldPhone:
		m.Phone = v
	case model.FieldAddress:
		m.Address.Line1 = v
	case model.FieldAddress2:
		m.Address.Line2 = v
	case model.FieldCity:
		m.Address.City = v
	case model.FieldState:
		m.Address.State = strings.ToUpper(v)
	case model.FieldZIP:
		m.Address.ZIP = v
	case model.FieldTermReason:
		m.TermReason = v
	}
}
