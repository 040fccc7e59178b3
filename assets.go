// Package groupdesk holds the files at the root of the repository that the
// programs embed: the app icon and the Fyne metadata with the version.
// It must not import any other GroupDesk package.
package groupdesk

import (
	_ "embed"
	"regexp"
)

// Icon is the app icon, a 512×512 PNG.
//
//go:embed Icon.png
var Icon []byte

//go:embed FyneApp.toml
var fyneApp string

// AppID is the reverse-DNS application ID, as in FyneApp.toml.
const AppID = "com.groupdesk.desktop"

var versionLine = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`)

// Version is the app's version from FyneApp.toml.
func Version() string {
	if m := versionLine.FindStringSubmatch(fyneApp); m != nil {
		return m[1]
	}
	return "dev"
}
