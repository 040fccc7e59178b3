package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/client"
)

// The benchmarks run against a real accountd on loopback (no proxy) over a
// copy of the default demo book: 48,000 people, a large group of about
// 19,400 subscribers and 46,000 people. Each pairs its figure (…Store) with
// a baseline measured in the same run (…Plain), which make bench prints as
// a ratio.

// newBenchService starts accountd on a copy of the default book and signs
// the large group's PGA in.
func newBenchService(b *testing.B) (*service, groupFact, *oauth2.Token) {
	b.Helper()
	template, facts := bigBook(b)
	svc := startDirect(b, template, true)
	g := facts.largest()
	return svc, g, svc.signIn(b, g.PGA, demoPassword)
}

// desktopFor opens an empty desktop database syncing as the token's user,
// with the page and batch sizes of the app.
func desktopFor(b *testing.B, svc *service, tok *oauth2.Token) *client.Syncer {
	b.Helper()
	dir, err := os.MkdirTemp(b.TempDir(), "desktop-")
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(model.WithPrincipal(context.Background(), model.LocalOwner), filepath.Join(dir, "groupdesk.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return &client.Syncer{Server: svc.URL, DB: db, PageLimit: 2000, BatchSize: 200, HTTP: bearerClient(tok)}
}

// dropDesktop closes a desktop database and removes its files.
func dropDesktop(s *client.Syncer) {
	s.DB.Close()
	os.RemoveAll(filepath.Dir(s.DB.Path))
}

// bearerClient sends the token's access token (valid for the whole run).
func bearerClient(tok *oauth2.Token) *http.Client {
	return &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(tok),
		Base: &http.Transport{MaxIdleConnsPerHost: 256}}, Timeout: 5 * time.Minute}
}

// BenchmarkInitialPullStore is a desktop's first sync as the PGA of the
// large group: every page of the change feed fetched and stored.
func BenchmarkInitialPullStore(b *testing.B) {
	svc, g, tok := newBenchService(b)
	b.ResetTimer()
	var elapsed time.Duration
	for range b.N {
		b.StopTimer()
		s := desktopFor(b, svc, tok)
		b.StartTimer()
		start := time.Now()
		rep, err := s.Round(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		if rep.Pulled < g.Members {
			b.Fatalf("pulled %d changes, the group has %d members", rep.Pulled, g.Members)
		}
		b.StopTimer()
		dropDesktop(s)
		b.StartTimer()
	}
	b.ReportMetric(float64(g.Members)*float64(b.N)/elapsed.Seconds(), "members/s")
	b.ReportMetric(float64(g.Members), "members")
}

// BenchmarkInitialPullPlain fetches the same pages and decodes them,
// storing nothing.
func BenchmarkInitialPullPlain(b *testing.B) {
	svc, g, tok := newBenchService(b)
	hc := bearerClient(tok)
	b.ResetTimer()
	var elapsed time.Duration
	for range b.N {
		start := time.Now()
		n := 0
		cursor := ""
		for {
			var page api.ChangesPage
			getJSON(b, hc, svc.URL+"/v1/changes?"+url.Values{"cursor": {cursor}, "limit": {"2000"}}.Encode(), &page)
			n += len(page.Changes)
			cursor = page.Cursor
			if !page.HasMore {
				break
			}
		}
		elapsed += time.Since(start)
		if n < g.Members {
			b.Fatalf("fetched %d changes, the group has %d members", n, g.Members)
		}
	}
	b.ReportMetric(float64(g.Members)*float64(b.N)/elapsed.Seconds(), "members/s")
}

func getJSON(b *testing.B, hc *http.Client, u string, out any) {
	b.Helper()
	resp, err := hc.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		b.Fatalf("GET %s: %s %s", u, resp.Status, body)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		b.Fatal(err)
	}
}

