package server

import (
	"net/http"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// documents answers the group's vault without the files' content (the
// change feed carries the same to desktops).
func (s *Server) documents(w http.ResponseWriter, r *http.Request, c *call) error {
	docs, err := s.DB.Documents(r.Context(), model.DocumentQuery{GroupID: c.groupID, Search: r.URL.Query().Get("q")})
	if err != nil {
		return err
	}
	if docs == nil {
		docs = []model.Document{}
	}
	return writeJSON(w, http.StatusOK, api.DocumentList{Documents: docs})
}

// documentEntities are what documents.view reads in a group's feed.
var documentEntities = []string{model.EntityDocument, model.EntityContract}

// addDocumentEntities lets a role with documents.view read the group's
// documents and contract versions.
func addDocumentEntities(out map[string]bool, role model.Role) {
	if role.Allows(model.PermDocumentsView) {
		for _, e := range documentEntities {
			out[e] = true
		}
	}
}
