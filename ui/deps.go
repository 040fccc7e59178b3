package ui

import (
	"context"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Store is what the screens need from the database.
type Store interface {
	model.GroupService
	model.MemberService
	model.PlanService
	model.AuditService
	SyncStore
}

// Deps are the shell's dependencies, injected by cmd/groupdesk.
type Deps struct {
	Store Store
	// Ctx carries the acting principal; background work stops when it ends.
	Ctx context.Context
	Now func() time.Time
	// DBPath is the open database, shown in Settings.
	DBPath string
	// Version is the app's version, shown in Settings.
	Version string
	// FirstRun, when set, is called once after the window opens to fill an
	// empty database (with the demo book), reporting progress.
	FirstRun func(ctx context.Context, progress func(done, total int)) (string, error)
	// OpenFolder shows a folder in the system's file manager, or opens a
	// file with the system's viewer (Documents → Open).
	OpenFolder func(path string) error
	// Account connects the desktop to an account service; nil hides sign-in.
	Account Account
	// OpenURL opens a web page in the system browser.
	OpenURL func(url string) error
	// StartScreen, when set, is the title of the screen to open on.
	StartScreen string
	// Theme, when set (light or dark), overrides the theme preference for
	// this run without changing it: screenshots of both themes.
	Theme string
	// Tour offers the first-run tour until the user takes or skips it.
	Tour bool
	// MoveDatabase moves the database to a folder: it closes it, copies and
	// checks it, and restarts GroupDesk on the copy (see Settings).
	MoveDatabase func(folder string) error
	// Synchronous runs background work inline and does not wait for the
	// user to stop typing: Fyne's test driver runs fyne.Do on the calling
	// goroutine, so screens under test must not start goroutines.
	Synchronous bool
}

func (d *Deps) today() model.Date { return model.DateOf(d.Now()) }
