package model

import (
	"context"
	"time"
)

// Permission is one thing a user may do in a group.
type Permission string

const (
	PermMembersView    Permission = "members.view"
	PermMembersEdit    Permission = "members.edit"
	PermBillingView    Permission = "billing.view"
	PermBillingPay     Permission = "billing.pay"
	PermDocumentsView  Permission = "documents.view"
	PermDocumentsEdit  Permission = "documents.edit"
	PermRenewalsView   Permission = "renewals.view"
	PermRenewalsSubmit Permission = "renewals.submit"
	PermQuotes         Permission = "quotes"
	PermAccessManage   Permission = "access.manage"
)

// AllPermissions lists every permission.
var AllPermissions = []Permission{
	PermMembersView, PermMembersEdit, PermBillingView, PermBillingPay,
	PermDocumentsView, PermDocumentsEdit, PermRenewalsView, PermRenewalsSubmit,
	PermQuotes, PermAccessManage,
}

// Role bundles permissions. The Primary Group Administrator (PGA) holds them
// all and delegates the others to Secondary Users.
type Role string

const (
	RolePGA        Role = "pga"
	RoleFull       Role = "full" // everything except managing access
	RoleMembership Role = "membership"
	RoleBilling    Role = "billing"
	RoleReadOnly   Role = "readonly"
	RoleBroker     Role = "broker"
)

// Roles lists the roles in the order the role grid shows them.
var Roles = []Role{RolePGA, RoleFull, RoleMembership, RoleBilling, RoleReadOnly, RoleBroker}

// RolePermissions is the role grid.
var RolePermissions = map[Role][]Permission{
	RolePGA: AllPermissions,
	RoleFull: {PermMembersView, PermMembersEdit, PermBillingView, PermBillingPay,
		PermDocumentsView, PermDocumentsEdit, PermRenewalsView, PermRenewalsSubmit, PermQuotes},
	RoleMembership: {PermMembersView, PermMembersEdit},
	RoleBilling:    {PermBillingView, PermBillingPay, PermMembersView},
	RoleReadOnly:   {PermMembersView, PermBillingView, PermDocumentsView, PermRenewalsView},
	RoleBroker: {PermMembersView, PermMembersEdit, PermBillingView, PermDocumentsView,
		PermDocumentsEdit, PermRenewalsView, PermRenewalsSubmit, PermQuotes},
}

// Label is the role for people.
func (r Role) Label() string {
	switch r {
	case RolePGA:
		return "Primary Group Administrator"
	case RoleFull:
		return "Full access except access management"
	case RoleMembership:
		return "Membership"
	case RoleBilling:
		return "Billing"
	case RoleReadOnly:
		return "Read-only"
	case RoleBroker:
		return "Broker"
	}
	return string(r)
}

// Allows reports whether the role includes the permission.
func (r Role) Allows(p Permission) bool {
	for _, q := range RolePermissions[r] {
		if q == p {
			return true
		}
	}
	return false
}

// UserKind says whether a user works for an employer or a brokerage.
type UserKind string

const (
	UserEmployer UserKind = "employer"
	UserBroker   UserKind = "broker"
	UserCarrier  UserKind = "carrier" // the carrier's own staff (administrators of the service)
)

// User is a person who signs in.
type User struct {
	ID      string   `json:"id"`
	Email   string   `json:"email"`
	Name    string   `json:"name"`
	Kind    UserKind `json:"kind"`
	Firm    string   `json:"firm,omitempty"` // the brokerage of a broker
	Version int64    `json:"version"`
}

// Grant gives a user a role in a group.
type Grant struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	GroupID   string    `json:"group_id"`
	Role      Role      `json:"role"`
	GrantedBy string    `json:"granted_by"`
	GrantedAt time.Time `json:"granted_at"`
	Version   int64     `json:"version"`
	// The user's name, email and kind travel with the grant, so that a
	// desktop learns who has access to a group without seeing every user.
	UserEmail string   `json:"user_email,omitempty"`
	UserName  string   `json:"user_name,omitempty"`
	UserKind  UserKind `json:"user_kind,omitempty"`
}

// Principal is who is acting: the signed-in user with their grants, or the
// owner of a local database that has never been connected to a service.
type Principal struct {
	UserID string
	Name   string
	// Owner may do everything in every group: the person who created a
	// local database and has not signed in to an account service.
	Owner  bool
	Grants map[string]Role // group ID → role
	// System is the account service itself applying its own changes.
	System bool
}

// Can reports whether the principal holds the permission in the group.
func (p *Principal) Can(groupID string, perm Permission) bool {
	if p == nil {
		return false
	}
	if p.Owner || p.System {
		return true
	}
	role, ok := p.Grants[groupID]
	return ok && role.Allows(perm)
}

// Check returns an EFORBIDDEN error when the principal lacks the permission.
func (p *Principal) Check(groupID string, perm Permission) error {
	if p.Can(groupID, perm) {
		return nil
	}
	return Errorf(EFORBIDDEN, "You do not have the %s permission for this group.", perm)
}

// LocalOwner is the principal of an unconnected local database.
var LocalOwner = &Principal{UserID: "local", Name: "Local user", Owner: true}

type principalKey struct{}

// WithPrincipal returns a context carrying the acting principal.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal in the context, or nil.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
