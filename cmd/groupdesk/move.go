package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// Moving the database (Settings → Move database…) happens between two runs
// of the app, when nothing has it open: the running app records the
// request and restarts; the next start copies, checks and opens the copy,
// and only then removes the original. A failed move leaves the original
// where it was, and the app opens it and says why.

// moveRequest is a move asked for and not yet done, kept in the data folder.
type moveRequest struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func moveRequestPath() string { return filepath.Join(dataDir(), "move-database.json") }

// locationPath holds the database's path once it was moved out of the data
// folder; defaultDBPath reads it, so the command line follows the move too.
func locationPath() string { return filepath.Join(dataDir(), "database-location") }

// movedDBPath is where the default database was moved to, or "".
func movedDBPath() string {
	b, err := os.ReadFile(locationPath())
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// requestMove checks that the database can go to the folder and records the
// request for the next start.
func requestMove(dbPath, folder string) error {
	to := filepath.Join(folder, filepath.Base(dbPath))
	if filepath.Clean(to) == filepath.Clean(dbPath) {
		return model.Errorf(model.EINVALID, "The database is already in %s.", folder)
	}
	if _, err := os.Stat(to); err == nil {
		return model.Errorf(model.ECONFLICT, "%s already has a file named %s. Choose another folder.", folder, filepath.Base(dbPath))
	}
	probe, err := os.CreateTemp(folder, ".groupdesk-write-test-*")
	if err != nil {
		return model.Errorf(model.EINVALID, "GroupDesk cannot write in %s.", folder)
	}
	probe.Close()
	os.Remove(probe.Name())
	b, err := json.Marshal(moveRequest{From: dbPath, To: to})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir(), 0o700); err != nil {
		return err
	}
	return os.WriteFile(moveRequestPath(), b, 0o600)
}

// applyPendingMove carries out a recorded move of dbPath. It returns the
// path to open, and a function to call once that database has opened, which
// removes the original. A request for another database is dropped.
func applyPendingMove(ctx context.Context, dbPath string) (string, func(), error) {
	b, err := os.ReadFile(moveRequestPath())
	if errors.Is(err, os.ErrNotExist) {
		return dbPath, func() {}, nil
	}
	defer os.Remove(moveRequestPath()) // one try: a failed move is not retried at every start
	var req moveRequest
	if err != nil || json.Unmarshal(b, &req) != nil || filepath.Clean(req.From) != filepath.Clean(dbPath) {
		return dbPath, func() {}, nil
	}
	if err := sqlite.CopyDatabase(ctx, req.From, req.To); err != nil {
		return dbPath, func() {}, fmt.Errorf("moving the database to %s: %w", req.To, err)
	}
	return req.To, func() { finishMove(req) }, nil
}

// finishMove points the default location at the new file (when the moved
// database was the default one) and removes the original.
func finishMove(req moveRequest) {
	if filepath.Clean(req.From) == filepath.Clean(defaultDBPath()) {
		if err := os.WriteFile(locationPath(), []byte(req.To+"\n"), 0o600); err != nil {
			return // keep the original: the next start still finds it
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(req.From + suffix)
	}
}

// relaunch starts GroupDesk again with the same arguments, once this run
// has closed its database.
func relaunch() {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err == nil {
		cmd.Process.Release()
	}
}
