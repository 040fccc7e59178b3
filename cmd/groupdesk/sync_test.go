package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server"
	"github.com/groupdesk/groupdesk/sync/server/auth"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
)

const testPassword = "a password for the sync tests"

// accountService is an account service in this process (the sync API and
// the authorization server over a small demo book), as accountd serves
// them; the end-to-end tests in sync/e2e run the real binaries.
type accountService struct {
	URL   string
	DB    *sqlite.DB
	Email string // a PGA's, whose password is testPassword
	http  *httptest.Server
}

func startAccountService(t *testing.T) *accountService {
	t.Helper()
	keyring.MockInitWithError(errors.New("no keychain in the tests"))
	ctx := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	db, err := sqlite.OpenServer(ctx, filepath.Join(t.TempDir(), "accountd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	book := demo.Generate(demo.Options{Seed: 3, People: 300, Groups: 2, Today: model.DateOf(time.Now())})
	if err := db.Load(ctx, book, nil); err != nil {
		t.Fatal(err)
	}
	s := &accountService{DB: db}
	for _, g := range book.Grants {
		if g.Role != model.RolePGA {
			continue
		}
		u, _ := db.User(ctx, g.UserID)
		s.Email = u.Email
		if err := db.SetPassword(ctx, u.ID, testPassword); err != nil {
			t.Fatal(err)
		}
		break
	}
	s.http = httptest.NewUnstartedServer(nil)
	s.URL = "http://" + s.http.Listener.Addr().String()
	as, err := auth.New(ctx, auth.Config{Issuer: s.URL, DB: db, AllowInsecureIssuer: true, DevicePollInterval: time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	s.http.Config.Handler = (&server.Server{DB: db, Auth: as, Fallback: as.Handler(), Inviter: as}).Handler()
	s.http.Start()
	t.Cleanup(s.http.Close)
	return s
}

// background is a run of the command line that the test talks to while it
// runs (to sign in).
type background struct {
	out  *lockedBuffer
	code chan int
}

func runInBackground(args ...string) *background {
	b := &background{out: &lockedBuffer{}, code: make(chan int, 1)}
	go func() { b.code <- run(args, b.out, b.out) }()
	return b
}

func (b *background) expect(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := rx.FindStringSubmatch(b.out.String()); m != nil {
			return m[len(m)-1]
		}
	}
	t.Fatalf("groupdesk sync did not print %s:\n%s", re, b.out.String())
	return ""
}

func (b *background) wait(t *testing.T) (int, string) {
	t.Helper()
	select {
	case code := <-b.code:
		return code, b.out.String()
	case <-time.After(time.Minute):
		t.Fatalf("groupdesk sync did not end:\n%s", b.out.String())
	}
	return 0, ""
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestSyncSignsInThroughTheBrowserThenUsesTheStoredSignIn(t *testing.T) {
	svc := startAccountService(t)
	dbPath := filepath.Join(t.TempDir(), "desk", "groupdesk.db")
	first := runInBackground("sync", "--server", svc.URL+"/", "--db", dbPath)
	u := first.expect(t, `Open this address to sign in: (\S+)`)
	if q, _ := url.Parse(u); q.Query().Get("code_challenge_method") != "S256" {
		t.Fatalf("the sign-in address has no PKCE: %s", u)
	}
	if err := authtest.SignInWithForm(u, svc.Email, testPassword); err != nil {
		t.Fatal(err)
	}
	code, out := first.wait(t)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{"Signed in.", "No system keychain is available", "Signed in as ", "with access to 1 group.",
		"Pushed nothing: no changes were waiting.", "Pulled "} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	store := client.NewTokenStore(filepath.Dir(dbPath), svc.URL)
	if info, err := os.Stat(store.File()); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the sign-in file: %v %v", info, err)
	}
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	bound, _ := db.Meta(context.Background(), sqlite.MetaSyncServer)
	db.Close()
	if bound != svc.URL {
		t.Fatalf("the database is bound to %q", bound)
	}

	// The next run needs no browser, nor even the address.
	code, out, errOut := runCLI(t, "sync", "--db", dbPath)
	if code != 0 || strings.Contains(out, "Open this address") || !strings.Contains(out, "Pulled 0 changes.") {
		t.Fatalf("second run: exit %d\n%s%s", code, out, errOut)
	}

	t.Run("a database bound to one service is refused by another", func(t *testing.T) {
		code, _, errOut := runCLI(t, "sync", "--server", "https://accounts.example", "--db", dbPath)
		if code != 1 || !strings.Contains(errOut, "syncs with "+svc.URL+", not https://accounts.example") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})

	t.Run("a revoked sign-in is forgotten and the person is asked to sign in again", func(t *testing.T) {
		refresh, err := store.Load()
		if err != nil {
			t.Fatal(err)
		}
		if err := client.Revoke(context.Background(), svc.URL, refresh); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := runCLI(t, "sync", "--db", dbPath)
		if code != 1 || !strings.Contains(errOut, "Your sign-in has ended or was revoked. Sign in again. Run groupdesk sync again to sign in.") ||
			strings.Contains(errOut, "cannot be reached") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if _, err := store.Load(); model.ErrorCode(err) != model.ENOTFOUND {
			t.Fatalf("the revoked sign-in is still kept: %v", err)
		}
	})

	t.Run("a service that cannot be reached is a failure that loses nothing", func(t *testing.T) {
		if _, err := store.Save("a refresh token"); err != nil {
			t.Fatal(err)
		}
		svc.http.Close()
		code, _, errOut := runCLI(t, "sync", "--db", dbPath)
		if code != 1 || !strings.Contains(errOut, "cannot be reached") || !strings.Contains(errOut, "Nothing is lost") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
}

func TestSyncSignsInWithADeviceCode(t *testing.T) {
	svc := startAccountService(t)
	dbPath := filepath.Join(t.TempDir(), "groupdesk.db")
	run := runInBackground("sync", "--server", svc.URL, "--db", dbPath, "--device")
	userCode := run.expect(t, `enter the code (\S+)`)
	if !strings.Contains(run.out.String(), "open "+svc.URL+"/device in a browser") {
		t.Fatalf("the device sign-in says:\n%s", run.out.String())
	}
	resp, err := http.PostForm(svc.URL+"/device", url.Values{"user_code": {userCode}, "email": {svc.Email}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code, out := run.wait(t); code != 0 || !strings.Contains(out, "Pulled ") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestSyncRefusesBadCommandLinesAndForeignBooks(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sync", "--server", "https://accounts.example"}, 2, "--db PATH is required"},
		{[]string{"sync", "--db", filepath.Join(dir, "new.db")}, 1, "has never synced: give the account service's address with --server URL"},
		{[]string{"sync", "--server", "accounts.example", "--db", filepath.Join(dir, "new.db")}, 1, "is not the address of an account service"},
		{[]string{"sync", "--server", "https://accounts.example", "--db", filepath.Join(dir, "new.db"), "extra"}, 2, `unexpected argument "extra"`},
	} {
		code, _, errOut := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.args, code, errOut, c.code, c.want)
		}
	}
	local := filepath.Join(dir, "demo.db")
	if code, _, errOut := runCLI(t, "demo", "--db", local, "--people", "200", "--groups", "2"); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut := runCLI(t, "sync", "--server", "https://accounts.example", "--db", local)
	if code != 1 || !strings.Contains(errOut, "did not come from an account service") {
		t.Fatalf("a local book: exit %d, %q", code, errOut)
	}
}
