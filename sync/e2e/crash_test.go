package e2e_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
)

// onRequest returns a hook that calls f for the nth request (counting from
// 1) with the method and path, before it is forwarded (after false) or
// once accountd answered (after true).
func onRequest(method, path string, n int32, after bool, f func() error) hook {
	var seen atomic.Int32
	return func(r *http.Request, resp *http.Response) error {
		if r.Method != method || r.URL.Path != path || (resp != nil) != after {
			return nil
		}
		if seen.Add(1) != n {
			return nil
		}
		return f()
	}
}

// gate is a point where the proxy holds a request while the test acts.
type gate struct {
	reached chan struct{}
	release chan struct{}
}

func newGate() *gate { return &gate{reached: make(chan struct{}), release: make(chan struct{})} }

// hold is the hook's side: it says the request is here, waits for the
// test, then drops the connection.
func (g *gate) hold() error {
	close(g.reached)
	<-g.release
	return errDrop
}

// wait is the test's side.
func (g *gate) wait(tb testing.TB, what string) {
	tb.Helper()
	select {
	case <-g.reached:
	case <-time.After(2 * time.Minute):
		tb.Fatalf("%s never happened", what)
	}
}

func TestALostAnswerIsRetriedAndAppliedOnce(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	d := svc.newSyncer(t, g.PGA)
	d.round(t)
	before := editPhones(t, d.DB, g.ID, 3, 1)
	// accountd commits the batch; its answer never reaches the desktop.
	svc.Proxy.setHook(onRequest("POST", "/v1/ops", 1, true, func() error { return errDrop }))
	_, err := d.Round(context.Background())
	if !client.IsOffline(err) {
		t.Fatalf("the round whose answer was lost: %v", err)
	}
	if ops, _ := d.DB.PendingOps(context.Background(), 10); len(ops) != 3 {
		t.Fatalf("after the lost answer %d operations wait, want 3", len(ops))
	}
	svc.Proxy.setHook(nil)
	if rep := d.round(t); rep.Applied != 3 || rep.Conflicts != 0 {
		t.Fatalf("the retry: %+v", rep)
	}
	server, desk := sqlDB(t, svc.DBPath), sqlDB(t, d.Path)
	appliedOnce(t, server, small.Users[g.PGA].ID, before, 1)
	outboxEmpty(t, desk)
	sameMembers(t, desk, server, g.ID)
}

// cli is a run of the groupdesk binary.
type cli struct {
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
}

func startCLI(tb testing.TB, args ...string) *cli {
	tb.Helper()
	c := &cli{cmd: exec.Command(groupdesk(tb), args...), out: &syncBuffer{}, exited: make(chan struct{})}
	c.cmd.Env = subprocessEnv()
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	if err := c.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() {
		c.cmd.Wait()
		close(c.exited)
	}()
	tb.Cleanup(c.kill)
	return c
}

// kill ends the process with SIGKILL, as a crash or a power cut of the
// app would, and waits for it.
func (c *cli) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.exited
}

// wait waits for the process to end and returns its exit status.
func (c *cli) wait(tb testing.TB) int {
	tb.Helper()
	select {
	case <-c.exited:
	case <-time.After(2 * time.Minute):
		c.kill()
		tb.Fatalf("groupdesk did not end within two minutes:\n%s", c.out.String())
	}
	return c.cmd.ProcessState.ExitCode()
}

