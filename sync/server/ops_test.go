package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// memberOf returns a subscriber of a group from the book.
func (f *fixture) memberOf(group string) model.Member {
	f.t.Helper()
	for _, m := range f.book.Members {
		if m.GroupID == group && m.IsSubscriber() && m.Status == model.StatusActive {
			return m
		}
	}
	f.t.Fatalf("no active subscriber in %s", group)
	return model.Member{}
}

func (f *fixture) push(user string, ops ...api.Op) (int, api.OpsResponse, []byte) {
	f.t.Helper()
	status, body := f.do(user, "POST", "/v1/ops", api.OpsRequest{Ops: ops})
	var resp api.OpsResponse
	if status == 200 {
		if err := json.Unmarshal(body, &resp); err != nil {
			f.t.Fatal(err)
		}
	}
	return status, resp, body
}

func updateOp(id string, m model.Member, base int64) api.Op {
	data, _ := json.Marshal(m)
	return api.Op{ID: id, Entity: model.EntityMember, EntityID: m.ID, GroupID: m.GroupID, Action: model.ActionUpdate, BaseVersion: base, Data: data}
}

func TestAnOperationIsAppliedOnceAndARetryGetsTheSameAnswer(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	m := f.memberOf(group)
	m.Phone = "510-555-0199"
	op := updateOp("op-0000000001", m, m.Version)
	_, first, body := f.push(pga.ID, op)
	if len(first.Results) != 1 || first.Results[0].Status != api.OpApplied || first.Results[0].Version != m.Version+1 {
		t.Fatalf("first push: %s", body)
	}
	_, again, _ := f.push(pga.ID, op)
	if a, b := again.Results[0], first.Results[0]; a.ID != b.ID || a.Status != b.Status || a.Version != b.Version {
		t.Fatalf("the retry got %+v, the first answer was %+v", again.Results[0], first.Results[0])
	}
	ctx := model.WithPrincipal(t.Context(), &model.Principal{System: true})
	got, err := f.db.Member(ctx, m.ID)
	if err != nil || got.Version != m.Version+1 || got.Phone != m.Phone {
		t.Fatalf("after two pushes the member is at version %d (phone %s), want %d", got.Version, got.Phone, m.Version+1)
	}
}

func TestAnOperationOnAnOldVersionIsAConflictWithTheServersCopy(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	m := f.memberOf(group)
	a, b := m, m
	a.Email, b.Email = "first@example.com", "second@example.com"
	f.push(pga.ID, updateOp("op-a-00000001", a, m.Version))
	_, resp, body := f.push(pga.ID, updateOp("op-b-00000001", b, m.Version))
	r := resp.Results[0]
	if r.Status != api.OpConflict {
		t.Fatalf("second edit on the same version: %s", body)
	}
	var server model.Member
	if err := json.Unmarshal(r.Current, &server); err != nil || server.Email != "first@example.com" {
		t.Fatalf("the conflict does not carry the server's copy: %s", r.Current)
	}
}

func TestAnOperationTheCallerMayNotMakeIsRefused(t *testing.T) {
	f := newFixture(t)
	reader, group := f.userWithRole(model.RoleReadOnly)
	m := f.memberOf(group)
	m.LastName = "Changed"
	_, resp, body := f.push(reader.ID, updateOp("op-ro-0000001", m, m.Version))
	if r := resp.Results[0]; r.Status != api.OpRefused || r.Code != model.EFORBIDDEN {
		t.Fatalf("a read-only user's edit: %s", body)
	}
}

func TestAnOperationOnAnotherGroupsMemberIsRefused(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	var other model.Member
	for _, m := range f.book.Members {
		if m.GroupID != group {
			other = m
			break
		}
	}
	// Claim the other group's member belongs to the PGA's group.
	other.GroupID = group
	other.LastName = "Hijacked"
	_, resp, body := f.push(pga.ID, updateOp("op-xg-0000001", other, other.Version))
	if r := resp.Results[0]; r.Status != api.OpRefused || r.Code != model.EFORBIDDEN {
		t.Fatalf("an edit of another group's member: %s", body)
	}
}

