// Package synctest starts a real account service (sync API over a real
// SQLite file, on loopback) and desktop stores for the tests of sync/client
// and the end-to-end tests. Only authentication is simplified here: the
// bearer token is the user's ID. Tests of the real OAuth server live in
// sync/server/auth and sync/e2e.
package synctest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server"
)

// Today is the date the test books are made for.
var Today = model.MustDate("2026-11-28")

// Service is an account service under test.
type Service struct {
	DB   *sqlite.DB
	Book *model.Book
	URL  string
	HTTP *httptest.Server
}

// IDAuth authenticates a bearer token that is a user ID.
type IDAuth struct{ DB *sqlite.DB }

// Authenticate implements server.Authenticator.
func (a IDAuth) Authenticate(r *http.Request) (*model.User, error) {
	id := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	u, err := a.DB.User(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// NewService starts an account service holding a demo book of about people.
func NewService(t testing.TB, people int) *Service {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	db, err := sqlite.OpenServer(ctx, filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	book := demo.Generate(demo.Options{Seed: 5, People: people, Groups: 4, Today: Today})
	if err := db.Load(ctx, book, nil); err != nil {
		t.Fatal(err)
	}
	srv := &server.Server{DB: db, Auth: IDAuth{db}, Now: func() time.Time { return Today.Time() }}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &Service{DB: db, Book: book, URL: hs.URL, HTTP: hs}
}

// UserWithRole returns a user of the book holding role, and their group.
func (s *Service) UserWithRole(t testing.TB, role model.Role) (model.User, string) {
	t.Helper()
	for _, g := range s.Book.Grants {
		if g.Role != role {
			continue
		}
		for _, u := range s.Book.Users {
			if u.ID == g.UserID {
				return u, g.GroupID
			}
		}
	}
	t.Fatalf("the demo book has no %s", role)
	return model.User{}, ""
}

// Desktop is a desktop database signed in as a user.
type Desktop struct {
	DB     *sqlite.DB
	Syncer *client.Syncer
	User   model.User
	// Transport lets a test drop answers or go offline.
	Transport *Transport
}

// NewDesktop opens an empty desktop database synced as user.
func (s *Service) NewDesktop(t testing.TB, user model.User) *Desktop {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "desktop-"+user.ID+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tr := &Transport{Token: user.ID}
	return &Desktop{DB: db, User: user, Transport: tr,
		Syncer: &client.Syncer{Server: s.URL, HTTP: &http.Client{Transport: tr}, DB: db, PageLimit: 500, BatchSize: 100}}
}

// Ctx is a context acting as the desktop's signed-in user, with the grants
// of its last sync.
func (d *Desktop) Ctx(t testing.TB) context.Context {
	t.Helper()
	p, err := client.StoredPrincipal(context.Background(), d.DB)
	if err != nil || p == nil {
		t.Fatalf("the desktop of %s never synced: %v", d.User.Email, err)
	}
	return model.WithPrincipal(context.Background(), p)
}

// Round runs one sync round and fails the test on error.
func (d *Desktop) Round(t testing.TB) client.Report {
	t.Helper()
	rep, err := d.Syncer.Round(context.Background())
	if err != nil {
		t.Fatalf("sync of %s: %v", d.User.Email, err)
	}
	return rep
}

// Transport adds the bearer token and can drop the answer of the next
// request after the server handled it (a connection lost after commit).
type Transport struct {
	Token       string
	DropAnswers int // how many answers to lose
	Offline     bool
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.Offline {
		return nil, errOffline
	}
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+t.Token)
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && t.DropAnswers > 0 {
		t.DropAnswers--
		resp.Body.Close()
		return nil, errDropped
	}
	return resp, err
}

type netError string

func (e netError) Error() string { return string(e) }

var (
	errOffline = netError("network is unreachable")
	errDropped = netError("connection reset by peer after the request was sent")
)
