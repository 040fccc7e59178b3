// Command signin finishes a GroupDesk sign-in the way a person at a browser
// would: it opens the address that `groupdesk sync` prints, fills in the
// account service's sign-in form with the email and the password, and
// follows the redirects back to the desktop. The screenshots script uses it
// to sign a desktop in to a local accountd.
//
//	go run -tags sqlite_fts5 ./internal/signin URL EMAIL PASSWORD
package main

import (
	"fmt"
	"os"

	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: signin URL EMAIL PASSWORD")
		os.Exit(2)
	}
	if err := authtest.SignInWithForm(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintf(os.Stderr, "signin: signing %s in at %s: %v\n", os.Args[2], os.Args[1], err)
		os.Exit(1)
	}
}
