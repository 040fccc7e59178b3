package census

import (
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// synonyms are the header names each field is known by, normalised (lower
// case, letters and digits only). The field's own name comes first.
var synonyms = map[model.CensusField][]string{
	model.FieldEmployeeID:   {"employeeid", "employee", "emp", "empid", "eeid", "employeenumber", "employeeno", "empnumber", "empno", "payrollid", "badgenumber", "staffid", "workerid"},
	model.FieldRelationship: {"relationship", "relation", "rel", "relationshiptoemployee", "relationshipcode", "reltype", "dependenttype", "membertype", "relationshiptype"},
	model.FieldFirstName:    {"firstname", "first", "fname", "givenname", "forename"},
	model.FieldMiddleName:   {"middlename", "middle", "mname", "middleinitial", "mi"},
	model.FieldLastName:     {"lastname", "last", "lname", "surname", "familyname"},
	model.FieldDateOfBirth:  {"dateofbirth", "dob", "birthdate", "birthday", "dtofbirth", "birth"},
	model.FieldGender:       {"gender", "sex"},
	model.FieldSSN:          {"ssn", "socialsecuritynumber", "socialsecurity", "social", "ssnumber"},
	model.FieldTobacco:      {"tobacco", "tobaccouse", "tobaccouser", "smoker", "smoking"},
	model.FieldEmail:        {"email", "emailaddress", "mail"},
	model.FieldPhone:        {"phone", "phonenumber", "telephone", "mobile", "cell", "homephone"},
	model.FieldAddress:      {"address", "address1", "addressline1", "street", "streetaddress", "homeaddress", "addr1"},
	model.FieldAddress2:     {"addressline2", "address2", "addr2", "apt", "suite", "unit"},
	model.FieldCity:         {"city", "town"},
	model.FieldState:        {"state", "st", "province"},
	model.FieldZIP:          {"zip", "zipcode", "postalcode", "postcode", "zip5"},
	model.FieldHireDate:     {"hiredate", "dateofhire", "doh", "hired", "employmentdate"},
	model.FieldPlan:         {"plan", "planid", "plancode", "medicalplan", "healthplan"},
	model.FieldTier:         {"coveragetier", "tier", "coveragelevel", "coverage", "level"},
	model.FieldEffective:    {"effectivedate", "effective", "effdate", "coveragestart", "coveragestartdate", "coverageeffective"},
	model.FieldStatus:       {"status", "coveragestatus", "memberstatus"},
	model.FieldTermination:  {"terminationdate", "termdate", "coverageend", "coverageenddate", "enddate"},
	model.FieldTermReason:   {"terminationreason", "termreason", "reason"},
}

// byName maps a normalised header name to its field.
var byName = func() map[string]model.CensusField {
	out := map[string]model.CensusField{}
	for f, names := range synonyms {
		for _, n := range names {
			out[n] = f
		}
	}
	return out
}()

// normalize keeps the letters and digits of a header, in lower case.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Mapping says which column of the file holds each field (-1: none).
type Mapping [model.FieldTermReason + 1]int

// Column returns the column of a field, or -1.
func (m *Mapping) Column(f model.CensusField) int { return m[f] }

// AutoMap maps a header row by the usual names of the fields; overrides
// (field → header text, "" for none) win. It returns the header cells that
// map to no field, and problems for headers two fields claim.
func AutoMap(header []string, overrides map[model.CensusField]string) (Mapping, []string, []model.ImportProblem) {
	var m Mapping
	for i := range m {
		m[i] = -1
	}
	var ignored []string
	var probs []model.ImportProblem
	taken := map[int]bool{}
	for f, h := range overrides {
		if h == "" {
			continue
		}
		col := indexOf(header, h)
		if col < 0 {
			probs = append(probs, model.ImportProblem{Row: 1, Column: f.String(), Message: fmt.Sprintf("there is no column %q to read %s from", h, f)})
			continue
		}
		m[f], taken[col] = col, true
	}
	for col, h := range header {
		if taken[col] {
			continue
		}
		f, ok := byName[normalize(h)]
		_, overridden := overrides[f]
		switch {
		case !ok || overridden:
			if strings.TrimSpace(h) != "" {
				ignored = append(ignored, h)
			}
		case m[f] >= 0:
			probs = append(probs, model.ImportProblem{Row: 1, Column: f.String(), Message: fmt.Sprintf(
				"columns %s (%q) and %s (%q) both look like %s; choose one in the column mapping", columnName(m[f]), header[m[f]], columnName(col), h, f)})
		default:
			m[f] = col
		}
	}
	return m, ignored, probs
}

func indexOf(header []string, h string) int {
	for i, c := range header {
		if strings.EqualFold(strings.TrimSpace(c), strings.TrimSpace(h)) {
			return i
		}
	}
	return -1
}

// missing returns a problem for each required field the mapping lacks.
func (m *Mapping) missing() []model.ImportProblem {
	var out []model.ImportProblem
	for _, f := range model.RequiredCensusFields {
		if m[f] < 0 {
			out = append(out, model.ImportProblem{Row: 1, Column: f.String(), Message: fmt.Sprintf(
				"the column %s is missing (a header such as %s)", f, strings.Join(examples(f), ", "))})
		}
	}
	return out
}

// examples are readable header names for a field.
func examples(f model.CensusField) []string {
	switch f {
	case model.FieldEmployeeID:
		return []string{`"Employee ID"`, `"EE ID"`}
	case model.FieldDateOfBirth:
		return []string{`"Date of birth"`, `"DOB"`}
	case model.FieldZIP:
		return []string{`"ZIP"`, `"Zip code"`}
	case model.FieldTobacco:
		return []string{`"Tobacco"`, `"Smoker"`}
	}
	return []string{fmt.Sprintf("%q", f.String())}
}

// columnName is the spreadsheet name of a 0-based column: A, B, …, AA.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
