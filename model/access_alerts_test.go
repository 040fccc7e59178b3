package model_test

import (
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

func TestAnInvitationExpiringUnusedIsAnAlertUntilUsedOrExpired(t *testing.T) {
	expires := time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC)
	code := model.AccessCode{ID: "c1", Purpose: model.CodeInvite, GroupID: "g1", Role: model.RoleBilling, Name: "Zoë Łukasiewicz",
		ExpiresAt: expires}
	names := map[string]string{"g1": "Acme Tools"}
	for _, tc := range []struct {
		name   string
		now    time.Time
		change func(c *model.AccessCode)
		want   int
		sev    model.Severity
	}{
		{"three days before", expires.Add(-72 * time.Hour), nil, 0, 0},
		{"just over two days before", expires.Add(-48*time.Hour - time.Minute), nil, 0, 0},
		{"two days before", expires.Add(-48 * time.Hour), nil, 1, model.SeverityWarning},
		{"a day before", expires.Add(-24 * time.Hour), nil, 1, model.SeverityUrgent},
		{"an hour before", expires.Add(-time.Hour), nil, 1, model.SeverityUrgent},
		{"expired", expires, nil, 0, 0},
		{"used", expires.Add(-time.Hour), func(c *model.AccessCode) { c.UsedAt = expires.Add(-2 * time.Hour) }, 0, 0},
		{"an officer's PGA code", expires.Add(-time.Hour), func(c *model.AccessCode) { c.Purpose = model.CodePGA }, 0, 0},
	} {
		c := code
		if tc.change != nil {
			tc.change(&c)
		}
		as := model.AccessCodeAlerts([]model.AccessCode{c}, tc.now, names)
		if len(as) != tc.want {
			t.Errorf("%s: %d alerts, want %d", tc.name, len(as), tc.want)
			continue
		}
		if tc.want == 1 {
			a := as[0]
			if a.Severity != tc.sev || a.Due != model.MustDate("2026-03-09") || a.Group != "Acme Tools" || a.SubjectID != "c1" ||
				a.Text != "Zoë Łukasiewicz's invitation (Billing) expires unused at 03/09/2026 2:00 PM UTC; invite them again if they still need access" {
				t.Errorf("%s: %+v", tc.name, a)
			}
		}
	}
}
