package ui

import (
	"context"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// SyncState is what the sync loop last reported, for the Sync screen and
// the status bar.
type SyncState struct {
	SignedIn  bool
	Server    string
	User      string // the signed-in user's name and email
	Online    bool
	LastSync  time.Time
	NextTry   time.Time
	LastError string
	Keychain  string // a warning when the sign-in is kept in a file
	Pushed    int
	Pulled    int
}

// Account is the desktop's connection to an account service: sign-in,
// sync, and the access management the server decides.
type Account interface {
	State(ctx context.Context) SyncState
	SignIn(ctx context.Context, server string, device func(code, uri string)) error
	SignOut(ctx context.Context) error
	SyncNow()
	// Watch calls f, from any goroutine, after every sync round.
	Watch(f func())
	// WatchProgress calls f, from any goroutine, while a round runs: after
	// each batch of changes sent and each page received, with the round's
	// counts so far.
	WatchProgress(f func(sent, received int))
	// Principal is the signed-in user with the grants of the last sync,
	// or nil when this database is not connected.
	Principal(ctx context.Context) *model.Principal

	GroupAccess(ctx context.Context, groupID string) ([]model.Grant, error)
	Invite(ctx context.Context, groupID, email, name string, role model.Role) error
	InviteStaff(ctx context.Context, groupID, email, name string) error
	GrantBroker(ctx context.Context, groupID, email string) error
	ChangeRole(ctx context.Context, groupID, grantID string, role model.Role) error
	RevokeAccess(ctx context.Context, groupID, grantID string) error
	// DesignateURL is the service's page where a group officer designates
	// the Primary Group Administrator of a new group.
	DesignateURL(ctx context.Context) string
}

// SyncStore is what the Sync screen needs from the database.
type SyncStore interface {
	Outbox(ctx context.Context) ([]model.Operation, error)
	Held(ctx context.Context) ([]model.HeldOp, error)
	KeepMine(ctx context.Context, opID string) error
	KeepServer(ctx context.Context, opID string) error
	Merge(ctx context.Context, opID string, merged *model.Member) error
}
