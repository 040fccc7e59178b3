package main

import (
	"context"
	"fmt"
	"io"
)

// errAuditBroken is the exit status's reason when the chain is broken (the
// message has been printed).
type errAuditBroken struct{ seq int64 }

func (e errAuditBroken) Error() string {
	return fmt.Sprintf("the audit log is broken at entry %d", e.seq)
}

func runAudit(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("audit", "verify --db PATH", errOut)
	dbPath := fs.String("db", "", "the database whose audit log to check")
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(errOut, "groupdesk audit: the command is groupdesk audit verify --db PATH")
		fs.Usage()
		return errUsage
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireDB(fs, *dbPath); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	broken, n, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if broken != nil {
		fmt.Fprintf(out, "The audit log is broken at entry %d: %s.\nThe %d entries before it are intact; from entry %d on, the log cannot be trusted.\n",
			broken.Seq, broken.Reason, n-1, broken.Seq)
		return errAuditBroken{broken.Seq}
	}
	fmt.Fprintf(out, "The audit log is intact: %d entries, each linked to the one before.\n", n)
	return nil
}
