package e2e_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/client"
)

// An account service that outgrows one process runs several accountd
// instances on one PostgreSQL database. The tests here start two on one
// database, each behind a proxy of its own, and send desktops' batches and
// pulls to either: a batch whose answer was lost goes again, to the same
// instance or the other, and an instance may die in the middle of one.

// twoInstances copies the small book once and starts two accountd
// processes on the copy.
func twoInstances(t *testing.T) (dsn string, a, b *service) {
	t.Helper()
	if !onPostgres() {
		t.Skipf("several accountd instances share one database on PostgreSQL only; this run's services are on %s", storeName())
	}
	dsn = copyServiceDB(t, smallTemplate)
	return dsn, startOn(t, dsn), startOn(t, dsn)
}

// phoneBook hands out phone numbers no other edit of the test uses, so
// that the audit log tells each operation's update apart.
type phoneBook struct{ n atomic.Int64 }

func (p *phoneBook) next() string {
	k := p.n.Add(1)
	return fmt.Sprintf("%03d-555-%04d", 300+k/10000, k%10000)
}

// sentOp is one operation a client sent, with the phone number it gave.
type sentOp struct {
	Client, Member, Phone string
	Batch                 int
	Shared, Desktop       bool
}

// ledger is what the clients sent and the answers they got.
type ledger struct {
	mu      sync.Mutex
	sent    map[string]sentOp         // by operation ID
	answers map[string]model.OpResult // the answer a raw client got, by operation ID
	held    map[string]bool           // operations a desktop held as conflicts
}

func newLedger() *ledger {
	return &ledger{sent: map[string]sentOp{}, answers: map[string]model.OpResult{}, held: map[string]bool{}}
}

func (l *ledger) send(id string, op sentOp) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent[id] = op
}

func (l *ledger) answer(r model.OpResult) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.answers[r.ID] = r
}

func (l *ledger) hold(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.held[id] = true
}

