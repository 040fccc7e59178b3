package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

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

func TestServeRefusesToListenOffLoopbackWithoutTLS(t *testing.T) {
	db := filepath.Join(t.TempDir(), "accountd.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--db", db, "--addr", "0.0.0.0:8443"}, 1, "refusing to listen on 0.0.0.0:8443 without TLS"},
		{[]string{"--db", db, "--addr", "192.0.2.7:8443"}, 1, "refusing to listen on 192.0.2.7:8443 without TLS"},
		{[]string{"--db", db, "--tls-cert", "cert.pem"}, 2, "--tls-cert and --tls-key go together"},
		{[]string{"--addr", "127.0.0.1:8443"}, 2, "--db PATH is required"},
	} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), c.args, &out, &errOut); code != c.code || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.args, code, errOut.String(), c.code, c.want)
		}
	}
	if o, err := parseServe([]string{"--db", db, "--addr", "localhost:9000"}, io.Discard); err != nil || o.issuer != "http://localhost:9000" {
		t.Errorf("localhost: %+v %v", o, err)
	}
}

// serveInBackground runs accountd in this process until the test ends and
// returns its address and log.
func serveInBackground(t *testing.T, db string) (string, *lockedBuffer) {
	t.Helper()
	addr, _, log := serveWithOutput(t, db)
	return addr, log
}

// serveWithOutput is serveInBackground that also returns what accountd
// printed on its standard output.
func serveWithOutput(t *testing.T, db string) (string, *lockedBuffer, *lockedBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, stop := context.WithCancel(context.Background())
	out, log := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--db", db, "--addr", addr}, out, log) }()
	t.Cleanup(func() {
		stop()
		if code := <-done; code != 0 {
			t.Errorf("accountd exited %d: %s", code, log.String())
		}
	})
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(out.String(), "listening on"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("accountd did not start: %s %s", out.String(), log.String())
		}
	}
	return "http://" + addr, out, log
}

func TestServeDeliversMailQueuedWhileItWasDown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accountd.db")
	sys := model.WithPrincipal(context.Background(), systemPrincipal)
	db, err := sqlite.OpenServer(sys, path)
	if err != nil {
		t.Fatal(err)
	}
	book := demo.Generate(demo.Options{Seed: 2, People: 200, Groups: 1, Today: model.DateOf(time.Now())})
	if err := db.Load(sys, book, nil); err != nil {
		t.Fatal(err)
	}
	code, err := db.CreateAccessCode(sys, &model.AccessCode{Purpose: model.CodeInvite, GroupID: book.Groups[0].ID,
		Role: model.RoleMembership, Email: "queued@example.com", Name: "Queued Person"})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, log := serveInBackground(t, path)
	if !strings.Contains(log.String(), "msg=mail to=queued@example.com") || !strings.Contains(log.String(), code) {
		t.Fatalf("the queued mail was not printed at start:\n%s", log.String())
	}
	db, err = sqlite.Open(sys, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if pending, err := db.PendingMail(sys); err != nil || len(pending) != 0 {
		t.Fatalf("%d messages still pending: %v", len(pending), err)
	}
}

func TestTheOAuthLibraryLogsToTheServiceLogWithoutTokens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accountd.db")
	base, log := serveInBackground(t, path)
	const bogus = "gdr_not-a-real-refresh-token-0123456789"
	resp, err := http.PostForm(base+"/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {bogus},
		"client_id": {"groupdesk-desktop"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("a bogus refresh token: %s", resp.Status)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(log.String(), "invalid_grant"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the OAuth library's refusal is not in accountd's log:\n%s", log.String())
		}
	}
	if strings.Contains(log.String(), bogus) {
		t.Fatalf("the refresh token is in the log:\n%s", log.String())
	}
}

// On PostgreSQL, accountd names its database without the password, in the
// line that says it listens and in its log.
func TestServeOnPostgresNamesItsDatabaseWithoutThePassword(t *testing.T) {
	server := os.Getenv("GROUPDESK_TEST_POSTGRES")
	if server == "" {
		t.Skip("GROUPDESK_TEST_POSTGRES is not set: no PostgreSQL server (make test starts one)")
	}
	admin, err := sql.Open(sqlite.PostgresDriver, server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("gd_serve_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	u, _ := url.Parse(server)
	u.Path, u.User = "/"+name, url.UserPassword(u.User.Username(), "pw-Sekrit-42") // the test server trusts loopback
	var out, log *lockedBuffer
	t.Run("serve", func(t *testing.T) { // accountd stops when the subtest ends
		_, out, log = serveWithOutput(t, u.String())
	})
	if !strings.Contains(out.String(), "listening on") || !strings.Contains(out.String(), name) {
		t.Fatalf("accountd printed %q, want the line that it listens, naming database %s", out.String(), name)
	}
	if all := out.String() + log.String(); strings.Contains(all, "Sekrit") {
		t.Fatalf("accountd printed the database password:\n%s", all)
	}
}
