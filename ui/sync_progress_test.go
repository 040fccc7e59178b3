package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/groupdesk/groupdesk/model"
)

// roundAccount is an account whose sync rounds the test drives: it keeps
// the window's watchers and reports what the test sets.
type roundAccount struct {
	Account  // the calls these tests do not make
	state    SyncState
	synced   func()
	progress func(sent, received int)
}

func (a *roundAccount) State(context.Context) SyncState            { return a.state }
func (a *roundAccount) Watch(f func())                             { a.synced = f }
func (a *roundAccount) WatchProgress(f func(sent, received int))   { a.progress = f }
func (a *roundAccount) Principal(context.Context) *model.Principal { return nil }

// While a round runs, the status bar and the Sync screen say what it has
// sent and received so far; when it ends, the progress goes and the status
// bar tells when the database last synced. Once signed out, a round's late
// news is not shown.
func TestASyncRoundShowsItsProgressUntilItEnds(t *testing.T) {
	acct := &roundAccount{state: SyncState{SignedIn: true, Online: true, Server: "https://accounts.example"}}
	s, _, _ := newTestShellWith(t, func(d *Deps) { d.Account = acct })
	s.ShowScreen("Sync")
	sc := s.syncScreen
	if sc.running.Visible() {
		t.Fatal("the Sync screen shows a round in progress before any began")
	}
	acct.progress(0, 2000)
	if want := "Syncing… 2,000 changes received"; s.status.Text != want || sc.counts.Text != want || !sc.running.Visible() {
		t.Fatalf("after the first page: status %q, screen %q (shown %v), want %q", s.status.Text, sc.counts.Text, sc.running.Visible(), want)
	}
	// The progress sits under the buttons, and the cards below make room.
	drv := fyne.CurrentApp().Driver()
	y := func(o fyne.CanvasObject) float32 { return drv.AbsolutePositionForObject(o).Y }
	if y(sc.counts) <= y(sc.syncNow) || y(sc.pending) < y(sc.activity)+sc.activity.Size().Height {
		t.Fatalf("the progress is not laid out between the buttons (%v) and the next card (%v): words at %v, bar at %v",
			y(sc.syncNow), y(sc.pending), y(sc.counts), y(sc.activity))
	}
	acct.progress(1, 4000)
	if want := "Syncing… 1 change sent, 4,000 changes received"; s.status.Text != want || sc.counts.Text != want {
		t.Fatalf("after the second page: status %q, screen %q, want %q", s.status.Text, sc.counts.Text, want)
	}
	acct.state.LastSync, acct.state.Pulled = time.Date(2026, 11, 28, 15, 4, 0, 0, time.Local), 4000
	acct.synced()
	if sc.running.Visible() || s.status.Text != "Synced with https://accounts.example at 3:04 PM" {
		t.Fatalf("after the round: progress shown %v, status %q", sc.running.Visible(), s.status.Text)
	}
	// News of a round that arrives after signing out is not shown.
	acct.state.SignedIn = false
	acct.progress(0, 6000)
	if sc.running.Visible() || s.status.Text != "Synced with https://accounts.example at 3:04 PM" {
		t.Fatalf("after signing out: progress shown %v, status %q", sc.running.Visible(), s.status.Text)
	}
}
