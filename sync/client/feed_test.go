package client_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/synctest"
)

// headerWriter lets a test change a page's headers as they are sent.
type headerWriter struct {
	http.ResponseWriter
	edit func(http.Header)
}

func (w *headerWriter) WriteHeader(code int) {
	w.edit(w.Header())
	w.ResponseWriter.WriteHeader(code)
}

// throughFeed serves the service with edit applied to the headers of each
// page of the change feed, and points the desktop at it.
func throughFeed(t *testing.T, svc *synctest.Service, d *synctest.Desktop, edit func(page int, h http.Header)) {
	t.Helper()
	var pages atomic.Int32
	next := svc.HTTP.Config.Handler
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/changes" {
			n := int(pages.Add(1))
			w = &headerWriter{ResponseWriter: w, edit: func(h http.Header) { edit(n, h) }}
		}
		next.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	d.Syncer.Server = hs.URL
}

func storedMembers(t *testing.T, d *synctest.Desktop, group string) int {
	t.Helper()
	page, err := d.DB.Members(d.Ctx(t), model.MemberQuery{GroupID: group, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

// The next page of the feed is asked for with the cursor of the page
// headers; a service that sends none is read page after page from the
// bodies, to the same end.
func TestAPullReadsTheFeedWithOrWithoutCursorHeaders(t *testing.T) {
	svc := synctest.NewService(t, 1500)
	pga, group := svc.UserWithRole(t, model.RolePGA)
	with, without := svc.NewDesktop(t, pga), svc.NewDesktop(t, pga)
	var sent, more atomic.Int32
	throughFeed(t, svc, with, func(_ int, h http.Header) {
		if h.Get(api.HeaderCursor) != "" {
			sent.Add(1)
		}
		if h.Get(api.HeaderHasMore) == "true" {
			more.Add(1)
		}
	})
	throughFeed(t, svc, without, func(_ int, h http.Header) {
		h.Del(api.HeaderCursor)
		h.Del(api.HeaderHasMore)
	})
	a, b := with.Round(t), without.Round(t)
	if more.Load() < 2 || sent.Load() != more.Load()+1 {
		t.Fatalf("%d pages sent a cursor header, %d said there was more: want every page, several with more", sent.Load(), more.Load())
	}
	if a.Pulled != b.Pulled || a.Pulled == 0 {
		t.Fatalf("pulled %d changes with the headers, %d without", a.Pulled, b.Pulled)
	}
	if n, m := storedMembers(t, with, group), storedMembers(t, without, group); n != m || n == 0 {
		t.Fatalf("%d members stored with the headers, %d without", n, m)
	}
}

// A page whose headers name another cursor than its body fails the pull
// there: the pages before it are kept, and the next round reads on.
func TestAPageWhoseHeadersDisagreeWithItsBodyStopsThePull(t *testing.T) {
	svc := synctest.NewService(t, 1500)
	pga, group := svc.UserWithRole(t, model.RolePGA)
	d := svc.NewDesktop(t, pga)
	var broken atomic.Bool
	broken.Store(true)
	throughFeed(t, svc, d, func(page int, h http.Header) {
		if page == 2 && broken.Load() {
			h.Set(api.HeaderCursor, "elsewhere")
		}
	})
	_, err := d.Syncer.Round(t.Context())
	if err == nil || !strings.Contains(err.Error(), "disagree") {
		t.Fatalf("a page whose headers disagree with its body: %v", err)
	}
	broken.Store(false)
	rep := d.Round(t)
	full := svc.NewDesktop(t, pga)
	full.Round(t)
	if n, m := storedMembers(t, d, group), storedMembers(t, full, group); n != m || rep.Pulled == 0 {
		t.Fatalf("%d members after the pull went on (%d changes), %d on a desktop that never failed", n, rep.Pulled, m)
	}
}
