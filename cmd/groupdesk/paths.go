package main

import (
	"os"
	"path/filepath"
	"runtime"
)

// dataDir is the per-user folder where GroupDesk keeps its database:
// ~/Library/Application Support/GroupDesk on macOS, %LOCALAPPDATA%\GroupDesk
// on Windows, and $XDG_DATA_HOME/GroupDesk (~/.local/share/GroupDesk) elsewhere.
func dataDir() string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "GroupDesk")
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "GroupDesk")
		}
		return filepath.Join(home, "AppData", "Local", "GroupDesk")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "GroupDesk")
	}
	return filepath.Join(home, ".local", "share", "GroupDesk")
}

// defaultDBPath is groupdesk.db in the data folder, or where Settings moved it.
func defaultDBPath() string {
	if moved := movedDBPath(); moved != "" {
		return moved
	}
	return filepath.Join(dataDir(), "groupdesk.db")
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
