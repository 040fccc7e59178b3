package client

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// Account is the desktop's session with an account service: the sign-in,
// its refresh token in the keychain, the sync loop, and the calls of the
// Access screen. It is safe for use from several goroutines.
type Account struct {
	DB      *sqlite.DB
	DataDir string
	// Interval is the time between sync rounds when nothing happens.
	Interval time.Duration

	mu       sync.Mutex
	server   string
	syncer   *Syncer
	stop     context.CancelFunc
	kick     chan struct{}
	status   Status
	warning  string
	watchers []func(Status)
	progress []func(Report)
}

// Server returns the account service this database syncs with, or "".
func (a *Account) Server(ctx context.Context) string {
	s, _ := a.DB.Meta(ctx, sqlite.MetaSyncServer)
	return s
}

// KeychainWarning is set when the sign-in had to go to a file.
func (a *Account) KeychainWarning() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.warning
}

// Status returns the latest sync status.
func (a *Account) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status
}

// Watch calls f (from the sync goroutine) after every round.
func (a *Account) Watch(f func(Status)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.watchers = append(a.watchers, f)
}

// WatchProgress calls f (from the sync goroutine) while a round runs,
// with what it has sent and received so far.
func (a *Account) WatchProgress(f func(Report)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.progress = append(a.progress, f)
}

// SignIn signs in to server — through the system browser, or with a code
// shown to the user when device is set — keeps the refresh token and starts
// syncing. A database already bound to another service is refused.
func (a *Account) SignIn(ctx context.Context, server string, open func(string) error, device func(code, uri string)) error {
	server = strings.TrimRight(strings.TrimSpace(server), "/")
	if u, err := url.Parse(server); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return model.FieldError("server", "%q is not the address of an account service (https://…)", server)
	}
	if bound := a.Server(ctx); bound != "" && bound != server {
		return model.Errorf(model.EINVALID, "This database syncs with %s. Open another database to use %s.", bound, server)
	}
	var tok *oauth2.Token
	var err error
	if device != nil {
		tok, err = LoginDevice(ctx, server, device)
	} else {
		tok, err = LoginLoopback(ctx, server, open)
	}
	if err != nil {
		return err
	}
	store := NewTokenStore(a.DataDir, server)
	warning, err := store.Save(tok.RefreshToken)
	if err != nil {
		return err
	}
	if err := a.DB.SetMeta(ctx, sqlite.MetaSyncServer, server); err != nil {
		return err
	}
	a.mu.Lock()
	a.warning = warning
	a.mu.Unlock()
	return a.start(ctx, server, tok, store)
}

// Resume starts syncing with the stored sign-in, if there is one; it
// reports false when the user has to sign in.
func (a *Account) Resume(ctx context.Context) (bool, error) {
	server := a.Server(ctx)
	if server == "" {
		return false, nil
	}
	store := NewTokenStore(a.DataDir, server)
	refresh, err := store.Load()
	if model.ErrorCode(err) == model.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, a.start(ctx, server, &oauth2.Token{RefreshToken: refresh}, store)
}

func (a *Account) start(ctx context.Context, server string, tok *oauth2.Token, store *TokenStore) error {
	src, err := NewTokenSource(context.Background(), server, tok, func(r string) error {
		_, err := store.Save(r)
		return err
	})
	if err != nil {
		return err
	}
	hc := &http.Client{Transport: &oauth2.Transport{Source: src}, Timeout: 60 * time.Second}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stop != nil {
		a.stop()
	}
	loop, stop := context.WithCancel(context.Background())
	a.server, a.stop, a.kick = server, stop, make(chan struct{}, 1)
	a.syncer = &Syncer{Server: server, HTTP: hc, DB: a.DB, PageLimit: 2000, BatchSize: 200, Progress: a.reportProgress}
	// Run starts with a round; a kick here as well made two in a row.
	go a.syncer.Run(loop, max(a.Interval, 30*time.Second), a.kick, a.report)
	return nil
}

func (a *Account) report(st Status) {
	a.mu.Lock()
	if st.Err == nil {
		st.LastSync = time.Now()
	} else {
		st.LastSync = a.status.LastSync
	}
	a.status = st
	watchers := slices.Clone(a.watchers)
	a.mu.Unlock()
	for _, w := range watchers {
		w(st)
	}
}

