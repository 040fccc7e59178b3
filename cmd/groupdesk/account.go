package main

import (
	"context"
	"fmt"
	"net/url"

	"fyne.io/fyne/v2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/ui"
)

// account adapts the sync client's session to what the UI needs, so that
// the UI never talks HTTP itself.
type account struct {
	*client.Account
	app fyne.App
}

var _ ui.Account = (*account)(nil)

func (a *account) State(ctx context.Context) ui.SyncState {
	st := a.Status()
	out := ui.SyncState{
		SignedIn: a.SignedIn(), Server: a.Server(ctx), Online: st.Online, LastSync: st.LastSync, NextTry: st.NextTry,
		Keychain: a.KeychainWarning(), Pushed: st.Report.Pushed, Pulled: st.Report.Pulled,
	}
	if st.Err != nil {
		// Problems from the service and network failures carry their own
		// person's message; only the store's internal errors are generic.
		out.LastError = st.Err.Error()
	}
	if me, ok := a.Me(ctx); ok {
		out.User = fmt.Sprintf("%s <%s>", me.User.Name, me.User.Email)
	}
	return out
}

func (a *account) SignIn(ctx context.Context, server string, device func(code, uri string)) error {
	open := func(u string) error {
		parsed, err := url.Parse(u)
		if err != nil {
			return err
		}
		return a.app.OpenURL(parsed)
	}
	return a.Account.SignIn(ctx, server, open, device)
}

func (a *account) Watch(f func()) {
	a.Account.Watch(func(client.Status) { f() })
}

func (a *account) WatchProgress(f func(sent, received int)) {
	a.Account.WatchProgress(func(r client.Report) { f(r.Pushed, r.Pulled) })
}

func (a *account) Principal(ctx context.Context) *model.Principal {
	if !a.SignedIn() && a.Server(ctx) == "" {
		return nil
	}
	p, err := client.StoredPrincipal(ctx, a.DB)
	if err != nil {
		return nil
	}
	return p
}
