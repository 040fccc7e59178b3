package model

// AlertArbitrationMissing warns that a group has no signed arbitration
// agreement on file.
const AlertArbitrationMissing AlertKind = "arbitration_agreement_missing"

// ArbitrationAlerts returns a warning for each group without an
// arbitration agreement in its vault. kinds holds, by group ID, the kinds
// of document the group has on file.
func ArbitrationAlerts(groups []GroupSummary, kinds map[string]map[DocumentKind]bool) []Alert {
	var out []Alert
	for _, g := range groups {
		if kinds[g.ID][DocArbitration] {
			continue
		}
		out = append(out, Alert{Kind: AlertArbitrationMissing, GroupID: g.ID, Group: g.Name, Subject: "Arbitration agreement",
			SubjectID: g.ID, Severity: SeverityWarning,
			Text: "No signed arbitration agreement on file: add the signed copy to Documents"})
	}
	return out
}
