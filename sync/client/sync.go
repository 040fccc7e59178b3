// Package client is the desktop side of sync: signing in to the account
// service, keeping the refresh token, pushing the outbox and pulling the
// change feed. It stores through model/sqlite and speaks sync/api.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// Syncer runs sync rounds between a desktop database and an account service.
type Syncer struct {
	Server string       // the account service's base URL
	HTTP   *http.Client // carries the bearer token
	DB     *sqlite.DB
	// PageLimit and BatchSize bound one pull page and one push batch.
	PageLimit int
	BatchSize int
	// Progress, when set, is told what a round has done so far after each
	// batch of operations sent and each page of changes stored, so that a
	// first sync of a large group shows it is moving.
	Progress func(Report)
}

// accountService is who the desktop's audit log names for changes that
// arrive by sync.
var accountService = &model.Principal{UserID: "account-service", Name: "Account service", System: true}

// Report says what one round did.
type Report struct {
	Pushed    int
	Applied   int
	Conflicts int
	Refused   int
	Pulled    int
	Me        api.Me
	Files     FileReport
}

// Round pushes every pending operation, refreshes who the user is, and
// pulls the change feed to its end; the vault's files go up before the
// operations that name them and come down after the documents pulled.
func (s *Syncer) Round(ctx context.Context) (Report, error) {
	ctx = model.WithPrincipal(ctx, accountService)
	var rep Report
	if err := s.sendFiles(ctx, &rep); err != nil {
		return rep, err
	}
	if err := s.push(ctx, &rep); err != nil {
		return rep, err
	}
	me, err := s.Me(ctx)
	if err != nil {
		return rep, err
	}
	rep.Me = me
	if err := s.pull(ctx, &rep); err != nil {
		return rep, err
	}
	if err := s.fetchFiles(ctx, &rep); err != nil {
		return rep, err
	}
	return rep, s.DB.SetMeta(ctx, sqlite.MetaLastSync, time.Now().UTC().Format(time.RFC3339))
}

func (s *Syncer) push(ctx context.Context, rep *Report) error {
	for {
		ops, err := s.DB.PendingOps(ctx, max(s.BatchSize, 1))
		if err != nil || len(ops) == 0 {
			return err
		}
		req := api.OpsRequest{Ops: make([]api.Op, len(ops))}
		for i, op := range ops {
			req.Ops[i] = api.Op{ID: op.ID, Entity: op.Entity, EntityID: op.EntityID, GroupID: op.GroupID,
				Action: op.Action, BaseVersion: op.BaseVersion, Data: op.Payload}
		}
		var resp api.OpsResponse
		if err := s.call(ctx, http.MethodPost, "/v1/ops", req, &resp); err != nil {
			return err
		}
		if len(resp.Results) != len(ops) {
			return fmt.Errorf("the account service answered %d operations of %d", len(resp.Results), len(ops))
		}
		if err := s.DB.RecordResults(ctx, resp.Results); err != nil {
			return err
		}
		rep.Pushed += len(ops)
		for _, r := range resp.Results {
			switch r.Status {
			case api.OpApplied:
				rep.Applied++
			case api.OpConflict:
				rep.Conflicts++
			case api.OpRefused:
				rep.Refused++
			}
		}
		s.progress(ctx, rep)
	}
}

// progress tells what the round has done so far, unless it is being
// stopped.
func (s *Syncer) progress(ctx context.Context, rep *Report) {
	if s.Progress != nil && ctx.Err() == nil {
		s.Progress(*rep)
	}
}

// Pages of the feed fetched ahead of the one being stored, and the most
// pages stored in one transaction when they arrive faster than the desktop
// stores them: fewer, larger commits write each index page fewer times.
const (
	pullAhead      = 4
	pagesPerCommit = 5
)