// expect waits for the process to print a line matching re and returns
// its first group.
func (c *cli) expect(tb testing.TB, re string) string {
	tb.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if m := rx.FindStringSubmatch(c.out.String()); m != nil {
			return m[len(m)-1]
		}
		select {
		case <-c.exited:
			if m := rx.FindStringSubmatch(c.out.String()); m != nil {
				return m[len(m)-1]
			}
			tb.Fatalf("groupdesk ended without printing %s:\n%s", re, c.out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	tb.Fatalf("groupdesk did not print %s within a minute:\n%s", re, c.out.String())
	return ""
}

// syncCLI runs `groupdesk sync` to its end and returns its output; it
// must succeed.
func syncCLI(tb testing.TB, server, db string) string {
	tb.Helper()
	c := startCLI(tb, "sync", "--server", server, "--db", db)
	if code := c.wait(tb); code != 0 {
		tb.Fatalf("groupdesk sync exited %d:\n%s", code, c.out.String())
	}
	return c.out.String()
}

var pulledLine = regexp.MustCompile(`Pulled ([\d,]+) changes?\.`)

func TestADesktopKilledDuringAPullOrAPushResumesWithNothingLostOrDoubled(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	user := small.Users[g.PGA]
	svc.Proxy.setPageLimit(100)
	path := t.TempDir() + "/groupdesk.db"
	server := sqlDB(t, svc.DBPath)

	// The first run signs in in the browser, then is killed while it waits
	// for the fifth page of its first pull.
	gt := newGate()
	svc.Proxy.setHook(onRequest("GET", "/v1/changes", 5, false, gt.hold))
	first := startCLI(t, "sync", "--server", svc.URL, "--db", path)
	if err := authtest.SignInWithForm(first.expect(t, `Open this address to sign in: (\S+)`), g.PGA, demoPassword); err != nil {
		t.Fatal(err)
	}
	gt.wait(t, "the fifth page of the first pull")
	// The pages fetched ahead of the fifth are stored while it is held:
	// the kill waits for the first of them to be committed, so that it
	// leaves a pull cut short, not one that never stored a page.
	desk := sqlDB(t, path)
	storedMembers := func() int { return count(t, desk, `SELECT count(*) FROM members WHERE group_id = ?`, g.ID) }
	for deadline := time.Now().Add(time.Minute); storedMembers() == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	first.kill()
	close(gt.release)
	partial := storedMembers()
	if partial == 0 || partial >= g.Members {
		t.Fatalf("the killed pull left %d of the group's %d members", partial, g.Members)
	}
	t.Logf("killed during the pull with %d of %d members stored", partial, g.Members)

	// Runs killed a few milliseconds after a page arrived: mostly while
	// the desktop applies it.
	for i, delay := range []time.Duration{time.Millisecond, 4 * time.Millisecond, 12 * time.Millisecond} {
		var started atomic.Pointer[cli]
		svc.Proxy.setHook(onRequest("GET", "/v1/changes", 2, true, func() error {
			time.AfterFunc(delay, func() { started.Load().kill() })
			return nil
		}))
		run := startCLI(t, "sync", "--server", svc.URL, "--db", path)
		started.Store(run)
		if code := run.wait(t); code == 0 {
			t.Logf("run %d ended before the kill:\n%s", i, run.out.String())
		}
		if res := integrity(t, desk); res != "ok" {
			t.Fatalf("the database after a kill: %s", res)
		}
	}

	// The last run reads the feed on from where the killed runs left it.
	var stored string
	if err := desk.QueryRow(`SELECT value FROM meta WHERE key = ?`, sqlite.MetaSyncCursor).Scan(&stored); err != nil || stored == "" {
		t.Fatalf("no cursor was stored by the killed runs (%v)", err)
	}
	var asked atomic.Pointer[string]
	svc.Proxy.setHook(func(r *http.Request, resp *http.Response) error {
		if r.URL.Path == "/v1/changes" && resp == nil {
			cur := r.URL.Query().Get("cursor")
			asked.CompareAndSwap(nil, &cur)
		}
		return nil
	})
	out := syncCLI(t, svc.URL, path)
	svc.Proxy.setHook(nil)
	if m := pulledLine.FindStringSubmatch(out); m == nil {
		t.Fatalf("the last run did not say what it pulled:\n%s", out)
	}
	if cur := asked.Load(); cur == nil || *cur != stored {
		t.Errorf("the last run read the feed from %v, not from the stored cursor %q: it started over instead of resuming", cur, stored)
	}
	sameMembers(t, desk, server, g.ID)

	// 450 changes go in three batches; the run is killed once accountd has
	// applied the second, before the desktop hears of it.
	db, err := sqlite.Open(model.WithPrincipal(context.Background(), model.LocalOwner), path)
	if err != nil {
		t.Fatal(err)
	}
	before := editPhones(t, db, g.ID, 450, 2)
	db.Close()
	gt = newGate()
	svc.Proxy.setHook(onRequest("POST", "/v1/ops", 2, true, gt.hold))
	run := startCLI(t, "sync", "--server", svc.URL, "--db", path)
	gt.wait(t, "the answer to the second batch")
	run.kill()
	close(gt.release)
	if n := count(t, server, `SELECT count(*) FROM applied_ops WHERE user_id = ?`, user.ID); n != 400 {
		t.Fatalf("accountd applied %d operations of the first two batches, want 400", n)
	}
	if n := count(t, desk, `SELECT count(*) FROM outbox`); n != 250 {
		t.Fatalf("the desktop has %d operations waiting after the kill, want 250", n)
	}
	// Killed again before its first batch reaches accountd.
	gt = newGate()
	svc.Proxy.setHook(onRequest("POST", "/v1/ops", 1, false, gt.hold))
	run = startCLI(t, "sync", "--server", svc.URL, "--db", path)
	gt.wait(t, "the first batch of the second run")
	run.kill()
	close(gt.release)

	svc.Proxy.setHook(nil)
	out = syncCLI(t, svc.URL, path)
	if !strings.Contains(out, "Pushed 250 changes: 250 applied, 0 conflicts, 0 refused.") {
		t.Fatalf("the last run:\n%s", out)
	}
	appliedOnce(t, server, user.ID, before, 2)
	if n := count(t, server, `SELECT count(*) FROM applied_ops WHERE user_id = ?`, user.ID); n != 450 {
		t.Fatalf("accountd applied %d operations, want 450", n)
	}
	outboxEmpty(t, desk)
	sameMembers(t, desk, server, g.ID)
}

func TestAccountdKilledMidBatchLosesNothingAcknowledgedAndAppliesNothingTwice(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	user := small.Users[g.PGA]
	d := svc.newSyncer(t, g.PGA)
	d.BatchSize = 250
	d.round(t)
	server, desk := sqlDB(t, svc.DBPath), sqlDB(t, d.Path)

	// How long a batch of 250 takes here, to kill accountd in the middle
	// of one.
	before := editPhones(t, d.DB, g.ID, 250, 3)
	var mu sync.Mutex
	var start time.Time
	var took time.Duration
	svc.Proxy.setHook(func(r *http.Request, resp *http.Response) error {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/v1/ops" {
			if resp == nil {
				start = time.Now()
			} else {
				took = time.Since(start)
			}
		}
		return nil
	})
	d.round(t)
	svc.Proxy.setHook(nil)
	mu.Lock()
	batch := took
	mu.Unlock()
	appliedOnce(t, server, user.ID, before, 3)
	t.Logf("a batch of 250 operations takes %s", batch)

	// A kill timed by the clock can land before or after the commit on a
	// busy machine, and every landing must be safe; the kills go on, at
	// other points of the batch, until one has fallen before its commit.
	type killAt struct {
		name  string
		after bool
		at    float64 // of the batch's time, when not after
	}
	kills := []killAt{
		{"after the commit, before the answer", true, 0},
		{"early in the batch", false, 0.2},
		{"in the middle of the batch", false, 0.6},
	}
	for _, at := range []float64{0.05, 0.4, 0.1, 0.3, 0.5, 0.15} {
		kills = append(kills, killAt{fmt.Sprintf("at %.0f%% of the batch", at*100), false, at})
	}
	rolledBack := 0
	for i, kill := range kills {
		if i >= 3 && rolledBack > 0 {
			break
		}
		tag := 10 + i
		before := editPhones(t, d.DB, g.ID, 500, tag)
		pending, err := d.DB.PendingOps(context.Background(), 500)
		if err != nil || len(pending) != 500 {
			t.Fatalf("%d pending: %v", len(pending), err)
		}
		var killed sync.WaitGroup
		killed.Add(1)
		if kill.after {
			svc.Proxy.setHook(onRequest("POST", "/v1/ops", 2, true, func() error {
				svc.kill()
				killed.Done()
				return errDrop
			}))
		} else {
			svc.Proxy.setHook(onRequest("POST", "/v1/ops", 2, false, func() error {
				time.AfterFunc(time.Duration(kill.at*float64(batch)), func() {
					svc.kill()
					killed.Done()
				})
				return nil
			}))
		}
		_, roundErr := d.Round(context.Background())
		killed.Wait()
		svc.Proxy.setHook(nil)
		svc.start()
		// The first batch was answered: it is on the server.
		if n := countIDs(t, server, pending[:250]); n != 250 {
			t.Fatalf("%s: %d of the first batch's 250 acknowledged operations are on the server", kill.name, n)
		}
		if roundErr == nil {
			// The whole round was answered before the kill: all is on the
			// server once and nothing waits; the kill proved nothing here.
			t.Logf("%s: the round ended before accountd was killed", kill.name)
			if n := countIDs(t, server, pending[250:]); n != 250 {
				t.Fatalf("%s: the round succeeded with %d of the second batch's operations on the server", kill.name, n)
			}
			appliedOnce(t, server, user.ID, before, tag)
			outboxEmpty(t, desk)
			continue
		}
		switch n := countIDs(t, server, pending[250:]); n {
		case 0:
			rolledBack++
			t.Logf("%s: accountd died before committing the second batch", kill.name)
		case 250:
			t.Logf("%s: accountd died after committing the second batch", kill.name)
		default:
			t.Fatalf("%s: %d of the second batch's 250 operations are on the server: half a batch", kill.name, n)
		}
		// The retry sends what was not answered: the second batch, or
		// nothing when its answer arrived and the kill fell after it (in
		// the pull that ends the round).
		rep := d.round(t)
		if rep.Applied != rep.Pushed || rep.Conflicts != 0 || rep.Refused != 0 || (rep.Pushed != 250 && rep.Pushed != 0) {
			t.Fatalf("%s: the retry: %+v", kill.name, rep)
		}
		if rep.Pushed == 0 {
			t.Logf("%s: the second batch was answered before the kill", kill.name)
		}
		appliedOnce(t, server, user.ID, before, tag)
		outboxEmpty(t, desk)
		sameMembers(t, desk, server, g.ID)
	}
	if rolledBack == 0 {
		t.Error("accountd was never killed before it committed a batch: no kill fell in the middle of one")
	}
}

// countIDs counts the operations the server has applied of those given.
func countIDs(tb testing.TB, server *sql.DB, ops []model.Operation) int {
	tb.Helper()
	n := 0
	for _, op := range ops {
		n += count(tb, server, `SELECT count(*) FROM applied_ops WHERE id = ?`, op.ID)
	}
	return n
}

func integrity(tb testing.TB, db *sql.DB) string {
	tb.Helper()
	var res string
	if err := db.QueryRow(`PRAGMA quick_check`).Scan(&res); err != nil {
		tb.Fatal(err)
	}
	return res
}

// The app started while accountd is down keeps its sign-in, says it is
// offline, and syncs by itself once accountd is back.
func TestADesktopStartedOfflineSyncsWhenTheServiceIsBack(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	first := svc.newDesktop(t, "the PGA", g.PGA, withForm(g.PGA, demoPassword))
	before := editPhones(t, first.DB, g.ID, 2, 4)
	first.Acct.Close() // the app quits with two changes to push
	svc.kill()

	acct := &client.Account{DB: first.DB, DataDir: first.Dir, Interval: time.Hour}
	status := make(chan client.Status, 64)
	acct.Watch(func(st client.Status) { status <- st })
	t.Cleanup(acct.Close)
	ok, err := acct.Resume(context.Background())
	if !ok || err != nil {
		t.Fatalf("resuming offline: %v %v", ok, err)
	}
	st := <-status
	if st.Online || !client.IsOffline(st.Err) {
		t.Fatalf("the first round offline: %+v", st)
	}
	svc.start()
	deadline := time.After(time.Minute)
	for st.Err != nil {
		select {
		case st = <-status:
		case <-deadline:
			t.Fatalf("the desktop did not sync within a minute of the service's return: %v", st.Err)
		}
	}
	if st.Report.Applied != 2 || !st.Online {
		t.Fatalf("the round once back: %+v", st.Report)
	}
	appliedOnce(t, sqlDB(t, svc.DBPath), small.Users[g.PGA].ID, before, 4)
}
