package server

import (
	"net/http"
	"sort"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

func (s *Server) me(w http.ResponseWriter, r *http.Request, c *call) error {
	grants, err := s.DB.UserGrants(r.Context(), c.user.ID)
	if err != nil {
		return err
	}
	me := api.Me{User: *c.user, Groups: []api.GroupAccess{}}
	sys := model.WithPrincipal(r.Context(), &model.Principal{System: true})
	for _, g := range grants {
		grp, err := s.DB.Group(sys, g.GroupID)
		if err != nil {
			return err
		}
		perms := append([]model.Permission(nil), model.RolePermissions[g.Role]...)
		me.Groups = append(me.Groups, api.GroupAccess{GroupID: g.GroupID, GroupNumber: grp.Number, GroupName: grp.Name, Role: g.Role, Permissions: perms})
	}
	sort.Slice(me.Groups, func(i, j int) bool { return me.Groups[i].GroupName < me.Groups[j].GroupName })
	return writeJSON(w, http.StatusOK, me)
}
