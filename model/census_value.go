package model

import "strings"

// CensusValue is a member's value of a census field as files carry it:
// dates ISO, tobacco yes/no, SSN 123-45-6789 (unmasked: callers mask).
func (m *Member) CensusValue(f CensusField) string {
	switch f {
	case FieldEmployeeID:
		return m.EmployeeID
	case FieldRelationship:
		return string(m.Relationship)
	case FieldFirstName:
		return m.FirstName
	case FieldMiddleName:
		return m.MiddleName
	case FieldLastName:
		return m.LastName
	case FieldDateOfBirth:
		return m.DateOfBirth.String()
	case FieldGender:
		return string(m.Gender)
	case FieldSSN:
		return FormatSSN(m.SSN)
	case FieldTobacco:
		return yesNo(m.Tobacco)
	case FieldEmail:
		return m.Email
	case FieldPhone:
		return m.Phone
	case FieldTier:
		return string(m.Tier)
	case FieldStatus:
		return string(m.Status)
	case FieldTermReason:
		return m.TermReason
	}
	return m.censusOther(f)
}

func (m *Member) censusOther(f CensusField) string {
	switch f {
	case FieldAddress:
		return m.Address.Line1
	case FieldAddress2:
		return m.Address.Line2
	case FieldCity:
		return m.Address.City
	case FieldState:
		return m.Address.State
	case FieldZIP:
		return m.Address.ZIP
	case FieldHireDate:
		return m.Employment.HireDate.String()
	case FieldPlan:
		return m.PlanID
	case FieldEffective:
		return m.Effective.String()
	case FieldTermination:
		return m.Termination.String()
	}
	return ""
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// copyCensusField copies field f of src onto dst.
func copyCensusField(dst, src *Member, f CensusField) {
	switch f {
	case FieldEmployeeID:
		dst.EmployeeID = src.EmployeeID
	case FieldRelationship:
		dst.Relationship = src.Relationship
	case FieldFirstName:
		dst.FirstName = src.FirstName
	case FieldMiddleName:
		dst.MiddleName = src.MiddleName
	case FieldLastName:
		dst.LastName = src.LastName
	case FieldDateOfBirth:
		dst.DateOfBirth = src.DateOfBirth
	case FieldGender:
		dst.Gender = src.Gender
	case FieldSSN:
		dst.SSN = src.SSN
	case FieldTobacco:
		dst.Tobacco = src.Tobacco
	case FieldEmail:
		dst.Email = src.Email
	case FieldPhone:
		dst.Phone = src.Phone
	default:
		copyCensusOther(dst, src, f)
	}
}

func copyCensusOther(dst, src *Member, f CensusField) {
	switch f {
	case FieldAddress:
		dst.Address.Line1 = src.Address.Line1
	case FieldAddress2:
		dst.Address.Line2 = src.Address.Line2
	case FieldCity:
		dst.Address.City = src.Address.City
	case FieldState:
		dst.Address.State = src.Address.State
	case FieldZIP:
		dst.Address.ZIP = src.Address.ZIP
	case FieldHireDate:
		dst.Employment.HireDate = src.Employment.HireDate
	case FieldEffective:
		dst.Effective = src.Effective
	case FieldStatus:
		dst.Status = src.Status
	case FieldTermination:
		dst.Termination = src.Termination
	case FieldTermReason:
		dst.TermReason = src.TermReason
	}
}

// censusDiff lists the census fields that differ between two members.
func censusDiff(before, after *Member) []FieldChange {
	var out []FieldChange
	for f := range censusFieldCount {
		b, a := before.CensusValue(f), after.CensusValue(f)
		if f == FieldSSN {
			b, a = MaskSSN(before.SSN), MaskSSN(after.SSN)
			if before.SSN != after.SSN && b == a {
				b, a = b+" (old)", a+" (new)"
			}
		}
		if b != a {
			out = append(out, FieldChange{Field: f.String(), Before: b, After: a})
		}
	}
	return out
}

// sameName compares names as people do: case and spacing aside.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
