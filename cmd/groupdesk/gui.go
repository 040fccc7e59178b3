package main

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"github.com/groupdesk/groupdesk"
	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/client"
	"github.com/groupdesk/groupdesk/ui"
)

// guiOptions are the command line's choices for the window.
type guiOptions struct {
	db     string // the database; the default one when ""
	screen string // the screen to open on
	theme  string // light or dark for this run, over the preference
}

// runGUI opens the main window on the database and runs until it closes.
func runGUI(ctx context.Context, o guiOptions) error {
	dbPath := o.db
	if dbPath == "" {
		dbPath = defaultDBPath()
	}
	dbPath, finishMove, moveErr := applyPendingMove(ctx, dbPath)
	restart := false
	defer func() { // after the database is closed
		if restart {
			relaunch()
		}
	}()
	a := app.NewWithID(groupdesk.AppID)
	a.SetIcon(fyne.NewStaticResource("Icon.png", groupdesk.Icon))
	w := a.NewWindow("GroupDesk")
	w.Resize(fyne.NewSize(1280, 800))
	w.SetMaster()

	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		showFatal(a, w, err)
		return err
	}
	defer db.Close()
	finishMove()
	acct := &account{Account: &client.Account{DB: db, DataDir: filepath.Dir(dbPath)}, app: a}
	defer acct.Close()
	if _, err := acct.Resume(ctx); err != nil {
		fyne.LogError("resuming the sign-in", err)
	}
	deps := ui.Deps{
		Account: acct,
		OpenURL: func(u string) error {
			parsed, err := url.Parse(u)
			if err != nil {
				return err
			}
			return a.OpenURL(parsed)
		},
		Store:       db,
		Ctx:         ctx,
		Now:         time.Now,
		DBPath:      dbPath,
		Version:     Version,
		StartScreen: o.screen,
		Theme:       o.theme,
		Tour:        o.screen == "",
		MoveDatabase: func(folder string) error {
			if err := requestMove(dbPath, folder); err != nil {
				return err
			}
			restart = true
			a.Quit()
			return nil
		},
		OpenFolder: func(path string) error {
			return a.OpenURL(&url.URL{Scheme: "file", Path: path})
		},
	}
	if empty, err := db.IsEmpty(ctx); err == nil && empty && acct.Server(ctx) == "" {
		deps.FirstRun = func(ctx context.Context, progress func(done, total int)) (string, error) {
			book, err := loadDemo(ctx, db, demo.Options{Seed: 1, Today: model.DateOf(time.Now())}, progress)
			if err != nil {
				return "", err
			}
			return "Your database was empty, so GroupDesk filled it with a demo book of business to explore: " +
				bookSummary(book) + ". The people and companies are made up.", nil
		}
	}
	shell := ui.New(a, w, deps)
	a.Lifecycle().SetOnStarted(func() {
		shell.Start()
		if moveErr != nil {
			shell.ShowError("The database was not moved", moveErr)
		}
	})
	w.ShowAndRun()
	return nil
}

// showFatal shows why the database cannot be opened, in a window of its
// own, and waits for the user to close it.
func showFatal(a fyne.App, w fyne.Window, err error) {
	w.Resize(fyne.NewSize(560, 240))
	d := dialog.NewInformation("GroupDesk cannot open this database", fmt.Sprint(model.ErrorMessage(err)), w)
	d.SetOnClosed(w.Close)
	a.Lifecycle().SetOnStarted(d.Show)
	w.ShowAndRun()
}
