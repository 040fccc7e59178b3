package e2e_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// service is a real accountd process on loopback over its own copy of a
// seeded database. Unless it is direct, clients reach it through a proxy of
// the test's (whose address is the service's issuer), so that the test can
// drop answers, slow pages down and restart accountd behind an address
// that stays the same.
type service struct {
	tb     testing.TB
	DBPath string
	// URL is the service's public address: the proxy's, or accountd's own
	// when direct.
	URL   string
	Proxy *proxy
	log   *syncBuffer

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	addr   string
}

// startService copies the template database and starts accountd on it
// behind a proxy.
func startService(tb testing.TB, template string) *service {
	tb.Helper()
	return startOn(tb, copyServiceDB(tb, template))
}

// startOn starts accountd behind a proxy of its own on a service database
// that is already there, beside any other instance on it.
func startOn(tb testing.TB, dsn string) *service {
	tb.Helper()
	s := &service{tb: tb, DBPath: dsn, log: &syncBuffer{}}
	s.Proxy = newProxy(tb)
	s.URL = s.Proxy.URL
	s.start()
	tb.Cleanup(s.stop)
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("the log of accountd at %s:\n%s", s.URL, tail(s.Log(), 6000))
		}
	})
	return s
}

// startDirect starts accountd on the template database itself (a copy
// when copy is set), with no proxy: clients talk to accountd.
func startDirect(tb testing.TB, template string, copy bool) *service {
	tb.Helper()
	s := &service{tb: tb, DBPath: template, log: &syncBuffer{}}
	if copy {
		s.DBPath = copyServiceDB(tb, template)
	}
	s.URL = "http://" + freeAddr(tb)
	s.start()
	tb.Cleanup(s.stop)
	return s
}

var listening = regexp.MustCompile(`listening on (127\.0\.0\.1:\d+) `)

// start starts accountd and waits until it listens.
func (s *service) start() {
	s.tb.Helper()
	addr := "127.0.0.1:0"
	args := []string{"--db", s.DBPath, "--addr", addr, "--issuer", s.URL}
	if s.Proxy == nil {
		addr = strings.TrimPrefix(s.URL, "http://")
		args = []string{"--db", s.DBPath, "--addr", addr}
	}
	cmd := exec.Command(accountdBin, args...)
	cmd.Env = subprocessEnv()
	cmd.Stderr = s.log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		s.tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		s.tb.Fatal(err)
	}
	exited := make(chan struct{})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			s.log.Write([]byte(sc.Text() + "\n"))
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() {
		cmd.Wait()
		close(exited)
	}()
	select {
	case a := <-found:
		addr = a
	case <-exited:
		s.tb.Fatalf("accountd exited at start:\n%s", s.log.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		s.tb.Fatalf("accountd did not start within a minute:\n%s", s.log.String())
	}
	s.mu.Lock()
	s.cmd, s.exited, s.addr = cmd, exited, addr
	s.mu.Unlock()
	if s.Proxy != nil {
		s.Proxy.setTarget(addr)
	}
}

// kill ends accountd with SIGKILL, as a crash would, and waits for it.
func (s *service) kill() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
}

// restart starts accountd again on the same database.
func (s *service) restart() {
	s.tb.Helper()
	s.kill()
	s.start()
}

// stop ends accountd with SIGTERM (it shuts down cleanly) and waits.
func (s *service) stop() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
}

// Log is everything accountd printed so far, across restarts.
func (s *service) Log() string { return s.log.String() }

var mailedCode = regexp.MustCompile(`Your access code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})`)

// accessCode returns the access code accountd mailed to email: the
// reference service prints its mail to its log.
func (s *service) accessCode(tb testing.TB, email string) string {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var code string
		for _, line := range strings.Split(s.Log(), "\n") {
			if strings.Contains(line, "msg=mail ") && strings.Contains(line, "to="+email+" ") {
				if m := mailedCode.FindStringSubmatch(line); m != nil {
					code = m[1]
				}
			}
		}
		if code != "" {
			return code
		}
		if time.Now().After(deadline) {
			tb.Fatalf("accountd's log has no mail with an access code to %s:\n%s", email, tail(s.Log(), 3000))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// errDrop makes the proxy close the client's connection without an
// answer.
var errDrop = errors.New("connection dropped by the test")

// hook sees each request the proxy forwards: before forwarding it (resp
// nil) and after accountd answered. It may block, and it may return errDrop
// (or any error) to close the client's connection without an answer.
type hook func(r *http.Request, resp *http.Response) error

// proxy is a reverse proxy in front of accountd.
type proxy struct {
	URL string
	srv *httptest.Server
	tr  *http.Transport

	mu        sync.Mutex
	target    string
	hook      hook
	pageLimit int
}

func newProxy(tb testing.TB) *proxy {
	tb.Helper()
	p := &proxy{tr: &http.Transport{MaxIdleConnsPerHost: 64}}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			p.mu.Lock()
			target, limit := p.target, p.pageLimit
			p.mu.Unlock()
			r.Out.URL.Scheme, r.Out.URL.Host = "http", target
			r.Out.Host = r.In.Host
			if limit > 0 && r.Out.URL.Path == "/v1/changes" {
				q := r.Out.URL.Query()
				q.Set("limit", fmt.Sprint(limit))
				r.Out.URL.RawQuery = q.Encode()
			}
		},
		Transport:     p,
		FlushInterval: -1,
		ErrorLog:      nil,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			// A dropped answer, or accountd down: the client sees its
			// connection closed, as it would with no proxy.
			panic(http.ErrAbortHandler)
		},
	}
	p.srv = httptest.NewUnstartedServer(rp)
	p.srv.Config.ErrorLog = nil
	p.srv.Start()
	p.URL = p.srv.URL
	tb.Cleanup(func() {
		p.srv.CloseClientConnections()
		p.srv.Close()
		p.tr.CloseIdleConnections()
	})
	return p
}

func (p *proxy) setTarget(addr string) {
	p.mu.Lock()
	p.target = addr
	p.mu.Unlock()
	p.tr.CloseIdleConnections()
}

// setHook installs h (nil removes it).
func (p *proxy) setHook(h hook) {
	p.mu.Lock()
	p.hook = h
	p.mu.Unlock()
}

// setPageLimit makes every page of the change feed at most n changes long.
func (p *proxy) setPageLimit(n int) {
	p.mu.Lock()
	p.pageLimit = n
	p.mu.Unlock()
}

// RoundTrip forwards a request to accountd through the hook.
func (p *proxy) RoundTrip(r *http.Request) (*http.Response, error) {
	p.mu.Lock()
	h := p.hook
	p.mu.Unlock()
	if h != nil {
		if err := h(r, nil); err != nil {
			return nil, err
		}
	}
	resp, err := p.tr.RoundTrip(r)
	if err != nil || h == nil {
		return resp, err
	}
	if err := h(r, resp); err != nil {
		resp.Body.Close()
		return nil, err
	}
	return resp, nil
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// copyFile copies a database and writes it out to the disk, so that the
// copy's writing back does not slow down what the test measures next.
func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Sync(); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