func (a *Account) reportProgress(rep Report) {
	a.mu.Lock()
	watchers := slices.Clone(a.progress)
	a.mu.Unlock()
	for _, w := range watchers {
		w(rep)
	}
}

// SyncNow asks the loop for a round now.
func (a *Account) SyncNow() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.kick != nil {
		select {
		case a.kick <- struct{}{}:
		default:
		}
	}
}

// SignedIn reports whether the sync loop runs.
func (a *Account) SignedIn() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.stop != nil
}

// SignOut stops syncing, revokes the sign-in at the service and forgets
// it. The database keeps its data and its binding to the service.
func (a *Account) SignOut(ctx context.Context) error {
	a.mu.Lock()
	if a.stop != nil {
		a.stop()
	}
	server := a.server
	a.stop, a.syncer, a.kick = nil, nil, nil
	a.mu.Unlock()
	if server == "" {
		server = a.Server(ctx)
	}
	if server == "" {
		return nil
	}
	return SignOut(ctx, NewTokenStore(a.DataDir, server))
}

// Close stops the sync loop.
func (a *Account) Close() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stop != nil {
		a.stop()
	}
}

func (a *Account) online() (*Syncer, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.syncer == nil {
		return nil, model.Errorf(model.EUNAUTH, "Sign in to the account service to manage access.")
	}
	return a.syncer, nil
}

// GroupAccess lists who has access to a group (access.manage, online).
func (a *Account) GroupAccess(ctx context.Context, groupID string) ([]model.Grant, error) {
	s, err := a.online()
	if err != nil {
		return nil, err
	}
	var out struct {
		Grants []model.Grant `json:"grants"`
	}
	err = s.call(ctx, http.MethodGet, "/v1/groups/"+url.PathEscape(groupID)+"/access", nil, &out)
	return out.Grants, err
}

// Invite sends an access code for a Secondary User with a role.
func (a *Account) Invite(ctx context.Context, groupID, email, name string, role model.Role) error {
	return a.post(ctx, "/v1/groups/"+url.PathEscape(groupID)+"/invitations", map[string]any{"email": email, "name": name, "role": role})
}

// InviteStaff sends a colleague of the broker's firm an access code.
func (a *Account) InviteStaff(ctx context.Context, groupID, email, name string) error {
	return a.post(ctx, "/v1/groups/"+url.PathEscape(groupID)+"/staff-invitations", map[string]any{"email": email, "name": name})
}

// GrantBroker gives a registered broker access to the group.
func (a *Account) GrantBroker(ctx context.Context, groupID, email string) error {
	return a.post(ctx, "/v1/groups/"+url.PathEscape(groupID)+"/brokers", map[string]any{"email": email})
}

// ChangeRole changes a user's role in the group.
func (a *Account) ChangeRole(ctx context.Context, groupID, grantID string, role model.Role) error {
	s, err := a.online()
	if err != nil {
		return err
	}
	var g model.Grant
	return s.call(ctx, http.MethodPut, "/v1/groups/"+url.PathEscape(groupID)+"/grants/"+url.PathEscape(grantID), map[string]any{"role": role}, &g)
}

// RevokeAccess removes a user's access to the group.
func (a *Account) RevokeAccess(ctx context.Context, groupID, grantID string) error {
	s, err := a.online()
	if err != nil {
		return err
	}
	return s.call(ctx, http.MethodDelete, "/v1/groups/"+url.PathEscape(groupID)+"/grants/"+url.PathEscape(grantID), nil, nil)
}

func (a *Account) post(ctx context.Context, path string, body any) error {
	s, err := a.online()
	if err != nil {
		return err
	}
	var out map[string]any
	if err := s.call(ctx, http.MethodPost, path, body, &out); err != nil {
		return err
	}
	a.SyncNow()
	return nil
}

// Me returns the signed-in user as the last sync saw them.
func (a *Account) Me(ctx context.Context) (api.Me, bool) {
	p, err := StoredMe(ctx, a.DB)
	return p, err == nil && p.User.ID != ""
}

// DesignateURL is the page where a group officer designates the PGA.
func (a *Account) DesignateURL(ctx context.Context) string {
	if s := a.Server(ctx); s != "" {
		return s + "/designate"
	}
	return ""
}