// checkLedger checks the server against what the clients sent: every
// operation reached it and was answered once for all (applied_ops); an
// applied one left exactly one audited update with its phone number, one
// answered as a conflict none; the audit log has no other update by the
// user since auditFrom; and each member's version rose by exactly the
// number of operations applied to it. It returns how many were applied
// and how many were conflicts.
func checkLedger(t *testing.T, server *sql.DB, userID string, auditFrom int, start map[string]int64, l *ledger) (applied, conflicts int) {
	t.Helper()
	stored := map[string]model.OpResult{}
	rows, err := server.Query(`SELECT id, result FROM applied_ops WHERE user_id = ?`, userID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, result string
		if err := rows.Scan(&id, &result); err != nil {
			t.Fatal(err)
		}
		var r model.OpResult
		if err := json.Unmarshal([]byte(result), &r); err != nil {
			t.Fatalf("the stored answer to %s: %v", id, err)
		}
		stored[id] = r
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	type edit struct{ member, phone string }
	audited := map[edit]int{}
	rows, err = server.Query(`SELECT entity_id, coalesce(`+jsonText("after", "phone")+`, '') FROM audit
		WHERE actor_id = ? AND entity = ? AND action = 'update' AND seq > ?`, userID, model.EntityMember, auditFrom)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var e edit
		if err := rows.Scan(&e.member, &e.phone); err != nil {
			t.Fatal(err)
		}
		audited[e]++
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}

	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	appliedTo := map[string]int64{}
	expected := map[edit]bool{}
	for id, op := range l.sent {
		r, ok := stored[id]
		if !ok {
			bad("operation %s of %s (batch %d, member %s) never reached the server", id, op.Client, op.Batch, op.Member)
			continue
		}
		e := edit{op.Member, op.Phone}
		switch r.Status {
		case model.ResultApplied:
			applied++
			appliedTo[op.Member]++
			expected[e] = true
			if n := audited[e]; n != 1 {
				bad("operation %s of %s (batch %d) was applied: %d audited updates of member %s to %s, want 1", id, op.Client, op.Batch, n, op.Member, op.Phone)
			}
		case model.ResultConflict:
			conflicts++
			if n := audited[e]; n != 0 {
				bad("operation %s of %s (batch %d) was answered as a conflict, yet member %s was updated to %s %d times", id, op.Client, op.Batch, op.Member, op.Phone, n)
			}
			if !op.Shared {
				bad("operation %s of %s (batch %d) on member %s, which no other client edits, was a conflict: %s", id, op.Client, op.Batch, op.Member, r.Reason)
			}
			if op.Desktop && !l.held[id] {
				bad("operation %s of desktop %s was a conflict on the server, but the desktop never held it", id, op.Client)
			}
		default:
			bad("operation %s of %s (batch %d) was %s: %s %s", id, op.Client, op.Batch, r.Status, r.Code, r.Reason)
		}
		if got, ok := l.answers[id]; ok && (got.Status != r.Status || got.Version != r.Version) {
			bad("operation %s of %s (batch %d): the client was answered %s (version %d), the server stored %s (version %d)",
				id, op.Client, op.Batch, got.Status, got.Version, r.Status, r.Version)
		}
		if op.Desktop && l.held[id] && r.Status != model.ResultConflict {
			bad("desktop %s held operation %s, which the server stored as %s", op.Client, id, r.Status)
		}
	}
	for e, n := range audited {
		if !expected[e] {
			bad("member %s was updated to %s %d times by the user, by no operation answered as applied", e.member, e.phone, n)
		}
	}
	for member, n := range appliedTo {
		var version int64
		if err := server.QueryRow(`SELECT version FROM members WHERE id = ?`, member).Scan(&version); err != nil {
			t.Fatalf("member %s on the server: %v", member, err)
		}
		if version != start[member]+n {
			bad("member %s is at version %d: it was at %d and %d operations on it were applied", member, version, start[member], n)
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		t.Fatalf("%d of %d operations sent do not add up on the server (%d applied, %d conflicts), such as:\n%s",
			len(problems), len(l.sent), applied, conflicts, strings.Join(problems[:min(len(problems), 8)], "\n"))
	}
	return applied, conflicts
}

// memberVersions returns the versions of the group's members on the server.
func memberVersions(t *testing.T, server *sql.DB, group string) map[string]int64 {
	t.Helper()
	rows, err := server.Query(`SELECT id, version FROM members WHERE group_id = ?`, group)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	return out
}

// activeSubscribers returns the IDs of the group's active subscribers.
func activeSubscribers(t *testing.T, server *sql.DB, group string) []string {
	t.Helper()
	rows, err := server.Query(`SELECT id FROM members WHERE group_id = ? AND relationship = ? AND status = ? ORDER BY id`,
		group, string(model.RelEmployee), string(model.StatusActive))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// auditHead is the sequence number of the newest audit entry.
func auditHead(t *testing.T, server *sql.DB) int {
	t.Helper()
	return count(t, server, `SELECT coalesce(max(seq), 0) FROM audit`)
}

// errNotRetried is an answer that a retry would not change: a client's
// mistake or the server's failure, which fails the test.
type errNotRetried struct{ msg string }

func (e *errNotRetried) Error() string { return e.msg }

// batchHeader names a batch in its request, for the proxies' hooks.
const batchHeader = "X-Groupdesk-Test-Batch"

// rawClient speaks the sync API itself: it pushes batches of operations
// and reads the change feed with a cursor of its own, remembering the
// latest change it saw of every entity.
type rawClient struct {
	name   string
	hc     *http.Client
	urls   []string // its own instance first
	cursor string
	seen   map[string]model.Change
	// backwards is the first change seen with a lower version than one
	// seen before of the same entity.
	backwards string
	// own and shared are the members it edits: its own, which no other
	// client touches, and those every client edits.
	own, shared []string
	known       map[string]model.Member // the latest it knows of the members it edits
	answered    map[int]int             // batches answered, by the attempt that got the answer
}

func newRawClient(name string, hc *http.Client, urls ...string) *rawClient {
	return &rawClient{name: name, hc: hc, urls: urls, seen: map[string]model.Change{}, known: map[string]model.Member{}, answered: map[int]int{}}
}

// page reads one page of the feed after the client's cursor from the
// instance given.
func (c *rawClient) page(ctx context.Context, base string) (api.ChangesPage, error) {
	var page api.ChangesPage
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/changes?"+url.Values{"cursor": {c.cursor}, "limit": {"500"}}.Encode(), nil)
	if err != nil {
		return page, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return page, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return page, &errNotRetried{fmt.Sprintf("GET /v1/changes at %s: %s %s", base, resp.Status, b)}
	}
	return page, json.NewDecoder(resp.Body).Decode(&page)
}

// pull reads the feed to its end, each page from the next instance in
// turn; a page whose answer was lost is asked again with the same cursor
// (of the other instance).
func (c *rawClient) pull(ctx context.Context) error {
	try := 0
	for {
		var page api.ChangesPage
		var err error
		for attempt := 0; ; attempt++ {
			page, err = c.page(ctx, c.urls[try%len(c.urls)])
			try++
			if err == nil {
				break
			}
			var final *errNotRetried
			if errors.As(err, &final) || attempt == 12 {
				return fmt.Errorf("%s pulling: %w", c.name, err)
			}
		}
		for _, ch := range page.Changes {
			if prev, ok := c.seen[ch.ID]; ok && ch.Version < prev.Version && c.backwards == "" {
				c.backwards = fmt.Sprintf("%s %s went from version %d back to %d", ch.Entity, ch.ID, prev.Version, ch.Version)
			}
			c.seen[ch.ID] = ch
		}
		c.cursor = page.Cursor
		if !page.HasMore {
			return nil
		}
	}
}

// post sends a batch to one instance.
func (c *rawClient) post(ctx context.Context, base, label string, batch api.OpsRequest) (api.OpsResponse, error) {
	var out api.OpsResponse
	body, _ := json.Marshal(batch)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/ops", bytes.NewReader(body))
	if err != nil {
		return out, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(batchHeader, label)
	resp, err := c.hc.Do(req)
	if err != nil {
		return out, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return out, &errNotRetried{fmt.Sprintf("%s: POST /v1/ops at %s: %s %s", label, base, resp.Status, b)}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return out, err
	}
	if len(out.Results) != len(batch.Ops) {
		return out, &errNotRetried{fmt.Sprintf("%s: %d answers to %d operations", label, len(out.Results), len(batch.Ops))}
	}
	for i, r := range out.Results {
		if r.ID != batch.Ops[i].ID {
			return out, &errNotRetried{fmt.Sprintf("%s: answer %d is to operation %s, not %s", label, i, r.ID, batch.Ops[i].ID)}
		}
	}
	return out, nil
}

// send posts a batch until it is answered, starting at instance first and
// going on to the other after each lost answer, as a desktop would with
// the same operation IDs. It returns the answer and the attempt that got
// it (0 for the first).
func (c *rawClient) send(ctx context.Context, first int, label string, batch api.OpsRequest) (api.OpsResponse, int, error) {
	for attempt := 0; ; attempt++ {
		resp, err := c.post(ctx, c.urls[(first+attempt)%len(c.urls)], label, batch)
		if err == nil {
			return resp, attempt, nil
		}
		var final *errNotRetried
		if errors.As(err, &final) || attempt == 12 {
			return resp, attempt, err
		}
	}
}

// member is the latest the client knows of a member it edits: from an
// answer of its own or from the feed, whichever is newer.
func (c *rawClient) member(id string) (model.Member, error) {
	m, ok := c.known[id]
	if ch, seen := c.seen[id]; seen && (!ok || ch.Version > m.Version) {
		m = model.Member{}
		if err := json.Unmarshal(ch.Data, &m); err != nil {
			return m, fmt.Errorf("member %s in the feed: %w", id, err)
		}
		ok = true
	}
	if !ok {
		return m, fmt.Errorf("%s never saw member %s", c.name, id)
	}
	return m, nil
}

// edit makes an operation giving a member a new phone number, on the
// version the client knows, and notes it in the ledger.
func (c *rawClient) edit(id string, phone string, batch int, shared bool, l *ledger) (api.Op, error) {
	m, err := c.member(id)
	if err != nil {
		return api.Op{}, err
	}
	m.Phone = phone
	data, err := json.Marshal(m)
	if err != nil {
		return api.Op{}, err
	}
	op := api.Op{ID: sqlite.NewID(), Entity: model.EntityMember, EntityID: m.ID, GroupID: m.GroupID,
		Action: model.ActionUpdate, BaseVersion: m.Version, Data: data}
	l.send(op.ID, sentOp{Client: c.name, Member: id, Phone: phone, Batch: batch, Shared: shared})
	return op, nil
}

// take learns from the answers to a batch: the new version of a member
// changed, or the server's copy of one in conflict.
func (c *rawClient) take(batch api.OpsRequest, resp api.OpsResponse, l *ledger) error {
	for i, r := range resp.Results {
		l.answer(r)
		op := batch.Ops[i]
		switch r.Status {
		case model.ResultApplied:
			var m model.Member
			if err := json.Unmarshal(op.Data, &m); err != nil {
				return err
			}
			m.Version = r.Version
			c.known[m.ID] = m
		case model.ResultConflict:
			var m model.Member
			if err := json.Unmarshal(r.Current, &m); err != nil {
				return fmt.Errorf("the server's copy of %s in conflict: %w", op.EntityID, err)
			}
			c.known[m.ID] = m
		default:
			return fmt.Errorf("operation %s on member %s was %s: %s %s", r.ID, op.EntityID, r.Status, r.Code, r.Reason)
		}
	}
	return nil
}

// sameAnswers compares the answers to a batch sent twice.
func sameAnswers(first, again api.OpsResponse) error {
	for i := range first.Results {
		f, a := first.Results[i], again.Results[i]
		if f.ID != a.ID || f.Status != a.Status || f.Version != a.Version || f.Code != a.Code || f.Reason != a.Reason || !bytes.Equal(f.Current, a.Current) {
			return fmt.Errorf("operation %s was answered %s (version %d), sent again %s (version %d)", f.ID, f.Status, f.Version, a.Status, a.Version)
		}
	}
	return nil
}

// roundVia runs a desktop's round at instance first, and again at the
// other after each round that failed because an answer was lost: the
// outbox goes again with its operation IDs, and the pull goes on from the
// stored cursor.
func roundVia(ctx context.Context, d *syncer, urls []string, first int) (client.Report, int, error) {
	for attempt := 0; ; attempt++ {
		d.Server = urls[(first+attempt)%len(urls)]
		rep, err := d.Round(ctx)
		if err == nil {
			return rep, attempt, nil
		}
		if !client.IsOffline(err) || attempt == 12 {
			return rep, attempt, err
		}
	}
}

// faults are the answers a proxy lost on purpose.
type faults struct {
	beforeOps, afterOps, pages atomic.Int32
}

// loseSome makes the proxy lose some batches before they reach accountd,
// the answers to some after accountd committed them, and some pages of the
// feed.
func loseSome(p *proxy) *faults {
	f := &faults{}
	var opsIn, opsOut, pagesOut atomic.Int32
	p.setHook(func(r *http.Request, resp *http.Response) error {
		switch {
		case r.URL.Path == "/v1/ops" && resp == nil:
			if opsIn.Add(1)%9 == 5 {
				f.beforeOps.Add(1)
				return errDrop
			}
		case r.URL.Path == "/v1/ops" && resp.StatusCode == http.StatusOK:
			if opsOut.Add(1)%4 == 2 {
				f.afterOps.Add(1)
				return errDrop
			}
		case r.URL.Path == "/v1/changes" && resp != nil:
			if pagesOut.Add(1)%11 == 6 {
				f.pages.Add(1)
				return errDrop
			}
		}
		return nil
	})
	return f
}

// feedRows returns the server's change feed of one group: each entity's
// latest change.
func feedRows(t *testing.T, server *sql.DB, group string) map[string]model.Change {
	t.Helper()
	rows, err := server.Query(`SELECT entity, entity_id, version, deleted, coalesce(data, '') FROM changes WHERE group_id = ?`, group)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]model.Change{}
	for rows.Next() {
		var c model.Change
		var data string
		if err := rows.Scan(&c.Entity, &c.ID, &c.Version, &c.Deleted, &data); err != nil {
			t.Fatal(err)
		}
		c.Data = json.RawMessage(data)
		out[c.ID] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sawEverything fails the test unless the client, having read its cursor
// to the end, holds the latest change of every entity a reader starting
// afresh gets, and of every member and the group in the server's feed, as
// the server has it; and nothing else.
func sawEverything(t *testing.T, c *rawClient, fresh map[string]model.Change, feed map[string]model.Change) {
	t.Helper()
	var diffs []string
	if c.backwards != "" {
		diffs = append(diffs, c.backwards)
	}
	for id, want := range fresh {
		got, ok := c.seen[id]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("never saw %s %s (version %d)", want.Entity, id, want.Version))
		case got.Version != want.Version || got.Deleted != want.Deleted:
			diffs = append(diffs, fmt.Sprintf("%s %s: saw version %d last, a fresh reader gets %d", want.Entity, id, got.Version, want.Version))
		}
	}
	for id, got := range c.seen {
		if _, ok := fresh[id]; !ok {
			diffs = append(diffs, fmt.Sprintf("saw %s %s, which a fresh reader does not get", got.Entity, id))
		}
	}
	for id, want := range feed {
		if want.Entity != model.EntityMember && want.Entity != model.EntityGroup {
			continue
		}
		got, ok := c.seen[id]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("missed %s %s of the server's feed (version %d)", want.Entity, id, want.Version))
		case got.Version != want.Version || !bytes.Equal(got.Data, want.Data):
			diffs = append(diffs, fmt.Sprintf("%s %s: holds version %d, the server %d\n  client %s\n  server %s", want.Entity, id, got.Version, want.Version, got.Data, want.Data))
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		t.Errorf("%s's view of the feed differs in %d ways, such as:\n%s", c.name, len(diffs), strings.Join(diffs[:min(len(diffs), 5)], "\n"))
	}
}

func TestTwoInstancesFiftyClientsConvergeWithNothingAppliedTwiceOrMissed(t *testing.T) {
	t.Parallel()
	dsn, a, b := twoInstances(t)
	urls := []string{a.URL, b.URL}
	g := small.largest()
	user := small.Users[g.PGA]
	server := sqlDB(t, dsn)
	auditFrom := auditHead(t, server)
	start := memberVersions(t, server, g.ID)
	const (
		desktops = 10
		raws     = 40
		own      = 3 // members of each client's own
		shared   = 3 // members every client edits
		batches  = 4
	)
	ids := activeSubscribers(t, server, g.ID)
	if len(ids) < shared+(desktops+raws)*own {
		t.Fatalf("the group has %d active subscribers; the test needs %d", len(ids), shared+(desktops+raws)*own)
	}
	sharedIDs := ids[:shared]
	isShared := map[string]bool{}
	for _, id := range sharedIDs {
		isShared[id] = true
	}
	ownOf := func(i int) []string { return ids[shared+i*own : shared+(i+1)*own] }
	began := time.Now()
	// Ten desktops, half at each instance, each signed in on its own.
	desks := make([]*syncer, desktops)
	for i := range desks {
		desks[i] = []*service{a, b}[i%2].newSyncer(t, g.PGA)
	}
	// Forty raw clients, half at each instance, over a few sign-ins made
	// at either (a sign-in made at one instance is good at the other).
	var sessions []*http.Client
	for i := range 4 {
		hc := bearerClient([]*service{a, b}[i%2].signIn(t, g.PGA, demoPassword))
		hc.Timeout = time.Minute
		sessions = append(sessions, hc)
	}
	rawc := make([]*rawClient, raws)
	for i := range rawc {
		home := i % 2
		rawc[i] = newRawClient(fmt.Sprintf("client %d", i), sessions[i%len(sessions)], urls[home], urls[1-home])
		rawc[i].own, rawc[i].shared = ownOf(desktops+i), sharedIDs
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Every client reads everything it may see before any edit is made,
	// so that the first edits of the shared members are all made on the
	// same version.
	var wg sync.WaitGroup
	for _, d := range desks {
		wg.Go(func() {
			if _, err := d.Round(ctx); err != nil {
				t.Errorf("a desktop's first round: %v", err)
			}
		})
	}
	for _, c := range rawc {
		wg.Go(func() {
			if err := c.pull(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("50 clients signed in and pulled the group's %d members in %s", g.Members, time.Since(began).Round(time.Millisecond))

	// From now on both proxies lose batches, answers to committed batches
	// and pages of the feed, and pages are at most 150 changes long: a
	// pull reads several, from either instance, while batches commit.
	a.Proxy.setPageLimit(150)
	b.Proxy.setPageLimit(150)
	lost := []*faults{loseSome(a.Proxy), loseSome(b.Proxy)}
	l := newLedger()
	var ph phoneBook
	var retriedDesk, retriedRaw, resent atomic.Int32
	began = time.Now()
	for i, d := range desks {
		name := fmt.Sprintf("desktop %d", i)
		mine := ownOf(i)
		dctx := signedInCtx(t, d.DB)
		wg.Go(func() {
			for k := range batches {
				edits := append(append([]string(nil), mine...), sharedIDs[k%shared])
				for _, id := range edits {
					m, err := d.DB.Member(dctx, id)
					if err != nil {
						t.Errorf("%s: member %s: %v", name, id, err)
						return
					}
					m.Phone = ph.next()
					if err := d.DB.UpdateMember(dctx, &m); err != nil {
						t.Errorf("%s editing %s: %v", name, id, err)
						return
					}
				}
				pending, err := d.DB.PendingOps(ctx, 100)
				if err != nil || len(pending) != len(edits) {
					t.Errorf("%s has %d operations to push, want %d: %v", name, len(pending), len(edits), err)
					return
				}
				for _, op := range pending {
					var m model.Member
					if err := json.Unmarshal(op.Payload, &m); err != nil {
						t.Errorf("%s's operation %s: %v", name, op.ID, err)
						return
					}
					l.send(op.ID, sentOp{Client: name, Member: op.EntityID, Phone: m.Phone, Batch: k, Shared: isShared[op.EntityID], Desktop: true})
				}
				rep, attempt, err := roundVia(ctx, d, urls, i%2)
				if err != nil {
					t.Errorf("%s's round %d: %v", name, k, err)
					return
				}
				if attempt > 0 {
					retriedDesk.Add(1)
				}
				if rep.Refused != 0 {
					t.Errorf("%s's round %d: %+v", name, k, rep)
				}
				// The person takes the server's version of each change
				// held as a conflict.
				held, err := d.DB.Held(dctx)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					return
				}
				for _, h := range held {
					l.hold(h.ID)
					if err := d.DB.KeepServer(dctx, h.ID); err != nil {
						t.Errorf("%s keeping the server's version of %s: %v", name, h.EntityID, err)
						return
					}
				}
			}
		})
	}
	for i, c := range rawc {
		wg.Go(func() {
			for k := range batches {
				label := fmt.Sprintf("%s batch %d", c.name, k)
				var batch api.OpsRequest
				for _, id := range append(append([]string(nil), c.own...), c.shared[k%shared]) {
					op, err := c.edit(id, ph.next(), k, isShared[id], l)
					if err != nil {
						t.Errorf("%s: %v", label, err)
						return
					}
					batch.Ops = append(batch.Ops, op)
				}
				resp, attempt, err := c.send(ctx, i%2, label, batch)
				if err != nil {
					t.Errorf("%s: %v", label, err)
					return
				}
				c.answered[attempt]++
				if attempt > 0 {
					retriedRaw.Add(1)
				}
				if err := c.take(batch, resp, l); err != nil {
					t.Errorf("%s: %v", label, err)
					return
				}
				// Every other answered batch goes again to the other
				// instance: the same answers, nothing applied again.
				if k%2 == 1 {
					again, _, err := c.send(ctx, i%2+1, label+" again", batch)
					if err != nil {
						t.Errorf("%s: %v", label, err)
						return
					}
					resent.Add(1)
					if err := sameAnswers(resp, again); err != nil {
						t.Errorf("%s sent again: %v", label, err)
						return
					}
				}
				if err := c.pull(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("50 clients pushed %d operations in %d batches in %s: lost %d+%d batches before accountd, %d+%d answers after it committed, %d+%d pages; %d desktop rounds and %d raw batches needed a retry, %d answered batches were sent again",
		len(l.sent), desktops*batches+raws*batches, time.Since(began).Round(time.Millisecond),
		lost[0].beforeOps.Load(), lost[1].beforeOps.Load(), lost[0].afterOps.Load(), lost[1].afterOps.Load(),
		lost[0].pages.Load(), lost[1].pages.Load(), retriedDesk.Load(), retriedRaw.Load(), resent.Load())
	for i, f := range lost {
		if f.afterOps.Load() == 0 {
			t.Errorf("the proxy of instance %d lost no answer to a committed batch: nothing was retried after a commit there", i)
		}
	}

	// (a) Every operation was applied once or answered as a conflict, and
	// the first edits of a shared member, all made on one version, were
	// applied once between them.
	a.Proxy.setHook(nil)
	b.Proxy.setHook(nil)
	applied, conflicts := checkLedger(t, server, user.ID, auditFrom, start, l)
	stored := map[string]string{}
	for id, op := range l.sent {
		if op.Batch == 0 && op.Member == sharedIDs[0] {
			var result string
			if err := server.QueryRow(`SELECT result FROM applied_ops WHERE id = ?`, id).Scan(&result); err != nil {
				t.Fatal(err)
			}
			var r model.OpResult
			json.Unmarshal([]byte(result), &r)
			stored[id] = r.Status
		}
	}
	firstApplied := 0
	for _, s := range stored {
		if s == model.ResultApplied {
			firstApplied++
		}
	}
	if len(stored) != desktops+raws || firstApplied != 1 {
		t.Errorf("of %d first edits of member %s, all made on version %d, %d were applied: want exactly one, the rest conflicts",
			len(stored), sharedIDs[0], start[sharedIDs[0]], firstApplied)
	}
	t.Logf("%d operations applied once each, %d answered as conflicts", applied, conflicts)

	// (b) Each desktop, after one more round, holds the server's members.
	for i, d := range desks {
		if _, _, err := roundVia(ctx, d, urls, i%2); err != nil {
			t.Fatalf("desktop %d's last round: %v", i, err)
		}
		desk := sqlDB(t, d.Path)
		outboxEmpty(t, desk)
		sameMembers(t, desk, server, g.ID)
	}

	// (c) Each raw client, reading its cursor to the end, saw the latest
	// change of every member, as a reader starting afresh gets it.
	for _, c := range rawc {
		if err := c.pull(ctx); err != nil {
			t.Fatal(err)
		}
	}
	freshReader := newRawClient("a fresh reader", sessions[0], urls...)
	if err := freshReader.pull(ctx); err != nil {
		t.Fatal(err)
	}
	feed := feedRows(t, server, g.ID)
	if members := count(t, server, `SELECT count(*) FROM members WHERE group_id = ?`, g.ID); len(freshReader.seen) < members {
		t.Fatalf("a fresh reader got %d changes; the group has %d members", len(freshReader.seen), members)
	}
	for _, c := range rawc {
		sawEverything(t, c, freshReader.seen, feed)
	}
}

// countApplied counts the operations of a batch the server has stored an
// answer to.
func countApplied(t *testing.T, server *sql.DB, batch api.OpsRequest) int {
	t.Helper()
	args := make([]any, len(batch.Ops))
	for i, op := range batch.Ops {
		args[i] = op.ID
	}
	return count(t, server, `SELECT count(*) FROM applied_ops WHERE id IN (?`+strings.Repeat(",?", len(args)-1)+`)`, args...)
}

// killPhase is one batch from each client, sent to the instance that is
// killed; a batch it did not answer waits for the test, then goes to the
// other instance.
type killPhase struct {
	tried, done sync.WaitGroup
	mu          sync.Mutex
	batches     map[string]api.OpsRequest // by label
	unanswered  map[string]bool           // batches whose answer from the killed instance never came
	byB         atomic.Int32              // batches the other instance answered
}

// run starts the clients' batch k: first to dying, then, once retry is
// closed, to the other instance (each client's urls).
func (p *killPhase) run(t *testing.T, ctx context.Context, clients []*rawClient, k int, dying string, retry <-chan struct{}, ph *phoneBook, l *ledger) {
	p.batches, p.unanswered = map[string]api.OpsRequest{}, map[string]bool{}
	for _, c := range clients {
		label := fmt.Sprintf("%s batch %d", c.name, k)
		var batch api.OpsRequest
		for _, id := range c.own {
			op, err := c.edit(id, ph.next(), k, false, l)
			if err != nil {
				t.Fatal(err)
			}
			batch.Ops = append(batch.Ops, op)
		}
		p.batches[label] = batch
		p.tried.Add(1)
		p.done.Add(1)
		go func() {
			defer p.done.Done()
			resp, err := c.post(ctx, dying, label, batch)
			var final *errNotRetried
			if err != nil && !errors.As(err, &final) {
				p.mu.Lock()
				p.unanswered[label] = true
				p.mu.Unlock()
			}
			p.tried.Done() // after the mark: the test reads it once every batch was tried
			if err != nil {
				if final != nil {
					t.Error(err)
					return
				}
				<-retry
				if resp, _, err = c.send(ctx, 0, label, batch); err != nil {
					t.Errorf("%s sent again: %v", label, err)
					return
				}
				p.byB.Add(1)
			}
			if err := c.take(batch, resp, l); err != nil {
				t.Errorf("%s: %v", label, err)
			}
		}()
	}
}

// wholeOrNothing checks, while the batches that went unanswered wait, that
// each answered batch is wholly on the server and each unanswered one
// wholly or not at all; it returns how many unanswered ones are there.
func (p *killPhase) wholeOrNothing(t *testing.T, server *sql.DB) (committed int) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for label, batch := range p.batches {
		switch n := countApplied(t, server, batch); {
		case !p.unanswered[label] && n != len(batch.Ops):
			t.Fatalf("%s was answered, yet %d of its %d operations are on the server", label, n, len(batch.Ops))
		case p.unanswered[label] && n == len(batch.Ops):
			committed++
		case p.unanswered[label] && n != 0:
			t.Fatalf("%s, unanswered when accountd was killed, has %d of its %d operations on the server: half a batch", label, n, len(batch.Ops))
		}
	}
	return committed
}

// waitGone waits until the PostgreSQL backend pid has ended.
func waitGone(t *testing.T, server *sql.DB, pid int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for count(t, server, `SELECT count(*) FROM pg_stat_activity WHERE pid = ?`, pid) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the killed accountd's connection (backend %d) was still open a minute later", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestTwoInstancesOneKilledMidBatchLosesNothingAcknowledged(t *testing.T) {
	t.Parallel()
	dsn, a, b := twoInstances(t)
	g := small.largest()
	user := small.Users[g.PGA]
	server := sqlDB(t, dsn)
	auditFrom := auditHead(t, server)
	start := memberVersions(t, server, g.ID)
	const clients, per = 6, 40
	ids := activeSubscribers(t, server, g.ID)
	if len(ids) < clients*per {
		t.Fatalf("the group has %d active subscribers; the test needs %d", len(ids), clients*per)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	hc := bearerClient(a.signIn(t, g.PGA, demoPassword))
	hc.Timeout = time.Minute
	reader := newRawClient("the reader", hc, a.URL)
	if err := reader.pull(ctx); err != nil {
		t.Fatal(err)
	}
	// Every client sends its batches to A; one that A does not answer goes
	// to B.
	cs := make([]*rawClient, clients)
	for i := range cs {
		cs[i] = newRawClient(fmt.Sprintf("client %d", i), hc, b.URL)
		cs[i].own = ids[i*per : (i+1)*per]
		for _, id := range cs[i].own {
			var m model.Member
			if err := json.Unmarshal(reader.seen[id].Data, &m); err != nil {
				t.Fatalf("member %s in the feed: %v", id, err)
			}
			cs[i].known[id] = m
		}
	}
	l := newLedger()
	var ph phoneBook

	// The first batches: both instances up.
	var p0 killPhase
	p0.run(t, ctx, cs, 0, a.URL, nil, &ph, l)
	p0.done.Wait()
	if len(p0.unanswered) != 0 || t.Failed() {
		t.Fatalf("with nothing killed, %d batches went unanswered", len(p0.unanswered))
	}

	// A is killed in the middle of a batch: client 0's second batch waits
	// at its 21st operation for a member the test holds locked, with the
	// twenty before it written in A's transaction, and the batches behind
	// it wait their turn.
	victim := cs[0].own[per/2]
	conn, err := server.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	lock, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var locked string
	if err := lock.QueryRowContext(ctx, `SELECT id FROM members WHERE id = ? FOR UPDATE`, victim).Scan(&locked); err != nil {
		t.Fatal(err)
	}
	retry := make(chan struct{})
	var p1 killPhase
	p1.run(t, ctx, cs, 1, a.URL, retry, &ph, l)
	deadline := time.Now().Add(time.Minute)
	var pid int
	var query string
	for {
		err := server.QueryRow(`SELECT pid, query FROM pg_stat_activity WHERE datname = current_database()
			AND state = 'active' AND wait_event_type = 'Lock' AND wait_event IN ('transactionid', 'tuple')`).Scan(&pid, &query)
		if err == nil {
			break
		}
		if !errors.Is(err, sql.ErrNoRows) {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatal("no batch came to wait for the locked member within a minute")
		}
		time.Sleep(10 * time.Millisecond)
	}
	a.kill()
	p1.tried.Wait()
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	waitGone(t, server, pid)
	victimBatch := "client 0 batch 1"
	if !p1.unanswered[victimBatch] {
		t.Fatalf("%s, waiting for the locked member when A was killed, was answered", victimBatch)
	}
	if n := countApplied(t, server, p1.batches[victimBatch]); n != 0 {
		t.Fatalf("%s was cut off at its 21st operation, yet %d of its operations are on the server", victimBatch, n)
	}
	committed := p1.wholeOrNothing(t, server)
	t.Logf("A was killed while %s waited in %q: %d batches went unanswered, %d of them committed before the kill",
		victimBatch, tail(query, 80), len(p1.unanswered), committed)
	close(retry)
	p1.done.Wait()
	if t.Failed() {
		t.FailNow()
	}

	// A, started again, is killed once it has committed the third batch of
	// the round and before that batch's answer leaves.
	a.start()
	var answers atomic.Int32
	var lost atomic.Value
	a.Proxy.setHook(func(r *http.Request, resp *http.Response) error {
		if r.URL.Path != "/v1/ops" || resp == nil || answers.Add(1) != 3 {
			return nil
		}
		lost.Store(r.Header.Get(batchHeader))
		a.kill()
		return errDrop
	})
	retry = make(chan struct{})
	var p2 killPhase
	p2.run(t, ctx, cs, 2, a.URL, retry, &ph, l)
	p2.tried.Wait()
	lostBatch, _ := lost.Load().(string)
	if lostBatch == "" || !p2.unanswered[lostBatch] {
		t.Fatalf("no batch lost its answer to the kill (%q)", lostBatch)
	}
	if n, want := countApplied(t, server, p2.batches[lostBatch]), len(p2.batches[lostBatch].Ops); n != want {
		t.Fatalf("%s was committed before A was killed, yet %d of its %d operations are on the server", lostBatch, n, want)
	}
	committed = p2.wholeOrNothing(t, server)
	t.Logf("A was killed after committing %s: %d batches went unanswered, %d of them committed", lostBatch, len(p2.unanswered), committed)
	close(retry)
	p2.done.Wait()
	if t.Failed() {
		t.FailNow()
	}

	// Everything acknowledged by either instance is on the server once;
	// nothing sent again was applied twice.
	applied, conflicts := checkLedger(t, server, user.ID, auditFrom, start, l)
	if want := clients * per * 3; applied != want || conflicts != 0 {
		t.Fatalf("%d operations applied and %d conflicts, want %d applied", applied, conflicts, want)
	}
	if p1.byB.Load() == 0 || p2.byB.Load() == 0 {
		t.Fatalf("B answered %d and %d batches after the kills, want some each time", p1.byB.Load(), p2.byB.Load())
	}
}
