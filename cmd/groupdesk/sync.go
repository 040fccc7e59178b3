package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/oauth2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/client"
)

// signInTimeout is how long `groupdesk sync` waits for the person to finish
// signing in in the browser or on another device.
const signInTimeout = 10 * time.Minute

// runSync runs one sync round with the account service from the command
// line: it pushes the outbox, refreshes the user's grants and pulls the
// change feed, then says what it did. It signs in first when the database's
// folder holds no sign-in for the service.
func runSync(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("sync", "--server URL --db PATH [--device]", errOut)
	server := fs.String("server", "", "the account service's address, such as https://accounts.example (default: the one the database syncs with)")
	dbPath := fs.String("db", "", "the database to sync (created if missing)")
	device := fs.Bool("device", false, "sign in with a code entered in a browser on any device, instead of a browser on this computer")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := serverURL(*server)
	if err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	bound, err := db.Meta(ctx, sqlite.MetaSyncServer)
	if err != nil {
		return err
	}
	if err := checkBinding(ctx, db, *dbPath, bound, &srv); err != nil {
		return err
	}
	dir, err := filepath.Abs(filepath.Dir(*dbPath))
	if err != nil {
		return err
	}
	store := client.NewTokenStore(dir, srv)
	tok, err := storedSignIn(store)
	if err != nil {
		return err
	}
	if tok == nil {
		if tok, err = signIn(ctx, srv, *device, out); err != nil {
			return err
		}
		warning, err := store.Save(tok.RefreshToken)
		if err != nil {
			return err
		}
		if warning != "" {
			fmt.Fprintln(errOut, warning)
		}
	}
	if bound == "" {
		if err := db.SetMeta(ctx, sqlite.MetaSyncServer, srv); err != nil {
			return err
		}
	}
	src, err := client.NewTokenSource(ctx, srv, tok, func(refresh string) error {
		_, err := store.Save(refresh)
		return err
	})
	if err != nil {
		return err
	}
	syncer := &client.Syncer{Server: srv, DB: db, PageLimit: 2000, BatchSize: 200,
		HTTP: &http.Client{Transport: &oauth2.Transport{Source: src}, Timeout: 2 * time.Minute}}
	fmt.Fprintf(out, "Syncing %s with %s…\n", *dbPath, srv)
	rep, err := syncer.Round(ctx)
	printReport(out, rep)
	if err != nil {
		if model.ErrorCode(err) == model.EUNAUTH && problemStatus(err) == 0 {
			// The service ended the sign-in (revoked, expired or reused):
			// forget it so that the next run signs in again.
			if derr := store.Delete(); derr != nil {
				return errors.Join(err, derr)
			}
			return model.Errorf(model.EUNAUTH, "%s Run groupdesk sync again to sign in.", model.ErrorMessage(err))
		}
		return syncError(err)
	}
	return printHeld(ctx, out, db)
}

// serverURL checks the --server flag; "" means the database's own.
func serverURL(s string) (string, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "/")
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", model.FieldError("server", "%q is not the address of an account service; give one such as https://accounts.example", s)
	}
	return s, nil
}

// checkBinding keeps a database with the one account service it syncs
// with, and keeps a book of business that never came from one (the demo,
// or one built by hand) out of any service. It fills in *srv from the
// binding when the flag was not given.
func checkBinding(ctx context.Context, db *sqlite.DB, path, bound string, srv *string) error {
	switch {
	case bound != "" && *srv == "":
		*srv = bound
	case bound != "" && bound != *srv:
		return model.Errorf(model.EINVALID, "%s syncs with %s, not %s. Give --server %s, or sync %s into another database.",
			path, bound, *srv, bound, *srv)
	case bound == "" && *srv == "":
		return model.FieldError("server", "%s has never synced: give the account service's address with --server URL", path)
	case bound == "":
		empty, err := db.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return model.Errorf(model.EINVALID, "%s holds a book of business that did not come from an account service (the demo, or one made on this computer); it is never sent to %s. Sync into a new database instead.",
				path, *srv)
		}
	}
	return nil
}

// storedSignIn returns the kept sign-in, or nil when there is none.
func storedSignIn(store *client.TokenStore) (*oauth2.Token, error) {
	refresh, err := store.Load()
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &oauth2.Token{RefreshToken: refresh}, nil
}

// signIn signs in through a browser: this computer's, with a loopback
// redirect, or any device's, with a code.
func signIn(ctx context.Context, srv string, device bool, out io.Writer) (*oauth2.Token, error) {
	ctx, cancel := context.WithTimeout(ctx, signInTimeout)
	defer cancel()
	var tok *oauth2.Token
	var err error
	if device {
		tok, err = client.LoginDevice(ctx, srv, func(code, uri string) {
			fmt.Fprintf(out, "To sign in, open %s in a browser on any device and enter the code %s\n", uri, code)
		})
	} else {
		tok, err = client.LoginLoopback(ctx, srv, func(u string) error {
			fmt.Fprintf(out, "Open this address to sign in: %s\n", u)
			return nil
		})
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, model.Errorf(model.EUNAUTH, "Signing in was not finished within %s. Run groupdesk sync again to sign in.", signInTimeout)
	}
	if errors.Is(err, context.Canceled) {
		return nil, model.Errorf(model.EUNAUTH, "Signing in was interrupted.")
	}
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(out, "Signed in.")
	return tok, nil
}

// problemStatus returns the HTTP status of the account service's refusal,
// or 0 when err is not one.
func problemStatus(err error) int {
	var p *api.Problem
	if errors.As(err, &p) {
		return p.Status
	}
	return 0
}

// syncError turns a failed round into a person's message.
func syncError(err error) error {
	switch {
	case client.IsOffline(err):
		return fmt.Errorf("%s. Nothing is lost: your changes stay in the outbox until the next sync", err.Error())
	case problemStatus(err) == http.StatusUnauthorized:
		return model.Errorf(model.EUNAUTH, "The account service did not accept your sign-in: %s", err.Error())
	case problemStatus(err) != 0:
		return model.Errorf(model.EINVALID, "The account service refused the sync: %s", err.Error())
	}
	return err
}

func printReport(out io.Writer, rep client.Report) {
	if rep.Me.User.ID != "" {
		fmt.Fprintf(out, "Signed in as %s <%s>, with access to %s.\n", rep.Me.User.Name, rep.Me.User.Email, plural(len(rep.Me.Groups), "group", "groups"))
	}
	if rep.Pushed == 0 {
		fmt.Fprintln(out, "Pushed nothing: no changes were waiting.")
	} else {
		fmt.Fprintf(out, "Pushed %s: %d applied, %s, %d refused.\n", plural(rep.Pushed, "change", "changes"), rep.Applied,
			plural(rep.Conflicts, "conflict", "conflicts"), rep.Refused)
	}
	fmt.Fprintf(out, "Pulled %s.\n", plural(rep.Pulled, "change", "changes"))
}

// printHeld lists the changes that wait for the person's decision.
func printHeld(ctx context.Context, out io.Writer, db *sqlite.DB) error {
	held, err := db.Held(ctx)
	if err != nil || len(held) == 0 {
		return err
	}
	verb := "wait"
	if len(held) == 1 {
		verb = "waits"
	}
	fmt.Fprintf(out, "%s %s for your decision on the Sync screen of GroupDesk:\n", plural(len(held), "change", "changes"), verb)
	for _, h := range held {
		fmt.Fprintf(out, "  %s of %s %s: %s\n", h.State, h.Entity, h.EntityID, h.Reason)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
