package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// billingService is a service database holding a small demo book whose
// billing starts with the job's first run.
func billingService(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "accountd.db")
	sys := model.WithPrincipal(context.Background(), systemPrincipal)
	db, err := sqlite.OpenServer(sys, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Load(sys, demo.Generate(demo.Options{Seed: 3, Groups: 3, People: 600, Today: model.MustDate("2026-11-28")}), nil); err != nil {
		t.Fatal(err)
	}
	return path
}

// withService runs fn on the service database as the account service.
func withService(t *testing.T, path string, fn func(ctx context.Context, db *sqlite.DB)) {
	t.Helper()
	sys := model.WithPrincipal(context.Background(), systemPrincipal)
	db, err := sqlite.OpenServer(sys, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(sys, db)
}

func TestTheBillingCommandsIssueDrawReturnAndUnblock(t *testing.T) {
	path := billingService(t)
	ach := t.TempDir()
	code, out, errOut := accountd(t, "invoices", "--db", path, "--today", "2026-12-01", "--ach-dir", ach)
	if code != 0 || !strings.Contains(out, "Invoices issued (") || !strings.Contains(out, "No debits today: no NACHA file.") {
		t.Fatalf("the first run: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ = accountd(t, "invoices", "--db", path, "--today", "2026-12-01", "--ach-dir", ach); code != 0 || strings.Contains(out, "Invoices issued") {
		t.Fatalf("the second run on the same day issued again: exit %d\n%s", code, out)
	}

	var group string
	var pays []string
	withService(t, path, func(ctx context.Context, db *sqlite.DB) {
		gs, err := db.Groups(ctx, "")
		if err != nil || len(gs) == 0 {
			t.Fatal(err)
		}
		group = gs[0].ID
		invs, err := db.Invoices(ctx, group, model.Period{})
		if err != nil || len(invs) == 0 {
			t.Fatalf("%s has no invoice: %v", gs[0].Name, err)
		}
		for _, on := range []string{"2026-12-10", "2026-12-14"} {
			p := model.Payment{ID: "pay-" + on, InvoiceID: invs[0].ID, Amount: 1000, On: model.MustDate(on),
				Bank: model.BankAccount{Holder: gs[0].Name, Routing: "121000358", Account: "000123456789", Type: model.Checking}}
			if err := db.RecordPayment(ctx, &p); err != nil {
				t.Fatal(err)
			}
			pays = append(pays, p.ID)
		}
	})
	code, out, errOut = accountd(t, "payments", "--db", path, "--today", "2026-12-10", "--ach-dir", ach)
	if code != 0 || !strings.Contains(out, "Payments drawn (1)") || strings.Contains(out, "Invoices issued") || !strings.Contains(out, "1 debits, $10.00") {
		t.Fatalf("the day's payments: exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(ach, "ach-20261210.txt"))
	if err != nil {
		t.Fatal(err)
	}
	records := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for i, r := range records {
		if len(r) != 94 {
			t.Fatalf("record %d of the NACHA file has %d characters", i+1, len(r))
		}
	}
	if len(records) != 10 || !strings.HasPrefix(records[2], "627121000358000123456789     0000001000") {
		t.Fatalf("the NACHA file: %d records, entry %q", len(records), records[2])
	}

	code, out, errOut = accountd(t, "payment", "return", "--db", path, "--id", pays[0], "--on", "2026-12-12")
	if code != 0 || !strings.Contains(out, "Returned by the bank (R01 insufficient funds); its invoice's balance is open again") || strings.Contains(out, "blocked") {
		t.Fatalf("the first return: exit %d\n%q%s", code, out, errOut)
	}
	accountd(t, "payments", "--db", path, "--today", "2026-12-14", "--ach-dir", ach)
	code, out, errOut = accountd(t, "payment", "return", "--db", path, "--id", pays[1], "--on", "2026-12-16", "--reason", "R02 account closed")
	if code != 0 || !strings.Contains(out, "Bank payments are now blocked") || !strings.Contains(out, "accountd payment unblock --group "+group) {
		t.Fatalf("the second return: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut = accountd(t, "payment", "unblock", "--db", path, "--group", group); code != 0 || !strings.Contains(out, "allowed again") {
		t.Fatalf("lifting the block: exit %d\n%s%s", code, out, errOut)
	}
	withService(t, path, func(ctx context.Context, db *sqlite.DB) {
		acct, err := db.BillingAccount(ctx, group)
		if err != nil || acct.BankBlocked {
			t.Fatalf("after unblock: %+v %v", acct, err)
		}
		ps, _ := db.Payments(ctx, group)
		for _, p := range ps {
			if p.Status != model.PaymentReturned {
				t.Errorf("payment %s is %s, want returned", p.ID, p.Status)
			}
		}
	})
}

func TestTheBillingCommandsSayWhatIsWrong(t *testing.T) {
	path := billingService(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no database", []string{"invoices"}, 2, "--db PATH is required"},
		{"a day that is not a date", []string{"payments", "--db", path, "--today", "someday"}, 1, `"someday" is not a date`},
		{"payment without what to do", []string{"payment", "--db", path}, 2, "say return (--id ID) or unblock (--group GROUP)"},
		{"a return without the payment", []string{"payment", "return", "--db", path}, 1, "--id ID is required"},
		{"a payment that does not exist", []string{"payment", "return", "--db", path, "--id", "nope"}, 1, "nope"},
		{"an unblock without the group", []string{"payment", "unblock", "--db", path}, 1, "--group GROUP is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := accountd(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
