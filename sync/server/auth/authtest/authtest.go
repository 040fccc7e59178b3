// Package authtest starts a real authorization server for tests: accountd's
// auth pages and OAuth endpoints on loopback, over an SQLite file in a
// temporary folder, with a settable clock and captured logs. It is imported
// by tests only.
package authtest

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/server/auth"
)

// The seeded account: a PGA of one group.
const (
	Email       = "pat@example.com"
	Password    = "correct horse battery staple"
	GroupNumber = "G-100"
	GroupFEIN   = "12-3456789"
)

// Env is a running authorization server.
type Env struct {
	URL    string
	DB     *sqlite.DB
	Server *auth.Server
	Clock  *Clock
	Group  model.Group
	User   model.User
	logs   *Buffer
}

// Start starts a server for the test; it stops when the test ends.
func Start(t testing.TB) *Env {
	t.Helper()
	captureDefaultLog()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	env := &Env{DB: db, Clock: NewClock(time.Now()), logs: &Buffer{}}
	db.Now = env.Clock.Now
	env.seed(t)
	ts := httptest.NewUnstartedServer(nil)
	env.URL = "http://" + ts.Listener.Addr().String()
	env.Server, err = auth.New(context.Background(), auth.Config{Issuer: env.URL, DB: db, Now: env.Clock.Now,
		Logger: slog.New(slog.NewTextHandler(env.logs, nil)), AllowInsecureIssuer: true, DevicePollInterval: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = env.Server.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return env
}

func (env *Env) seed(t testing.TB) {
	t.Helper()
	env.Group = model.Group{ID: sqlite.NewID(), Number: GroupNumber, Name: "Acme Tools", FEIN: GroupFEIN,
		Segment: model.SegmentSmall, EffectiveDate: model.MustDate("2020-01-01")}
	env.User = model.User{ID: sqlite.NewID(), Email: Email, Name: "Pat Admin", Kind: model.UserEmployer, Version: 1}
	grant := model.Grant{ID: sqlite.NewID(), UserID: env.User.ID, GroupID: env.Group.ID, Role: model.RolePGA}
	owner := model.WithPrincipal(context.Background(), model.LocalOwner)
	book := &model.Book{Groups: []model.Group{env.Group}, Users: []model.User{env.User}, Grants: []model.Grant{grant}}
	if err := env.DB.Load(owner, book, nil); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.SetPassword(context.Background(), env.User.ID, Password); err != nil {
		t.Fatal(err)
	}
}

// Logs is everything logged so far: the server's log and the default
// logger's (where op logs).
func (env *Env) Logs() string { return env.logs.String() + defaultLog.String() }

// Mail is the outgoing mail so far.
func (env *Env) Mail(t testing.TB) []model.Mail {
	t.Helper()
	m, err := env.DB.AllMail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// NoRedirects is an HTTP client that returns redirects instead of
// following them.
var NoRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// Clock is a settable clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

func NewClock(t time.Time) *Clock { return &Clock{t: t} }

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Buffer is a bytes.Buffer safe for concurrent writes.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var (
	defaultLog  = &Buffer{}
	captureOnce sync.Once
)

// captureDefaultLog sends the default logger (op logs there) to a buffer
// the tests search for secrets.
func captureDefaultLog() {
	captureOnce.Do(func() {
		slog.SetDefault(slog.New(slog.NewTextHandler(defaultLog, &slog.HandlerOptions{Level: slog.LevelDebug})))
	})
}
