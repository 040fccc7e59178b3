// Command accountd is GroupDesk's reference account service: the OAuth2
// authorization server and the sync API that desktops share. This first
// version only reports its version; the service itself arrives with sync.
package main

import (
	"fmt"
	"os"

	"github.com/groupdesk/groupdesk"
)

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "version" || os.Args[1] == "--version") {
		fmt.Println("accountd", groupdesk.Version())
		return
	}
	fmt.Fprintln(os.Stderr, "accountd: the account service is not built yet; see README.md")
	os.Exit(2)
}