// pull reads the change feed from the stored cursor to its end. Pages are
// fetched ahead while the ones before them are stored, so that the service
// and the desktop work at once; each transaction stores one or more whole
// pages with the cursor after them.
func (s *Syncer) pull(ctx context.Context, rep *Report) (err error) {
	cur, err := s.DB.Meta(ctx, sqlite.MetaSyncCursor)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // pages fetched ahead are not waited for after a failure
	finish := s.DB.StartPull(ctx)
	defer func() { err = errors.Join(err, finish()) }()
	pages := s.fetchFrom(ctx, cur)
	for f := range pages {
		if f.err != nil {
			return f.err
		}
		batch, failed := []*sqlite.IncomingPage{f.in}, error(nil)
	more:
		for len(batch) < pagesPerCommit && failed == nil {
			select {
			case g, ok := <-pages:
				if !ok {
					break more
				}
				if failed = g.err; g.err == nil {
					batch = append(batch, g.in)
				}
			default:
				break more
			}
		}
		if err := s.DB.ApplyPages(ctx, batch...); err != nil {
			return err
		}
		n := 0
		for _, p := range batch {
			n += len(p.Changes)
		}
		if rep.Pulled += n; n > 0 {
			s.progress(ctx, rep)
		}
		if failed != nil {
			return failed // after storing the pages that came before it
		}
	}
	return nil
}

type fetched struct {
	in  *sqlite.IncomingPage
	err error
}

// fetchFrom reads the feed after cur page by page, in the background, and
// decodes each page ready to store. A page's headers carry its cursor, so
// the next page is asked for as soon as they arrive: the service makes it
// while this one is read and decoded. The channel closes after the last
// page or the first error.
func (s *Syncer) fetchFrom(ctx context.Context, cur string) <-chan fetched {
	out := make(chan fetched, pullAhead)
	go func() {
		defer close(out)
		pending, size := s.askPage(ctx, cur), 0
		defer func() {
			if pending != nil { // asked for ahead, not read: let it go
				go func(p <-chan asked) {
					if a := <-p; a.resp != nil {
						a.resp.Body.Close()
					}
				}(pending)
			}
		}()
		for {
			a := <-pending
			pending = nil
			var page api.ChangesPage
			f := fetched{err: a.err}
			if f.err == nil {
				if a.hasMore && a.cursor != "" {
					pending = s.askPage(ctx, a.cursor)
				}
				f.err = readPage(a, &page, &size)
			}
			if f.err == nil {
				if pending == nil && page.HasMore { // a service that sends no cursor header
					pending = s.askPage(ctx, page.Cursor)
				}
				f.in = sqlite.NewIncomingPage(page.Changes, page.Cursor)
			}
			select {
			case out <- f:
			case <-ctx.Done():
				return
			}
			if f.err != nil || !page.HasMore {
				return
			}
		}
	}()
	return out
}

// asked is the answer to a request for a page of the feed, its body not
// yet read, with the cursor and has_more of its headers.
type asked struct {
	resp    *http.Response
	cursor  string
	hasMore bool
	err     error
}

// askPage asks for the page of the feed after cur, in the background.
func (s *Syncer) askPage(ctx context.Context, cur string) <-chan asked {
	done := make(chan asked, 1)
	go func() {
		q := url.Values{"cursor": {cur}}
		if s.PageLimit > 0 {
			q.Set("limit", fmt.Sprint(s.PageLimit))
		}
		resp, err := s.raw(ctx, http.MethodGet, "/v1/changes?"+q.Encode(), http.Header{}, nil)
		a := asked{resp: resp, err: err}
		if err == nil {
			a.cursor = resp.Header.Get(api.HeaderCursor)
			a.hasMore = resp.Header.Get(api.HeaderHasMore) == "true"
		}
		done <- a
	}()
	return done
}

// readPage reads and decodes a page of the feed, with room made ahead for
// size bytes (the size of the page before). Its cursor must be the one its
// headers gave, which the next page was asked for with.
func readPage(a asked, page *api.ChangesPage, size *int) error {
	defer a.resp.Body.Close()
	buf := bytes.NewBuffer(make([]byte, 0, *size+*size/8))
	if _, err := buf.ReadFrom(a.resp.Body); err != nil {
		return &OfflineError{Err: err}
	}
	*size = buf.Len()
	if err := decodePage(buf.Bytes(), page); err != nil {
		return err
	}
	if a.cursor != "" && (page.Cursor != a.cursor || page.HasMore != a.hasMore) {
		return errors.New("the account service sent a page of the change feed whose headers and body disagree")
	}
	return nil
}

