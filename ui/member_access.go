package ui

import (
	"errors"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/roster"
)

// memberEditor is what the member maintenance dialogs need from the store.
type memberEditor interface {
	model.MaintenanceService
	model.RulesService
}

// importer is what the import and export screens need from the store.
type importer interface {
	model.ImportService
	roster.Store
}

// editor returns the store as a member editor, or nil when it cannot
// change members (a read-only store).
func (s *Shell) editor() memberEditor {
	e, _ := s.deps.Store.(memberEditor)
	return e
}

func (s *Shell) importer() importer {
	i, _ := s.deps.Store.(importer)
	return i
}

// canEdit reports whether the signed-in person may change the group's
// members; the actions that would are hidden otherwise (the store refuses
// them anyway).
func (s *Shell) canEdit(groupID string) bool {
	return groupID != "" && s.editor() != nil && model.PrincipalFrom(s.deps.Ctx).Can(groupID, model.PermMembersEdit)
}

// problemText lists an error's problems, one a line, for a form.
func problemText(err error) string {
	if err == nil {
		return ""
	}
	var e *model.Error
	if !errors.As(err, &e) {
		return model.ErrorMessage(err)
	}
	if len(e.Details) == 0 {
		return capitalize(e.Message)
	}
	lines := make([]string, len(e.Details))
	for i, d := range e.Details {
		lines[i] = "• " + capitalize(d.Message)
	}
	return strings.Join(lines, "\n")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
