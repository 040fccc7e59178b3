// Package server is the HTTP side of the account service (accountd): the
// sync API under /v1 — who am I, the change feed, operation batches, access
// management — with every request's permission decided here, on the server.
// It stores through model/sqlite and speaks the wire types of sync/api.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// Authenticator identifies the user behind a request's bearer token.
type Authenticator interface {
	Authenticate(r *http.Request) (*model.User, error)
}

// Server serves the sync API.
type Server struct {
	DB     *sqlite.DB
	Auth   Authenticator
	Now    func() time.Time
	Logger *slog.Logger
	// Fallback serves every path the API does not (the authorization
	// server's pages and endpoints).
	Fallback http.Handler
	// Inviter issues and mails access codes.
	Inviter Inviter

	opsMu sync.Mutex // see ops
}

// Inviter issues single-use access codes and mails them.
type Inviter interface {
	IssueAccessCode(ctx context.Context, c *model.AccessCode) error
}

// scope says what a route needs from its caller.
type scope int

const (
	scopePublic scope = iota // anyone
	scopeSelf                // any signed-in user; the handler filters by their grants
	scopeGroup               // a signed-in user holding Perm in the {group} of the path
)

// route is one endpoint of the API.
type route struct {
	Method  string
	Pattern string
	Scope   scope
	Perm    model.Permission
	// Only, when set, is the one role allowed (on top of Perm).
	Only   model.Role
	handle func(s *Server, w http.ResponseWriter, r *http.Request, c *call) error
}

// call is what a handler knows about its request.
type call struct {
	user    *model.User
	who     *model.Principal
	groupID string
}

// routes is the whole API. Every group route names the permission it needs;
// the role-by-endpoint test walks this table.
func routes() []route {
	return []route{
		{"GET", "/v1/openapi.json", scopePublic, "", "", (*Server).openAPI},
		{"GET", "/v1/me", scopeSelf, "", "", (*Server).me},
		{"GET", "/v1/changes", scopeSelf, "", "", (*Server).changes},
		{"POST", "/v1/ops", scopeSelf, "", "", (*Server).ops},
		{"GET", "/v1/groups/{group}/access", scopeGroup, model.PermAccessManage, "", (*Server).access},
		{"PUT", "/v1/groups/{group}/grants/{grant}", scopeGroup, model.PermAccessManage, "", (*Server).changeRole},
		{"DELETE", "/v1/groups/{group}/grants/{grant}", scopeGroup, model.PermAccessManage, "", (*Server).revoke},
		{"POST", "/v1/groups/{group}/brokers", scopeGroup, model.PermAccessManage, "", (*Server).grantBroker},
		{"POST", "/v1/groups/{group}/invitations", scopeGroup, model.PermAccessManage, "", (*Server).invite},
		{"POST", "/v1/groups/{group}/staff-invitations", scopeGroup, model.PermQuotes, model.RoleBroker, (*Server).inviteStaff},
		{"GET", "/v1/groups/{group}/invoices", scopeGroup, model.PermBillingView, "", (*Server).invoices},
		{"GET", "/v1/groups/{group}/invoices/{invoice}", scopeGroup, model.PermBillingView, "", (*Server).invoice},
		{"GET", "/v1/groups/{group}/payments", scopeGroup, model.PermBillingView, "", (*Server).payments},
		{"GET", "/v1/groups/{group}/documents", scopeGroup, model.PermDocumentsView, "", (*Server).documents},
		{"GET", "/v1/groups/{group}/files/{sha256}", scopeGroup, model.PermDocumentsView, "", (*Server).download},
		{"GET", "/v1/groups/{group}/uploads/{sha256}", scopeGroup, model.PermDocumentsEdit, "", (*Server).uploadStatus},
		{"PUT", "/v1/groups/{group}/uploads/{sha256}", scopeGroup, model.PermDocumentsEdit, "", (*Server).upload},
	}
}

// Handler returns the API with its authentication and permission checks.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, http.StatusNotFound, model.Errorf(model.ENOTFOUND, "There is no %s %s in this API.", r.Method, r.URL.Path))
	})
	if s.Fallback != nil {
		mux.Handle("/", s.Fallback)
	}
	return mux
}

func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{}
		if rt.Scope != scopePublic {
			if !s.authenticate(w, r, c) {
				return
			}
		}
		ctx := r.Context()
		if c.who != nil {
			ctx = model.WithPrincipal(ctx, c.who)
		}
		if rt.Scope == scopeGroup {
			c.groupID = r.PathValue("group")
			if err := c.who.Check(c.groupID, rt.Perm); err != nil {
				s.problem(w, r, http.StatusForbidden, err)
				return
			}
			if rt.Only != "" && c.who.Grants[c.groupID] != rt.Only {
				s.problem(w, r, http.StatusForbidden, model.Errorf(model.EFORBIDDEN, "Only the %s of this group may do this.", rt.Only.Label()))
				return
			}
		}
		if err := rt.handle(s, w, r.WithContext(ctx), c); err != nil {
			s.fail(w, r, err)
		}
	})
}

// authenticate finds the caller and their grants; it answers 401 itself.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, c *call) bool {
	if s.Auth == nil {
		s.problem(w, r, http.StatusUnauthorized, model.Errorf(model.EUNAUTH, "Sign in to use the API."))
		return false
	}
	u, err := s.Auth.Authenticate(r)
	if err != nil || u == nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="groupdesk"`)
		s.problem(w, r, http.StatusUnauthorized, model.Errorf(model.EUNAUTH, "Sign in again: the access token is missing, expired or revoked."))
		return false
	}
	who, err := s.DB.Principal(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	c.user, c.who = u, who
	return true
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request, _ *call) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(api.OpenAPI)
	return err
}
