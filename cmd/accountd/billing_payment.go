package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/model"
)

// runPayment is the carrier's admin command on payments: mark one
// returned by the bank (the balance reopens; a second return in twelve
// months blocks bank payments), or lift a group's block.
func runPayment(ctx context.Context, args []string, out, errOut io.Writer) error {
	if len(args) == 0 || (args[0] != "return" && args[0] != "unblock") {
		fmt.Fprintln(errOut, "accountd payment: say return (--id ID) or unblock (--group GROUP)")
		return errUsage
	}
	fs := flag.NewFlagSet("accountd payment "+args[0], flag.ContinueOnError)
	fs.SetOutput(errOut)
	dbPath := fs.String("db", "", "the service's database: SQLite file or postgres:// URL")
	id := fs.String("id", "", "return: the payment's ID")
	on := fs.String("on", "", "return: the day the bank returned it, YYYY-MM-DD (default: today)")
	reason := fs.String("reason", "", "return: the bank's reason (default: R01 insufficient funds)")
	group := fs.String("group", "", "unblock: the group's ID")
	if err := fs.Parse(args[1:]); err != nil || *dbPath == "" {
		fmt.Fprintln(errOut, "accountd payment: --db PATH is required")
		return errUsage
	}
	sys := model.WithPrincipal(ctx, systemPrincipal)
	db, err := openServerDB(sys, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if args[0] == "unblock" {
		if *group == "" {
			return model.Errorf(model.EINVALID, "--group GROUP is required")
		}
		if _, err := db.LiftBankBlock(sys, *group); err != nil {
			return err
		}
		fmt.Fprintln(out, "Bank payments are allowed again for the group.")
		return nil
	}
	day, err := dayFlag(*on)
	if err != nil || *id == "" {
		return firstErr(err, model.Errorf(model.EINVALID, "--id ID is required"))
	}
	p, err := db.ReturnPayment(sys, *id, day, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Payment %s of %s: %s; its invoice's balance is open again.\n", p.Confirmation, p.Amount, p.Reason)
	if acct, err := db.BillingAccount(sys, p.GroupID); err == nil && acct.BankBlocked {
		fmt.Fprintf(out, "Bank payments are now blocked for the group: %s Lift it with accountd payment unblock --group %s.\n", acct.BlockReason, p.GroupID)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
