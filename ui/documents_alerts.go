package ui

import (
	"fyne.io/fyne/v2"

	"github.com/groupdesk/groupdesk/model"
)

// The signed arbitration agreement every group must have on file: Home,
// the book of business and the calendar warn of a group without it; the
// warning opens the group's Documents.
func init() {
	registerAlerts(alertProvider{name: "arbitration agreement", kinds: []model.AlertKind{model.AlertArbitrationMissing},
		find: findArbitrationAlerts, open: func(s *Shell, _ model.Alert) { s.ShowScreen("Documents") }})
}

func findArbitrationAlerts(sc alertScope) ([]model.Alert, error) {
	st := sc.shell.vaultStore()
	if st == nil {
		return nil, nil
	}
	var groups []model.GroupSummary
	kinds := map[string]map[model.DocumentKind]bool{}
	for _, g := range sc.groups {
		if !sc.shell.mayViewDocuments(g.ID) {
			continue
		}
		docs, err := st.Documents(sc.ctx, model.DocumentQuery{GroupID: g.ID, Kind: model.DocArbitration})
		if err != nil {
			return nil, err
		}
		groups = append(groups, g)
		kinds[g.ID] = map[model.DocumentKind]bool{model.DocArbitration: len(docs) > 0}
	}
	return model.ArbitrationAlerts(groups, kinds), nil
}

// dropTarget is a screen that takes files dropped onto the window.
type dropTarget interface {
	dropped(uris []fyne.URI)
}

// dropped hands files dropped onto the window to the screen in front, or
// says where to drop them.
func (s *Shell) dropped(_ fyne.Position, uris []fyne.URI) {
	if t, ok := s.front.(dropTarget); ok {
		t.dropped(uris)
		return
	}
	s.setStatus("To keep files in the vault, open Documents and drop them there.")
}
