package model_test

import (
	"context"
	"errors"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestPrincipalCan(t *testing.T) {
	clerk := &model.Principal{UserID: "u1", Grants: map[string]model.Role{
		"A": model.RoleReadOnly, "B": model.RoleMembership, "C": model.RoleBilling, "D": model.RolePGA, "E": model.RoleBroker,
	}}
	tests := []struct {
		name  string
		who   *model.Principal
		group string
		perm  model.Permission
		want  bool
	}{
		{"nobody may do anything", nil, "A", model.PermMembersView, false},
		{"the local owner may do everything", model.LocalOwner, "Z", model.PermAccessManage, true},
		{"the service itself may do everything", &model.Principal{System: true}, "Z", model.PermBillingPay, true},
		{"read-only may view members", clerk, "A", model.PermMembersView, true},
		{"read-only may view billing", clerk, "A", model.PermBillingView, true},
		{"read-only may not edit members", clerk, "A", model.PermMembersEdit, false},
		{"read-only may not pay", clerk, "A", model.PermBillingPay, false},
		{"membership may edit members", clerk, "B", model.PermMembersEdit, true},
		{"membership may not see billing", clerk, "B", model.PermBillingView, false},
		{"billing may pay", clerk, "C", model.PermBillingPay, true},
		{"billing may view members", clerk, "C", model.PermMembersView, true},
		{"billing may not edit members", clerk, "C", model.PermMembersEdit, false},
		{"the PGA may manage access", clerk, "D", model.PermAccessManage, true},
		{"a broker may submit renewals", clerk, "E", model.PermRenewalsSubmit, true},
		{"a broker may not manage access", clerk, "E", model.PermAccessManage, false},
		{"a broker may not pay", clerk, "E", model.PermBillingPay, false},
		{"a grant in one group gives nothing in another", clerk, "Z", model.PermMembersView, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.who.Can(tt.group, tt.perm); got != tt.want {
				t.Errorf("Can(%s, %s) = %v, want %v", tt.group, tt.perm, got, tt.want)
			}
			err := tt.who.Check(tt.group, tt.perm)
			if tt.want && err != nil {
				t.Errorf("Check: %v", err)
			}
			if !tt.want && model.ErrorCode(err) != model.EFORBIDDEN {
				t.Errorf("Check = %v, want EFORBIDDEN", err)
			}
		})
	}
}

func TestRoleGrid(t *testing.T) {
	t.Run("the PGA holds every permission", func(t *testing.T) {
		for _, p := range model.AllPermissions {
			if !model.RolePGA.Allows(p) {
				t.Errorf("the PGA lacks %s", p)
			}
		}
	})
	t.Run("only the PGA manages access", func(t *testing.T) {
		for _, r := range model.Roles {
			if r != model.RolePGA && r.Allows(model.PermAccessManage) {
				t.Errorf("%s may manage access", r)
			}
		}
	})
	t.Run("every role may view members and has a label", func(t *testing.T) {
		for _, r := range model.Roles {
			if !r.Allows(model.PermMembersView) || r.Label() == string(r) {
				t.Errorf("role %s", r)
			}
		}
	})
	t.Run("an unknown role allows nothing", func(t *testing.T) {
		if model.Role("root").Allows(model.PermMembersView) {
			t.Error("an unknown role allowed viewing")
		}
	})
}

func TestPrincipalInContext(t *testing.T) {
	if model.PrincipalFrom(context.Background()) != nil {
		t.Error("a bare context carries no principal")
	}
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	if model.PrincipalFrom(ctx) != model.LocalOwner {
		t.Error("the principal was lost")
	}
}

func TestErrors(t *testing.T) {
	wrapped := errors.Join(errors.New("context"), model.Errorf(model.ENOTFOUND, "There is no member %s.", "m1"))
	tests := []struct {
		name      string
		err       error
		code, msg string
	}{
		{"no error has no code", nil, "", ""},
		{"a plain error is internal and hides its text", errors.New("disk I/O error"), model.EINTERNAL,
			"Something went wrong inside GroupDesk. The details are in the log."},
		{"a wrapped model error keeps its code and message", wrapped, model.ENOTFOUND, "There is no member m1."},
		{"a field error names the field", model.FieldError("zip", "bad"), model.EINVALID, "zip: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.ErrorCode(tt.err); got != tt.code {
				t.Errorf("ErrorCode = %q, want %q", got, tt.code)
			}
			if got := model.ErrorMessage(tt.err); got != tt.msg {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.msg)
			}
		})
	}
	t.Run("several problems are summarised with a count", func(t *testing.T) {
		var p model.Problems
		if p.Err() != nil {
			t.Fatal("no problems must be no error")
		}
		p.Add("a", "first")
		p.Add("b", "second")
		p.Add("c", "third")
		if got := model.ErrorMessage(p.Err()); got != "a: first (and 2 more problems)" {
			t.Errorf("message %q", got)
		}
	})
}
