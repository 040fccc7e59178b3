package server

import (
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// catalogEntities are the kinds of entity of the plan catalog, which every
// signed-in user reads: plans, their rating areas and custom age curves.
func catalogEntities() map[string]bool {
	return map[string]bool{model.EntityPlan: true, model.EntityArea: true, model.EntityCurve: true}
}

// addApplicantScope lets a user read their own enrollment applications,
// which travel in a scope of their own: the carrier's decisions reach the
// desktop that applied, and no one else.
func addApplicantScope(out map[string]sqlite.FeedScope, who *model.Principal) {
	scope := model.ApplicantScope(who.UserID)
	out[scope] = sqlite.FeedScope{GroupID: scope, Entities: map[string]bool{model.EntityApplication: true}}
}
