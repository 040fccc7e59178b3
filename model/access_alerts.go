package model

import (
	"fmt"
	"time"
)

// AlertAccessCodeExpiring warns that an invitation's access code will
// expire before anyone registered with it.
const AlertAccessCodeExpiring AlertKind = "access_code_expiring"

// EntityAccessCode names invitations' access codes in the change feed
// (what a code is for, to whom and until when; never the code itself).
const EntityAccessCode = "access_code"

// AccessCodeWarning is how long before an unused invitation's code
// expires that it shows among the things that need attention.
const AccessCodeWarning = 48 * time.Hour

// AccessCodeAlerts returns an alert for each invitation whose access code
// expires within AccessCodeWarning of now without having been used; it
// goes once the code is used or has expired (a new invitation is then
// the way in). The codes of an officer's PGA designation are the officer's
// business and are left out.
func AccessCodeAlerts(codes []AccessCode, now time.Time, groups map[string]string) []Alert {
	var out []Alert
	for _, c := range codes {
		if c.Purpose != CodeInvite || !c.UsedAt.IsZero() || !c.ExpiresAt.After(now) || c.ExpiresAt.Sub(now) > AccessCodeWarning {
			continue
		}
		sev := SeverityWarning
		if c.ExpiresAt.Sub(now) <= 24*time.Hour {
			sev = SeverityUrgent
		}
		out = append(out, Alert{Kind: AlertAccessCodeExpiring, GroupID: c.GroupID, Group: groups[c.GroupID], Subject: c.Name,
			SubjectID: c.ID, Due: DateOf(c.ExpiresAt), Severity: sev,
			Text: fmt.Sprintf("%s's invitation (%s) expires unused at %s UTC; invite them again if they still need access",
				c.Name, c.Role.Label(), c.ExpiresAt.UTC().Format("01/02/2006 3:04 PM"))})
	}
	return out
}
