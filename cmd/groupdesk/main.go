// Command groupdesk is the GroupDesk desktop app. With no arguments it opens
// the main window on the user's database; with a subcommand it runs a batch
// job (demo, groups, …) and exits. See `groupdesk --help`.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
