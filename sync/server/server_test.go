package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

var today = model.MustDate("2026-11-28")

// tokenAuth is a test authenticator: the bearer token is the user's ID.
// The OAuth server's own tests cover real tokens; the end-to-end tests in
// sync/e2e use them with this API.
type tokenAuth struct{ db *sqlite.DB }

func (a tokenAuth) Authenticate(r *http.Request) (*model.User, error) {
	id := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	u, err := a.db.User(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// recordingInviter keeps the access codes it is asked to issue.
type recordingInviter struct{ codes []model.AccessCode }

func (r *recordingInviter) IssueAccessCode(_ context.Context, c *model.AccessCode) error {
	c.ID = "code-" + c.Email
	r.codes = append(r.codes, *c)
	return nil
}

// fixture is an account service over a real SQLite file with a small demo
// book, served on loopback.
type fixture struct {
	t    *testing.T
	db   *sqlite.DB
	book *model.Book
	url  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	db, err := sqlite.OpenServer(ctx, filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	book := demo.Generate(demo.Options{Seed: 5, People: 900, Groups: 4, Today: today})
	addMissingRoles(book)
	if err := db.Load(ctx, book, nil); err != nil {
		t.Fatal(err)
	}
	srv := &Server{DB: db, Auth: tokenAuth{db}, Now: func() time.Time { return today.Time() }, Inviter: &recordingInviter{}}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &fixture{t: t, db: db, book: book, url: hs.URL}
}

// addMissingRoles gives the book a user for every role it lacks, in its
// first group.
func addMissingRoles(b *model.Book) {
	have := map[model.Role]bool{}
	for _, g := range b.Grants {
		have[g.Role] = true
	}
	for _, role := range model.Roles {
		if have[role] {
			continue
		}
		kind := model.UserEmployer
		if role == model.RoleBroker {
			kind = model.UserBroker
		}
		u := model.User{ID: "user-" + string(role), Email: string(role) + "@example.com", Name: role.Label() + " user", Kind: kind}
		b.Users = append(b.Users, u)
		b.Grants = append(b.Grants, model.Grant{ID: "grant-" + string(role), UserID: u.ID, GroupID: b.Groups[0].ID, Role: role})
	}
}

// userWithRole returns a user holding role in some group, and that group.
func (f *fixture) userWithRole(role model.Role) (model.User, string) {
	f.t.Helper()
	for _, g := range f.book.Grants {
		if g.Role == role {
			for _, u := range f.book.Users {
				if u.ID == g.UserID {
					return u, g.GroupID
				}
			}
		}
	}
	f.t.Fatalf("the demo book has no %s", role)
	return model.User{}, ""
}

// do sends a request as a user ("" for none) and returns status and body.
func (f *fixture) do(user, method, path string, body any) (int, []byte) {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, f.url+path, rd)
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+user)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// pullAll reads the whole feed as a user and returns the changes.
func (f *fixture) pullAll(user, cursor string) ([]model.Change, string) {
	f.t.Helper()
	var all []model.Change
	for i := 0; i < 1000; i++ {
		status, body := f.do(user, "GET", "/v1/changes?limit=150&cursor="+cursor, nil)
		if status != 200 {
			f.t.Fatalf("changes: %d %s", status, body)
		}
		var page api.ChangesPage
		if err := json.Unmarshal(body, &page); err != nil {
			f.t.Fatal(err)
		}
		all = append(all, page.Changes...)
		cursor = page.Cursor
		if !page.HasMore {
			return all, cursor
		}
	}
	f.t.Fatal("the feed never ended")
	return nil, ""
}

func groupsIn(changes []model.Change) map[string]int {
	out := map[string]int{}
	for _, c := range changes {
		if !c.Deleted && c.Entity == model.EntityMember {
			out[c.GroupID]++
		}
	}
	return out
}

func TestTheFeedHoldsOnlyTheGroupsAUserMaySee(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	changes, _ := f.pullAll(pga.ID, "")
	seen := groupsIn(changes)
	if len(seen) != 1 || seen[group] == 0 {
		t.Fatalf("a PGA of one group read members of %v", seen)
	}
	want := 0
	for _, m := range f.book.Members {
		if m.GroupID == group {
			want++
		}
	}
	if seen[group] != want {
		t.Fatalf("read %d members of the group, it has %d", seen[group], want)
	}
	plans := 0
	for _, c := range changes {
		if c.Entity == model.EntityPlan {
			plans++
		}
	}
	if plans != len(f.book.Plans) {
		t.Fatalf("read %d plans of %d", plans, len(f.book.Plans))
	}
}

func TestAGrantedGroupArrivesAndARevokedOneIsRemoved(t *testing.T) {
	f := newFixture(t)
	broker, _ := f.userWithRole(model.RoleBroker)
	pga, group := f.userWithRole(model.RolePGA)
	// Start from a broker with no grant for the PGA's group.
	ctx := model.WithPrincipal(context.Background(), &model.Principal{UserID: pga.ID, Name: pga.Name, Grants: map[string]model.Role{group: model.RolePGA}})
	grants, err := f.db.GroupGrants(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range grants {
		if g.UserID == broker.ID {
			if err := f.db.RevokeGrant(ctx, group, g.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	changes, cursor := f.pullAll(broker.ID, "")
	if groupsIn(changes)[group] != 0 {
		t.Fatal("the broker read a group without a grant")
	}
	status, body := f.do(pga.ID, "POST", "/v1/groups/"+group+"/brokers", map[string]string{"email": broker.Email})
	if status != http.StatusCreated {
		t.Fatalf("granting the broker: %d %s", status, body)
	}
	var grant model.Grant
	json.Unmarshal(body, &grant)
	changes, cursor = f.pullAll(broker.ID, cursor)
	if groupsIn(changes)[group] == 0 {
		t.Fatal("after the grant, the group did not arrive")
	}
	if status, body := f.do(pga.ID, "DELETE", "/v1/groups/"+group+"/grants/"+grant.ID, nil); status != http.StatusNoContent {
		t.Fatalf("revoking: %d %s", status, body)
	}
	changes, _ = f.pullAll(broker.ID, cursor)
	removed := false
	for _, c := range changes {
		if c.Entity == model.EntityGroup && c.ID == group && c.Deleted {
			removed = true
		}
	}
	if !removed {
		t.Fatalf("after revocation no tombstone for the group: %+v", changes)
	}
}

func TestTheOpenAPIDocumentDescribesEveryRoute(t *testing.T) {
	f := newFixture(t)
	status, body := f.do("", "GET", "/v1/openapi.json", nil)
	if status != 200 {
		t.Fatalf("openapi.json: %d", status)
	}
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not an OpenAPI 3 document: %v", err)
	}
	for _, rt := range routes() {
		op, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("%s %s is not in the OpenAPI document", rt.Method, rt.Pattern)
			continue
		}
		if rt.Scope == scopeGroup && !strings.HasPrefix(fmt.Sprint(op["x-groupdesk-permission"]), string(rt.Perm)) {
			t.Errorf("%s %s: the document names permission %v, the route needs %s", rt.Method, rt.Pattern, op["x-groupdesk-permission"], rt.Perm)
		}
	}
}