// Me asks who the user is and which groups they may see, and keeps the
// answer so that the desktop enforces the same grants offline.
func (s *Syncer) Me(ctx context.Context) (api.Me, error) {
	var me api.Me
	if err := s.call(ctx, http.MethodGet, "/v1/me", nil, &me); err != nil {
		return me, err
	}
	b, _ := json.Marshal(me)
	return me, s.DB.SetMeta(ctx, sqlite.MetaSyncMe, string(b))
}

// PrincipalFromMe builds the desktop's acting principal from the account
// service's answer to /v1/me.
func PrincipalFromMe(me api.Me) *model.Principal {
	p := &model.Principal{UserID: me.User.ID, Name: me.User.Name, Grants: map[string]model.Role{}}
	for _, g := range me.Groups {
		p.Grants[g.GroupID] = g.Role
	}
	return p
}

// StoredPrincipal returns the principal kept from the last sync, or nil
// when this database never synced.
func StoredPrincipal(ctx context.Context, db *sqlite.DB) (*model.Principal, error) {
	me, err := StoredMe(ctx, db)
	if err != nil || me.User.ID == "" {
		return nil, err
	}
	return PrincipalFromMe(me), nil
}

// StoredMe returns the answer to /v1/me kept from the last sync.
func StoredMe(ctx context.Context, db *sqlite.DB) (api.Me, error) {
	var me api.Me
	raw, err := db.Meta(ctx, sqlite.MetaSyncMe)
	if err != nil || raw == "" {
		return me, err
	}
	if err := json.Unmarshal([]byte(raw), &me); err != nil {
		return me, fmt.Errorf("reading the stored sign-in: %w", err)
	}
	return me, nil
}

// call sends a request and decodes the JSON answer; an error answer becomes
// an *api.Problem (or, for a network failure, the transport's error).
func (s *Syncer) call(ctx context.Context, method, path string, body, out any) error {
	var b []byte
	h := http.Header{}
	if body != nil {
		var err error
		if b, err = json.Marshal(body); err != nil {
			return err
		}
		h.Set("Content-Type", "application/json")
	}
	resp, err := s.raw(ctx, method, path, h, b)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func readProblem(resp *http.Response) error {
	p := &api.Problem{Status: resp.StatusCode, Title: resp.Status}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	_ = json.Unmarshal(b, p)
	return p
}

// OfflineError is a failure to reach the account service at all.
type OfflineError struct{ Err error }

func (e *OfflineError) Error() string {
	return "the account service cannot be reached: " + e.Err.Error()
}
func (e *OfflineError) Unwrap() error { return e.Err }

// IsOffline reports whether err means the service could not be reached.
func IsOffline(err error) bool {
	var o *OfflineError
	return errors.As(err, &o)
}

// Status is what the sync loop tells the UI after each round.
type Status struct {
	Online   bool
	LastSync time.Time
	Report   Report
	Err      error
	// NextTry is when the loop will try again.
	NextTry time.Time
}

// Run syncs every interval until ctx ends, backing off (up to five
// minutes) while the service cannot be reached; kick asks for a round now.
func (s *Syncer) Run(ctx context.Context, interval time.Duration, kick <-chan struct{}, status func(Status)) {
	wait := time.Duration(0)
	backoff := time.Second
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		case <-time.After(wait):
		}
		rep, err := s.Round(ctx)
		st := Status{Online: err == nil || !IsOffline(err), Report: rep, Err: err}
		if err == nil {
			st.LastSync = time.Now()
			wait, backoff = interval, time.Second
		} else {
			wait, backoff = backoff, min(backoff*2, 5*time.Minute)
		}
		st.NextTry = time.Now().Add(wait)
		if status != nil && ctx.Err() == nil {
			status(st)
		}
	}
}
