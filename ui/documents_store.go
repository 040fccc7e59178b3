package ui

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// vaultStore is what the Contracts and Documents screens need besides the
// shell's Store: the contract versions, the document vault with its size
// limit, and the records a document can be linked to. The SQLite store
// has them all.
type vaultStore interface {
	model.ContractService
	model.DocumentService
	SetDocumentLimit(ctx context.Context, limit int64) error
	LinkCandidates(ctx context.Context, groupID string, kind model.LinkKind, search string, limit int) ([]model.DocumentLink, error)
}

// vaultStore returns the store as a vaultStore, or nil.
func (s *Shell) vaultStore() vaultStore {
	v, _ := s.deps.Store.(vaultStore)
	return v
}

// mayViewDocuments reports whether the acting user may see the group's
// contracts and documents.
func (s *Shell) mayViewDocuments(groupID string) bool {
	return groupID != "" && s.vaultStore() != nil && model.PrincipalFrom(s.deps.Ctx).Can(groupID, model.PermDocumentsView)
}

// mayEditDocuments reports whether the acting user may add, replace, link
// and delete the group's documents.
func (s *Shell) mayEditDocuments(groupID string) bool {
	return s.mayViewDocuments(groupID) && model.PrincipalFrom(s.deps.Ctx).Can(groupID, model.PermDocumentsEdit)
}

// vaultBeforeGroups allows the vault's screens before a group is chosen
// (opening the app on one) to a user who may see some group's documents.
func (s *Shell) vaultBeforeGroups() bool {
	p := model.PrincipalFrom(s.deps.Ctx)
	if s.group.ID != "" || p == nil || s.vaultStore() == nil {
		return false
	}
	for g := range p.Grants {
		if p.Can(g, model.PermDocumentsView) {
			return true
		}
	}
	return p.Owner || p.System
}
