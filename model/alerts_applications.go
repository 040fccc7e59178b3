package model

// ApplicationAlerts returns an alert for each enrollment application the
// carrier sent back for more information; it goes once the applicant
// resubmits. The requested effective date is the day to act by.
func ApplicationAlerts(apps []Application, today Date) []Alert {
	var out []Alert
	for _, a := range apps {
		if a.Status != AppNeedsInfo {
			continue
		}
		text := "Enrollment application needs information"
		if note := a.LastNote(); note != "" {
			text += ": " + note
		}
		al := Alert{Kind: AlertApplicationNeeds, Group: a.Company.LegalName, Subject: a.Company.LegalName,
			SubjectID: a.ID, Due: a.Effective, Severity: SeverityWarning, Text: text}
		if !a.Effective.IsZero() {
			al.Severity = max(SeverityWarning, SeverityBy(today, a.Effective))
		}
		out = append(out, al)
	}
	return out
}
