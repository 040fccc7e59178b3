package ui

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// renewalStore is what the Renewals screen needs besides the shell's
// Store: the renewals with their scenarios, the checks of an answer, and
// the roster as it will be after the answer's member changes. The SQLite
// store has them all.
type renewalStore interface {
	model.RenewalService
	CheckRenewal(ctx context.Context, r *model.Renewal, sub model.RenewalSubmission) ([]model.Check, error)
	RenewalRoster(ctx context.Context, r *model.Renewal, changes []model.RenewalChange) ([][]model.Member, map[int]error, error)
}

// renewalsStore returns the store as a renewalStore, or nil.
func (s *Shell) renewalsStore() renewalStore {
	r, _ := s.deps.Store.(renewalStore)
	return r
}

// mayRenew reports whether the acting user may see the group's renewal;
// with no group chosen yet, whether they may see renewals in some group.
func (s *Shell) mayRenew(groupID string) bool {
	p := model.PrincipalFrom(s.deps.Ctx)
	if s.renewalsStore() == nil || p == nil {
		return false
	}
	if groupID != "" || p.Owner || p.System {
		return p.Can(groupID, model.PermRenewalsView)
	}
	for _, role := range p.Grants {
		if role.Allows(model.PermRenewalsView) {
			return true
		}
	}
	return false
}

// mayAnswer reports whether the acting user may answer the group's renewal.
func (s *Shell) mayAnswer(groupID string) bool {
	return s.mayRenew(groupID) && model.PrincipalFrom(s.deps.Ctx).Can(groupID, model.PermRenewalsSubmit)
}
