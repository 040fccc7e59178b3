package server

import (
	"strings"
	"time"

	"net/http"

	"github.com/groupdesk/groupdesk/model"
)

// AccessList is the answer of GET /v1/groups/{group}/access.
type AccessList struct {
	Grants []model.Grant `json:"grants"`
}

func (s *Server) access(w http.ResponseWriter, r *http.Request, c *call) error {
	grants, err := s.DB.GroupGrants(r.Context(), c.groupID)
	if err != nil {
		return err
	}
	if grants == nil {
		grants = []model.Grant{}
	}
	return writeJSON(w, http.StatusOK, AccessList{Grants: grants})
}

// RoleChange is the body of PUT /v1/groups/{group}/grants/{grant}.
type RoleChange struct {
	Role model.Role `json:"role"`
}

func (s *Server) changeRole(w http.ResponseWriter, r *http.Request, c *call) error {
	var body RoleChange
	if err := readJSON(w, r, &body); err != nil {
		return err
	}
	g, err := s.DB.ChangeRole(r.Context(), c.groupID, r.PathValue("grant"), body.Role)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, g)
}

func (s *Server) revoke(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := s.DB.RevokeGrant(r.Context(), c.groupID, r.PathValue("grant")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// BrokerGrant is the body of POST /v1/groups/{group}/brokers.
type BrokerGrant struct {
	Email string `json:"email"`
}

func (s *Server) grantBroker(w http.ResponseWriter, r *http.Request, c *call) error {
	var body BrokerGrant
	if err := readJSON(w, r, &body); err != nil {
		return err
	}
	g, err := s.DB.GrantBroker(r.Context(), c.groupID, body.Email)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, g)
}

// Invitation is the body of POST /v1/groups/{group}/invitations: the PGA
// invites a Secondary User with a role. The access code goes to the email.
type Invitation struct {
	Email string     `json:"email"`
	Name  string     `json:"name"`
	Role  model.Role `json:"role"`
}

// InvitationSent is the answer: the code itself travels only by mail.
type InvitationSent struct {
	ID        string     `json:"id"`
	Email     string     `json:"email"`
	Role      model.Role `json:"role"`
	ExpiresAt time.Time  `json:"expires_at"`
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request, c *call) error {
	var body Invitation
	if err := readJSON(w, r, &body); err != nil {
		return err
	}
	switch body.Role {
	case model.RoleFull, model.RoleMembership, model.RoleBilling, model.RoleReadOnly:
	default:
		return model.FieldError("role", "a Secondary User's role is full, membership, billing or readonly, not %q", body.Role)
	}
	return s.issue(w, r, &model.AccessCode{Purpose: model.CodeInvite, GroupID: c.groupID, Role: body.Role,
		Email: body.Email, Name: body.Name, CreatedBy: c.user.ID})
}

// StaffInvitation is the body of POST /v1/groups/{group}/staff-invitations:
// a broker delegates a group to a colleague of their own firm.
type StaffInvitation struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func (s *Server) inviteStaff(w http.ResponseWriter, r *http.Request, c *call) error {
	if c.user.Kind != model.UserBroker {
		return model.Errorf(model.EFORBIDDEN, "Only a broker of this group delegates it to staff of their firm.")
	}
	var body StaffInvitation
	if err := readJSON(w, r, &body); err != nil {
		return err
	}
	return s.issue(w, r, &model.AccessCode{Purpose: model.CodeInvite, GroupID: c.groupID, Role: model.RoleBroker,
		Email: body.Email, Name: body.Name, Firm: c.user.Firm, CreatedBy: c.user.ID})
}

func (s *Server) issue(w http.ResponseWriter, r *http.Request, code *model.AccessCode) error {
	if s.Inviter == nil {
		return model.Errorf(model.EINTERNAL, "this service cannot send invitations")
	}
	if !strings.Contains(code.Email, "@") || strings.TrimSpace(code.Name) == "" {
		return model.Errorf(model.EINVALID, "An invitation needs the person's name and email address.")
	}
	if err := s.Inviter.IssueAccessCode(r.Context(), code); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, InvitationSent{ID: code.ID, Email: code.Email, Role: code.Role, ExpiresAt: code.ExpiresAt})
}
