// Command pecheck checks that a file is a 64-bit Windows GUI program with
// its resources (icon and version), as `make windows` must produce:
//
//	go run ./internal/pecheck dist/GroupDesk.exe [NAME VERSION]
//
// With a name and a version it also checks the version resource.
// It imports the standard library only.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: pecheck FILE.exe [NAME VERSION]")
		os.Exit(2)
	}
	info, err := Check(os.Args[1])
	if err == nil && len(os.Args) == 4 {
		err = CheckVersion(os.Args[1], os.Args[2], os.Args[3])
		info += ", named " + os.Args[2] + " " + os.Args[3]
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pecheck:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %s\n", os.Args[1], info)
}
