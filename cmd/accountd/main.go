// Command accountd is GroupDesk's reference account service: the OAuth 2.0
// authorization server and the sync API that desktops share. It keeps its
// data in SQLite through the same store as the desktop.
//
//	accountd --db PATH --addr 127.0.0.1:PORT [--tls-cert FILE --tls-key FILE]
//	accountd demo --db PATH [--people N] [--seed N]
//	accountd renewals --db PATH [--today YYYY-MM-DD]
//	accountd invoices --db PATH [--today YYYY-MM-DD] [--ach-dir DIR]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "demo":
			return exit(runDemo(ctx, args[1:], out, errOut), errOut)
		case "application":
			return exit(runApplication(ctx, args[1:], out, errOut), errOut)
		case "plans":
			return exit(runPlans(ctx, args[1:], out, errOut), errOut)
		case "renewals":
			return exit(runRenewals(ctx, args[1:], out, errOut), errOut)
		case "renewal":
			return exit(runRenewal(ctx, args[1:], out, errOut), errOut)
		case "invoices":
			return exit(runInvoices(ctx, args[1:], out, errOut), errOut)
		case "payments":
			return exit(runPayments(ctx, args[1:], out, errOut), errOut)
		case "payment":
			return exit(runPayment(ctx, args[1:], out, errOut), errOut)
		case "version", "--version":
			fmt.Fprintln(out, "accountd", version())
			return 0
		case "help", "--help", "-h":
			usage(out)
			return 0
		}
	}
	return exit(serve(ctx, args, out, errOut), errOut)
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `accountd %s — the GroupDesk account service.

Usage:
  accountd --db PATH --addr 127.0.0.1:PORT [--tls-cert FILE --tls-key FILE] [--issuer URL]
  accountd demo --db PATH [--people N] [--seed N]   seed the demo book with users for every role
  accountd plans import FILE.json --db PATH          add or replace plans, rating areas and age curves
  accountd application --db PATH --id ID --status STATE [--note TEXT]
                                                     move an enrollment application (in_review, needs_information, approved, active)
  accountd renewals --db PATH [--today YYYY-MM-DD]   the daily renewal job: offers, auto-renewals, new plan years
  accountd renewal --db PATH --id ID --status STATE [--note TEXT]
                                                     decide on a submitted renewal (in_review, needs_information, accepted)
  accountd invoices --db PATH [--today YYYY-MM-DD] [--ach-dir DIR]
                                                     the daily billing job: payments and autopay drawn, invoices issued,
                                                     past due and grace notices, the day's NACHA file of debits
  accountd payments --db PATH [--today YYYY-MM-DD] [--ach-dir DIR]
                                                     the same without issuing invoices
  accountd payment return --db PATH --id ID [--on YYYY-MM-DD] [--reason TEXT]
                                                     mark a payment returned by the bank
  accountd payment unblock --db PATH --group GROUP   allow bank payments again after two returns
  accountd version

PATH is an SQLite file, or postgres://USER@HOST[:PORT]/DB for several
instances of accountd on one PostgreSQL database (see the README).
accountd listens on loopback only unless it is given a TLS certificate.
`, version())
}
