package ui

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// alertScope is what the alert providers look at: one group for Home, every
// group the user sees for the book of business and the calendar.
type alertScope struct {
	ctx    context.Context
	shell  *Shell
	today  model.Date
	groups []model.GroupSummary
}

// names maps the groups in scope by ID.
func (sc alertScope) names() map[string]string {
	out := make(map[string]string, len(sc.groups))
	for _, g := range sc.groups {
		out[g.ID] = g.Name
	}
	return out
}

// alertProvider finds one family of alerts and knows the screen that acts
// on them. A capability adds its alerts (invoices due, access codes about
// to expire, a missing arbitration agreement…) with one registerAlerts
// call in an init function of its own file.
type alertProvider struct {
	name  string
	kinds []model.AlertKind
	find  func(sc alertScope) ([]model.Alert, error)
	// open brings forward what acts on the alert; the alert's group is
	// already selected.
	open func(s *Shell, a model.Alert)
}

var alertProviders []alertProvider

// registerAlerts adds a provider to Home, the book of business and the
// deadline calendar.
func registerAlerts(p alertProvider) { alertProviders = append(alertProviders, p) }

func init() {
	registerAlerts(alertProvider{name: "renewals", kinds: []model.AlertKind{model.AlertRenewalOpens, model.AlertRenewalOpen},
		find: findRenewalAlerts, open: func(s *Shell, _ model.Alert) { s.ShowScreen("Renewals") }})
	registerAlerts(alertProvider{name: "member deadlines", kinds: []model.AlertKind{model.AlertAgingOut, model.AlertWindowClosing},
		find: findDeadlineAlerts, open: openMemberAlert})
	registerAlerts(alertProvider{name: "sync", kinds: []model.AlertKind{model.AlertSyncPending, model.AlertSyncConflict, model.AlertSyncRefused},
		find: findSyncAlerts, open: func(s *Shell, _ model.Alert) { s.ShowScreen("Sync") }})
	registerAlerts(alertProvider{name: "applications", kinds: []model.AlertKind{model.AlertApplicationNeeds},
		find: findApplicationAlerts, open: func(s *Shell, _ model.Alert) { s.ShowScreen("Applications") }})
}

// collectAlerts runs every provider, most urgent first. A provider that
// fails does not hide the others' alerts; its error is returned with them.
func collectAlerts(sc alertScope) ([]model.Alert, error) {
	var all []model.Alert
	var firstErr error
	for _, p := range alertProviders {
		as, err := p.find(sc)
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("reading the %s: %w", p.name, err)
		}
		all = append(all, as...)
	}
	model.SortAlerts(all)
	return all, firstErr
}

// openAlert selects the alert's group and brings forward what acts on it.
func (s *Shell) openAlert(a model.Alert) {
	if a.GroupID != "" && a.GroupID != s.group.ID {
		s.selectGroupByID(a.GroupID)
	}
	for _, p := range alertProviders {
		for _, k := range p.kinds {
			if k == a.Kind && p.open != nil {
				p.open(s, a)
				return
			}
		}
	}
}

// selectGroupByID selects a group the user sees.
func (s *Shell) selectGroupByID(id string) {
	groups, err := s.deps.Store.Groups(s.deps.Ctx, "")
	if err != nil {
		s.showError("Could not read the groups", err)
		return
	}
	for _, g := range groups {
		if g.ID == id {
			s.SelectGroup(g)
			return
		}
	}
}

func findRenewalAlerts(sc alertScope) ([]model.Alert, error) {
	var out []model.Alert
	for _, g := range sc.groups {
		out = append(out, model.RenewalAlerts(g.Group, sc.today, model.DefaultRenewalLeadDays)...)
	}
	return out, nil
}

func findDeadlineAlerts(sc alertScope) ([]model.Alert, error) {
	e := sc.shell.editor()
	if e == nil {
		return nil, nil
	}
	var out []model.Alert
	for _, g := range sc.groups {
		d, err := e.MemberDeadlines(sc.ctx, g.ID, model.DeadlineHorizon)
		if err != nil {
			return out, err
		}
		out = append(out, model.DeadlineAlerts(g.Group, d, sc.today)...)
	}
	return out, nil
}

func openMemberAlert(s *Shell, a model.Alert) {
	s.ShowScreen(s.members.title())
	s.members.showMember(a.SubjectID)
}

func findSyncAlerts(sc alertScope) ([]model.Alert, error) {
	st := sc.shell.deps.Store
	ops, err := st.Outbox(sc.ctx)
	if err != nil {
		return nil, err
	}
	held, err := st.Held(sc.ctx)
	if err != nil {
		return nil, err
	}
	return model.SyncAlerts(ops, held, sc.names(), describeOp), nil
}

// applicationLister is the part of the store that keeps enrollment
// applications.
type applicationLister interface {
	Applications(ctx context.Context) ([]model.Application, error)
}

func findApplicationAlerts(sc alertScope) ([]model.Alert, error) {
	st, ok := sc.shell.deps.Store.(applicationLister)
	if !ok || !model.MayApply(model.PrincipalFrom(sc.ctx)) {
		return nil, nil
	}
	apps, err := st.Applications(sc.ctx)
	if err != nil {
		return nil, err
	}
	return model.ApplicationAlerts(apps, sc.today), nil
}