func TestBadRequestsGetAProblemAndChangeNothing(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	m := f.memberOf(group)
	good, _ := json.Marshal(api.OpsRequest{Ops: []api.Op{updateOp("op-good-000001", m, m.Version)}})
	head := func() int64 {
		h, err := f.db.FeedHead(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	before := head()
	cases := []struct {
		name   string
		body   string
		status int
	}{
		{"malformed JSON", `{"ops": [`, 400},
		{"an unknown field", strings.Replace(string(good), `"ops"`, `"ops","extra":1,"x"`, 1), 400},
		{"a wrong type", `{"ops": "all of them"}`, 400},
		{"an empty batch", `{"ops": []}`, 400},
		{"two JSON values", string(good) + string(good), 400},
		{"an operation without an ID", strings.Replace(string(good), `"op-good-000001"`, `""`, 1), 400},
		{"an unknown action", strings.Replace(string(good), `"update"`, `"explode"`, 1), 400},
		{"an oversize body", `{"ops": [` + strings.Repeat(" ", api.MaxBodyBytes) + `]}`, 413},
	}
	for _, c := range cases {
		t.Run(c.name+" is refused", func(t *testing.T) {
			status, body := f.do(pga.ID, "POST", "/v1/ops", c.body)
			if status != c.status {
				t.Fatalf("status %d, want %d: %s", status, c.status, body)
			}
			var p api.Problem
			if err := json.Unmarshal(body, &p); err != nil || p.Status != c.status || p.Detail == "" {
				t.Fatalf("not a problem document: %s", body)
			}
		})
	}
	if head() != before {
		t.Fatal("a bad request changed the feed")
	}
}

func TestEveryEndpointChecksTheCallersRole(t *testing.T) {
	f := newFixture(t)
	for _, rt := range routes() {
		if rt.Scope == scopeGroup && rt.Perm == "" {
			t.Errorf("%s %s is a group route without a permission", rt.Method, rt.Pattern)
		}
	}
	for _, role := range model.Roles {
		user, group := f.userWithRole(role)
		for _, rt := range routes() {
			name := role.Label() + " calling " + rt.Method + " " + rt.Pattern
			t.Run(name, func(t *testing.T) {
				path := strings.NewReplacer("{group}", group, "{grant}", "no-such-grant", "{invoice}", "no-such-invoice",
					"{sha256}", strings.Repeat("0", 64)).Replace(rt.Pattern)
				status, body := f.do(user.ID, rt.Method, path, minimalBody(rt))
				allowed := rt.Scope != scopeGroup || role.Allows(rt.Perm) && (rt.Only == "" || rt.Only == role)
				if !allowed && status != http.StatusForbidden {
					t.Fatalf("want 403, got %d: %s", status, body)
				}
				if allowed && (status == http.StatusForbidden || status == http.StatusUnauthorized) {
					t.Fatalf("want it allowed, got %d: %s", status, body)
				}
			})
		}
		t.Run("nobody signed in calling the API", func(t *testing.T) {
			for _, rt := range routes() {
				if rt.Scope == scopePublic {
					continue
				}
				path := strings.NewReplacer("{group}", group, "{grant}", "x").Replace(rt.Pattern)
				if status, _ := f.do("", rt.Method, path, minimalBody(rt)); status != http.StatusUnauthorized {
					t.Errorf("%s %s without a token: %d", rt.Method, rt.Pattern, status)
				}
			}
		})
	}
}

// minimalBody is a well-formed body for a route, so a refusal is about the
// role and not the input.
func minimalBody(rt route) any {
	switch rt.Pattern {
	case "/v1/ops":
		return `{"ops":[{"id":"op-role-test-1","entity":"member","entity_id":"x","group_id":"x","action":"delete","base_version":1}]}`
	case "/v1/groups/{group}/grants/{grant}":
		if rt.Method == "PUT" {
			return `{"role":"readonly"}`
		}
	case "/v1/groups/{group}/brokers":
		return `{"email":"nobody@example.com"}`
	case "/v1/groups/{group}/invitations":
		return `{"email":"new.clerk@example.com","name":"New Clerk","role":"membership"}`
	case "/v1/groups/{group}/staff-invitations":
		return `{"email":"new.staff@example.com","name":"New Staff"}`
	}
	return nil
}
