package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// TestBadInputToTheAccessRoutesGetsAProblemAndChangesNothing covers the
// routes beside /v1/ops that read a JSON body (a role change, a broker
// grant, an invitation, a staff invitation) and the change feed's query:
// malformed JSON, unknown fields, wrong types, oversize bodies and the IDs
// of another group each get a problem document, and the service's data —
// the feed, the grants of every group, the access codes — is as it was.
func TestBadInputToTheAccessRoutesGetsAProblemAndChangesNothing(t *testing.T) {
	f, inviter := newFixtureWithInviter(t)
	carrier := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	pga, group := f.userWithRole(model.RolePGA)
	broker, brokerGroup := f.userWithRole(model.RoleBroker)
	var secondary, foreign model.Grant
	for _, g := range f.book.Grants {
		switch {
		case g.GroupID == group && g.Role != model.RolePGA && g.Role != model.RoleBroker && secondary.ID == "":
			secondary = g
		case g.GroupID != group && foreign.ID == "":
			foreign = g
		}
	}
	if secondary.ID == "" || foreign.ID == "" {
		t.Fatalf("the demo book lacks a secondary grant in %s or a grant of another group", group)
	}
	// A registered broker without access to the group, for the broker grant.
	var otherBroker string
	for _, u := range f.book.Users {
		if u.Kind != model.UserBroker || otherBroker != "" {
			continue
		}
		granted := false
		for _, g := range f.book.Grants {
			granted = granted || g.UserID == u.ID && g.GroupID == group
		}
		if !granted {
			otherBroker = u.Email
		}
	}
	if otherBroker == "" {
		t.Fatal("the demo book has no broker outside the group")
	}
	newRole := model.RoleReadOnly
	if secondary.Role == newRole {
		newRole = model.RoleMembership
	}
	grants := func() map[string][]model.Grant {
		out := map[string][]model.Grant{}
		for _, g := range f.book.Groups {
			gs, err := f.db.GroupGrants(carrier, g.ID)
			if err != nil {
				t.Fatal(err)
			}
			out[g.ID] = gs
		}
		return out
	}
	head := func() int64 {
		h, err := f.db.FeedHead(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	grants0, head0 := grants(), head()

	oversize := func(field string) string {
		return `{"` + field + `": "` + strings.Repeat("x", api.MaxBodyBytes) + `"}`
	}
	type request struct{ user, method, path, body string }
	routes := map[string]request{
		"changing a role":           {pga.ID, "PUT", "/v1/groups/" + group + "/grants/" + secondary.ID, ""},
		"granting a broker":         {pga.ID, "POST", "/v1/groups/" + group + "/brokers", ""},
		"inviting a user":           {pga.ID, "POST", "/v1/groups/" + group + "/invitations", ""},
		"inviting a broker's staff": {broker.ID, "POST", "/v1/groups/" + brokerGroup + "/staff-invitations", ""},
	}
	good := map[string]string{
		"changing a role":           `{"role":"` + string(newRole) + `"}`,
		"granting a broker":         `{"email":"` + otherBroker + `"}`,
		"inviting a user":           `{"email":"new.clerk@example.com","name":"New Clerk","role":"membership"}`,
		"inviting a broker's staff": `{"email":"new.staff@example.com","name":"New Staff"}`,
	}
	for name, rq := range routes {
		bodies := map[string]string{
			"malformed JSON":   good[name][:len(good[name])/2],
			"an unknown field": strings.Replace(good[name], "{", `{"extra":true,`, 1),
			"a wrong type":     strings.Replace(strings.Replace(good[name], `"readonly"`, `7`, 1), `"new.`, `["new.`, 1),
			"two JSON values":  good[name] + good[name],
			"an oversize body": oversize("email"),
			"an empty body":    "",
		}
		if strings.Contains(name, "role") {
			bodies["a wrong type"] = `{"role": 7}`
			bodies["an oversize body"] = oversize("role")
			bodies["an unknown role"] = `{"role":"superuser"}`
		} else {
			bodies["a wrong type"] = strings.Replace(good[name], `"email":"`, `"email":["`, 1)
			bodies["a wrong type"] = strings.Replace(bodies["a wrong type"], `",`, `"],`, 1)
			if !strings.Contains(bodies["a wrong type"], `"]`) {
				bodies["a wrong type"] = strings.Replace(bodies["a wrong type"], `"}`, `"]}`, 1)
			}
		}
		for what, body := range bodies {
			t.Run(name+" with "+what+" gets a problem", func(t *testing.T) {
				status, out := f.do(rq.user, rq.method, rq.path, body)
				wantProblem(t, status, out)
			})
		}
	}

	t.Run("the IDs of another group get a problem", func(t *testing.T) {
		for _, rq := range []request{
			{pga.ID, "PUT", "/v1/groups/" + group + "/grants/" + foreign.ID, `{"role":"readonly"}`},
			{pga.ID, "DELETE", "/v1/groups/" + group + "/grants/" + foreign.ID, ""},
			{pga.ID, "PUT", "/v1/groups/" + foreign.GroupID + "/grants/" + foreign.ID, `{"role":"readonly"}`},
			{pga.ID, "DELETE", "/v1/groups/" + foreign.GroupID + "/grants/" + foreign.ID, ""},
			{pga.ID, "POST", "/v1/groups/" + foreign.GroupID + "/invitations", good["inviting a user"]},
		} {
			status, out := f.do(rq.user, rq.method, rq.path, rq.body)
			if status != http.StatusForbidden && status != http.StatusNotFound {
				t.Errorf("%s %s: status %d, want 403 or 404: %s", rq.method, rq.path, status, out)
			}
			wantProblem(t, status, out)
		}
	})

	t.Run("a change feed asked for with a bad cursor or limit gets a problem", func(t *testing.T) {
		for _, q := range []string{"cursor=not-a-cursor", "limit=many", "limit=-5", "cursor=%00%ff"} {
			status, out := f.do(pga.ID, "GET", "/v1/changes?"+q, nil)
			if status != http.StatusBadRequest {
				t.Errorf("?%s: status %d, want 400: %s", q, status, out)
			}
			wantProblem(t, status, out)
		}
	})

	if head() != head0 {
		t.Error("a bad request changed the feed")
	}
	if !reflect.DeepEqual(grants(), grants0) {
		t.Error("a bad request changed someone's access")
	}
	if len(inviter.codes) != 0 {
		t.Errorf("a bad request issued access codes: %+v", inviter.codes)
	}

	// The same requests with good bodies are taken, so the refusals above
	// were about the bodies and not about who asked or where.
	for name, rq := range routes {
		t.Run(name+" with a good body is taken", func(t *testing.T) {
			status, out := f.do(rq.user, rq.method, rq.path, good[name])
			if status < 200 || status >= 300 {
				t.Fatalf("status %d: %s", status, out)
			}
		})
	}
	if len(inviter.codes) != 2 || head() == head0 {
		t.Errorf("the good requests issued %d access codes and moved the feed from %d to %d", len(inviter.codes), head0, head())
	}
}

// wantProblem checks a refusal is an RFC 9457 problem document with a
// status of the client's error and a detail for a person.
func wantProblem(t *testing.T, status int, body []byte) {
	t.Helper()
	if status < 400 || status >= 500 {
		t.Fatalf("status %d, want a client error: %s", status, body)
	}
	var p api.Problem
	if err := json.Unmarshal(body, &p); err != nil || p.Status != status || p.Detail == "" {
		t.Fatalf("not a problem document (status %d): %s", status, body)
	}
}

// newFixtureWithInviter is newFixture's account service, with the inviter
// that records the access codes it would mail.
func newFixtureWithInviter(t *testing.T) (*fixture, *recordingInviter) {
	t.Helper()
	carrier := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	db, err := sqlite.OpenServer(carrier, filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	book := demo.Generate(demo.Options{Seed: 5, People: 900, Groups: 4, Today: today})
	addMissingRoles(book)
	// A registered broker with access to no group yet.
	book.Users = append(book.Users, model.User{ID: "user-unbound-broker", Email: "una.broker@example.com", Name: "Una Broker",
		Kind: model.UserBroker, Firm: "Elsewhere Benefits"})
	if err := db.Load(carrier, book, nil); err != nil {
		t.Fatal(err)
	}
	inviter := &recordingInviter{}
	srv := &Server{DB: db, Auth: tokenAuth{db}, Now: func() time.Time { return today.Time() }, Inviter: inviter}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &fixture{t: t, db: db, book: book, url: hs.URL}, inviter
}
