package ui

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// Invitations whose access code expires unused within two days: Home, the
// book of business and the calendar say so to those who manage the
// group's access; the alert opens the Access screen, where the person can
// be invited again.
func init() {
	registerAlerts(alertProvider{name: "invitations", kinds: []model.AlertKind{model.AlertAccessCodeExpiring},
		find: findInvitationAlerts, open: func(s *Shell, _ model.Alert) { s.ShowScreen(s.access.title()) }})
}

// invitationLister is the store's part that lists pending invitations.
type invitationLister interface {
	PendingInvitations(ctx context.Context, groupIDs []string) ([]model.AccessCode, error)
}

func findInvitationAlerts(sc alertScope) ([]model.Alert, error) {
	st, ok := sc.shell.deps.Store.(invitationLister)
	if !ok {
		return nil, nil
	}
	ids := make([]string, 0, len(sc.groups))
	for _, g := range sc.groups {
		ids = append(ids, g.ID)
	}
	codes, err := st.PendingInvitations(sc.ctx, ids)
	if err != nil {
		return nil, err
	}
	return model.AccessCodeAlerts(codes, sc.shell.deps.Now(), sc.names()), nil
}
