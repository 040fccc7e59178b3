// Command benchtable reads `go test -bench` output on stdin and prints a
// table people can read: each benchmark's time per operation, its custom
// metrics, and its ratio to a baseline measured in the same run.
//
//	go test -run '^$' -bench . ./... | go run ./internal/benchtable -pair InsertStore=InsertPlain
//
// A benchmark whose name ends with Store is compared with the one of the
// same name ending with Plain; -pair adds other suffix pairs. Failures in
// the input are repeated on stderr and make the exit status 1.
//
// It uses the standard library only, so `make bench` needs nothing else.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// pairFlag collects -pair Suffix=BaselineSuffix values.
type pairFlag map[string]string

func (p pairFlag) String() string { return fmt.Sprint(map[string]string(p)) }

func (p pairFlag) Set(v string) error {
	suffix, base, ok := strings.Cut(v, "=")
	if !ok || suffix == "" || base == "" {
		return fmt.Errorf("want Suffix=BaselineSuffix, like InsertStore=InsertPlain")
	}
	p[suffix] = base
	return nil
}

func main() {
	pairs := pairFlag{"Store": "Plain"}
	flag.Var(pairs, "pair", "compare benchmarks ending in `Suffix=BaselineSuffix` (repeatable; Store=Plain is always on)")
	flag.Parse()
	results, failures, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(2)
	}
	if err := render(os.Stdout, results, pairs); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(2)
	}
	for _, f := range failures {
		fmt.Fprintln(os.Stderr, f)
	}
	if len(failures) > 0 {
		os.Exit(1)
	}
}
