package model

// QuotePeople turns the records of a census file into the people of a
// quote, in file order.
func QuotePeople(records []CensusRecord) []QuotePerson {
	out := make([]QuotePerson, len(records))
	for i := range records {
		r := &records[i]
		m := &r.Member
		out[i] = QuotePerson{Sheet: r.Sheet, Row: r.Row, EmployeeID: m.EmployeeID, Relationship: m.Relationship,
			FirstName: m.FirstName, LastName: m.LastName, DateOfBirth: m.DateOfBirth, Gender: m.Gender,
			ZIP: m.Address.ZIP, Tobacco: m.Tobacco, PlanID: r.Plan}
	}
	return out
}

// RosterPeople turns a group's covered members (each subscriber before
// their dependents) into the people of a quote.
func RosterPeople(members []Member, on Date) []QuotePerson {
	out := make([]QuotePerson, 0, len(members))
	for i := range members {
		m := &members[i]
		if !m.Termination.IsZero() && m.Termination.Before(on) {
			continue
		}
		out = append(out, QuotePerson{EmployeeID: m.EmployeeID, Relationship: m.Relationship, FirstName: m.FirstName,
			LastName: m.LastName, DateOfBirth: m.DateOfBirth, Gender: m.Gender, ZIP: m.Address.ZIP, Tobacco: m.Tobacco, PlanID: m.PlanID})
	}
	return out
}