// syncedDesktop is the large group's PGA's desktop after its first sync,
// opened again: the rounds measured start from a settled desktop, not
// beside the copy of the first sync's WAL that runs on after it.
func syncedDesktop(b *testing.B) (*service, groupFact, *client.Syncer) {
	b.Helper()
	svc, g, tok := newBenchService(b)
	s := desktopFor(b, svc, tok)
	if _, err := s.Round(context.Background()); err != nil {
		b.Fatal(err)
	}
	if err := s.DB.Close(); err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(model.WithPrincipal(context.Background(), model.LocalOwner), s.DB.Path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s.DB = db
	return svc, g, s
}

// BenchmarkRound100OpsStore is an incremental round: 100 member changes
// made offline are pushed, and pulled back with the server's versions.
func BenchmarkRound100OpsStore(b *testing.B) {
	_, g, s := syncedDesktop(b)
	ctx := signedInCtx(b, s.DB)
	page, err := s.DB.Members(ctx, model.MemberQuery{GroupID: g.ID, Relationship: model.RelEmployee, Status: model.StatusActive, Limit: 100})
	if err != nil || len(page.Members) != 100 {
		b.Fatalf("%d subscribers: %v", len(page.Members), err)
	}
	ids := make([]string, len(page.Members))
	for i, m := range page.Members {
		ids[i] = m.ID
	}
	b.ResetTimer()
	for n := range b.N {
		b.StopTimer()
		for i, id := range ids {
			m, err := s.DB.Member(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			m.Phone = fmt.Sprintf("%03d-555-%04d", 200+n%700, i)
			if err := s.DB.UpdateMember(ctx, &m); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		rep, err := s.Round(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if rep.Applied != 100 || rep.Pulled < 100 {
			b.Fatalf("round: %+v", rep)
		}
	}
}

// BenchmarkRound100OpsPlain is a round with nothing to push or pull.
func BenchmarkRound100OpsPlain(b *testing.B) {
	_, _, s := syncedDesktop(b)
	b.ResetTimer()
	for range b.N {
		rep, err := s.Round(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if rep.Pushed != 0 || rep.Pulled != 0 {
			b.Fatalf("round: %+v", rep)
		}
	}
}

const (
	pushClients   = 200
	opsPerClient  = 500
	opsPerBatch   = 100
	batchesPerRun = opsPerClient / opsPerBatch
)

// pushClient is one desktop pushing member changes: its own share of the
// large group's members, with the versions the server gave them.
type pushClient struct {
	hc      *http.Client
	members []model.Member
	next    int
	// url, when set, is the instance of the service this client talks to.
	url string
}

// newPushClients signs in and gives each client its share of the group.
func newPushClients(b *testing.B, svc *service, g groupFact) []*pushClient {
	b.Helper()
	sys := sqlDB(b, svc.DBPath)
	rows, err := sys.Query(`SELECT id FROM members WHERE group_id = ? ORDER BY id`, g.ID)
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) < pushClients*opsPerBatch {
		b.Fatalf("the large group has %d members; %d clients need %d each", len(ids), pushClients, opsPerBatch)
	}
	// The members as the PGA's desktop holds them, fetched through the API.
	tok := svc.signIn(b, g.PGA, demoPassword)
	hc := bearerClient(tok)
	byID := map[string]model.Member{}
	cursor := ""
	for {
		var page api.ChangesPage
		getJSON(b, hc, svc.URL+"/v1/changes?"+url.Values{"cursor": {cursor}, "limit": {"10000"}}.Encode(), &page)
		for _, c := range page.Changes {
			if c.Entity == model.EntityMember {
				var m model.Member
				if err := json.Unmarshal(c.Data, &m); err != nil {
					b.Fatal(err)
				}
				byID[m.ID] = m
			}
		}
		cursor = page.Cursor
		if !page.HasMore {
			break
		}
	}
	// A few sign-ins shared by the clients, as desktops of a few people.
	sessions := []*http.Client{hc}
	for range 3 {
		sessions = append(sessions, bearerClient(svc.signIn(b, g.PGA, demoPassword)))
	}
	per := len(ids) / pushClients
	clients := make([]*pushClient, pushClients)
	for i := range clients {
		c := &pushClient{hc: sessions[i%len(sessions)]}
		for _, id := range ids[i*per : (i+1)*per] {
			c.members = append(c.members, byID[id])
		}
		clients[i] = c
	}
	return clients
}

// batch returns the client's next batch of member changes.
func (c *pushClient) batch(round int) api.OpsRequest {
	req := api.OpsRequest{Ops: make([]api.Op, opsPerBatch)}
	for i := range req.Ops {
		m := &c.members[c.next%len(c.members)]
		c.next++
		edited := *m
		edited.Phone = fmt.Sprintf("%03d-555-%04d", 200+round%700, c.next%10000)
		data, _ := json.Marshal(edited)
		req.Ops[i] = api.Op{ID: sqlite.NewID(), Entity: model.EntityMember, EntityID: m.ID, GroupID: m.GroupID,
			Action: model.ActionUpdate, BaseVersion: m.Version, Data: data}
	}
	return req
}

// post sends a batch and returns the answer.
func (c *pushClient) post(svcURL string, req api.OpsRequest) (api.OpsResponse, error) {
	var out api.OpsResponse
	body, _ := json.Marshal(req)
	resp, err := c.hc.Post(svcURL+"/v1/ops", "application/json", bytes.NewReader(body))
	if err != nil {
		return out, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return out, fmt.Errorf("%s: %s", resp.Status, b)
	}
	return out, json.NewDecoder(resp.Body).Decode(&out)
}

// loadStats is what a load of batches measured.
type loadStats struct {
	latencies []time.Duration
	ops, errs int
	firstErr  error
	elapsed   time.Duration
}

// drive runs every client at once, each posting its batches one after the
// other; an error is a failed request or an operation not applied.
// Each client makes its next batch once the previous one was answered (it
// may change the same member again, on the version the service gave).
func drive(svcURL string, clients []*pushClient, next func(i, k int) api.OpsRequest, st *loadStats) {
	var mu sync.Mutex
	start := time.Now()
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Go(func() {
			for k := range batchesPerRun {
				req := next(i, k)
				t0 := time.Now()
				to := svcURL
				if c.url != "" {
					to = c.url
				}
				resp, err := c.post(to, req)
				took := time.Since(t0)
				if err == nil && len(resp.Results) != len(req.Ops) {
					err = fmt.Errorf("%d results for %d operations", len(resp.Results), len(req.Ops))
				}
				bad := 0
				for k, r := range resp.Results {
					if r.Status != api.OpApplied {
						bad++
						if err == nil {
							err = fmt.Errorf("operation %s: %s %s", r.ID, r.Status, r.Reason)
						}
						continue
					}
					c.applied(req.Ops[k], r.Version)
				}
				mu.Lock()
				st.latencies = append(st.latencies, took)
				st.ops += len(req.Ops)
				st.errs += max(bad, min(1, countErr(err)))
				if err != nil && st.firstErr == nil {
					st.firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	st.elapsed += time.Since(start)
}

func countErr(err error) int {
	if err != nil {
		return 1
	}
	return 0
}

// report reports operations per second, the batches' latencies and the
// errors, which fail the benchmark.
func (st *loadStats) report(b *testing.B) {
	b.Helper()
	if st.firstErr != nil {
		b.Errorf("%d errors, the first: %v", st.errs, st.firstErr)
	}
	slices.Sort(st.latencies)
	pct := func(p float64) float64 {
		return float64(st.latencies[min(len(st.latencies)-1, int(p*float64(len(st.latencies))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(st.ops)/st.elapsed.Seconds(), "ops/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(st.errs), "errors")
}

// applied takes the server's new version of a member the client changed.
func (c *pushClient) applied(op api.Op, version int64) {
	for i := range c.members {
		if c.members[i].ID == op.EntityID {
			c.members[i].Version = version
			return
		}
	}
}

// BenchmarkPush200ClientsStore: 200 desktops at once, each pushing 500
// member changes in batches of 100, against one accountd.
func BenchmarkPush200ClientsStore(b *testing.B) {
	svc, g, _ := newBenchService(b)
	clients := newPushClients(b, svc, g)
	pushRounds(b, svc.URL, clients)
}

// pushRounds times b.N rounds of every client pushing its next batch and
// reports the load's figures.
func pushRounds(b *testing.B, url string, clients []*pushClient) {
	var st loadStats
	b.ResetTimer()
	for round := range b.N {
		drive(url, clients, func(i, _ int) api.OpsRequest { return clients[i].batch(round) }, &st)
	}
	b.StopTimer()
	st.report(b)
}

// BenchmarkPush200ClientsPlain: the same load of batches the service has
// already applied (every desktop retrying after lost answers):
// authentication, transport and the idempotency check, without the writes.
func BenchmarkPush200ClientsPlain(b *testing.B) {
	svc, g, _ := newBenchService(b)
	clients := newPushClients(b, svc, g)
	sent := make([][]api.OpsRequest, len(clients))
	var mu sync.Mutex
	var first loadStats
	drive(svc.URL, clients, func(i, _ int) api.OpsRequest {
		req := clients[i].batch(0)
		mu.Lock()
		sent[i] = append(sent[i], req)
		mu.Unlock()
		return req
	}, &first)
	if first.firstErr != nil {
		b.Fatal(first.firstErr)
	}
	var st loadStats
	b.ResetTimer()
	for range b.N {
		drive(svc.URL, clients, func(i, k int) api.OpsRequest { return sent[i][k] }, &st)
	}
	b.StopTimer()
	st.report(b)
}

// benchPostgres runs the load of BenchmarkPush200ClientsStore against
// accountd on PostgreSQL, with the clients spread over instances processes
// of the service on the one database.
func benchPostgres(b *testing.B, instances int) {
	template, facts := pgBigBook(b)
	first := startDirect(b, template, true)
	urls := []string{first.URL}
	for range instances - 1 {
		urls = append(urls, startDirect(b, first.DBPath, false).URL)
	}
	g := facts.largest()
	clients := newPushClients(b, first, g)
	for i, c := range clients {
		c.url = urls[i%len(urls)]
	}
	pushRounds(b, first.URL, clients)
}

// BenchmarkPush200ClientsPostgresOne: the 200-client push against one
// accountd on PostgreSQL (make bench sets it beside the SQLite figure).
func BenchmarkPush200ClientsPostgresOne(b *testing.B) { benchPostgres(b, 1) }

// BenchmarkPush200ClientsPostgresTwo: the same load spread over two
// accountd instances on one PostgreSQL database.
func BenchmarkPush200ClientsPostgresTwo(b *testing.B) { benchPostgres(b, 2) }
