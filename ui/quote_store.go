package ui

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// quoteStore is what the Quote and Applications screens need besides the
// shell's Store: the whole plan catalog, saved scenarios, a group's roster
// and the applications. The SQLite store has them all.
type quoteStore interface {
	Catalog(ctx context.Context) (*model.Catalog, error)
	ImportRoster(ctx context.Context, groupID string) ([]model.Member, error)
	model.ScenarioService
	model.ApplicationService
}

// quotes returns the store as a quoteStore, or nil when it is not one.
func (s *Shell) quotes() quoteStore {
	q, _ := s.deps.Store.(quoteStore)
	return q
}

// mayQuote reports whether the acting user may quote and apply: the local
// owner, or whoever holds the quotes permission in some group.
func (s *Shell) mayQuote() bool {
	return s.quotes() != nil && model.MayApply(model.PrincipalFrom(s.deps.Ctx))
}
