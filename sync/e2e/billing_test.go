package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/client"
)

// Billing's access check against a real accountd: the demo book's two
// years of invoices reach a Billing user's desktop by sync, with an
// invoice's lines fetched from the service; the carrier marks the group's
// last payment returned, and the Billing user pays the reopened balance, the carrier's job draws it into the day's NACHA file and the
// desktop sees it processed. A Membership user of the same group gets no
// invoice in the feed, is refused the invoice and its lines by the
// server, cannot pay on the desktop, and the server refuses the payment
// when it is sent anyway.
func TestABillingUserPaysAndAMembershipUserIsRefusedInvoicesAndPayments(t *testing.T) {
	svc := startService(t, smallTemplate)
	group := small.named(t, "Bayview Dental Group").ID // pays each bill itself, no autopay
	today := model.DateOf(time.Now())
	reopened := returnedLast(t, svc, group, today)
	billingUser := userWithRole(t, group, model.RoleBilling)
	memberUser := userWithRole(t, group, model.RoleMembership)
	payer := svc.newDesktop(t, "the billing clerk", billingUser, withForm(billingUser, demoPassword))
	clerk := svc.newDesktop(t, "the membership clerk", memberUser, withForm(memberUser, demoPassword))

	invs, err := payer.DB.Invoices(payer.ctx(t), group, model.Period{})
	if err != nil || len(invs) < 12 {
		t.Fatalf("the Billing user's desktop holds %d invoices (%v), want the demo's two years", len(invs), err)
	}
	if n := count(t, sqlDB(t, filepath.Join(clerk.Dir, "groupdesk.db")), `SELECT count(*) FROM invoices`); n != 0 {
		t.Fatalf("the Membership user's desktop received %d invoices", n)
	}

	t.Run("the Billing user fetches an invoice's lines; the Membership user is refused them", func(t *testing.T) {
		full, err := payer.Acct.FetchInvoice(payer.ctx(t), group, invs[0].ID)
		if err != nil || len(full.Lines) == 0 || len(full.Lines) != invs[0].LineCount {
			t.Fatalf("the Billing user's invoice: %d lines of %d (%v)", len(full.Lines), invs[0].LineCount, err)
		}
		if _, err := clerk.Acct.FetchInvoice(clerk.ctx(t), group, invs[0].ID); !forbidden(err) {
			t.Fatalf("the server gave the Membership user the invoice: %v", err)
		}
		if _, err := clerk.Acct.Invoices(clerk.ctx(t), group, model.Period{}); !forbidden(err) {
			t.Fatalf("the server listed invoices to the Membership user: %v", err)
		}
		if _, err := clerk.Acct.ServicePayments(clerk.ctx(t), group); !forbidden(err) {
			t.Fatalf("the server listed payments to the Membership user: %v", err)
		}
	})

	owed, err := payer.DB.Invoice(payer.ctx(t), reopened)
	must(t, err)
	if owed.Status == model.InvoicePaid || owed.Balance() <= 0 {
		t.Fatalf("after the return the desktop shows invoice %s %s with %s owed", owed.Number, owed.Status, owed.Balance())
	}
	p := model.Payment{ID: sqlite.NewID(), GroupID: group, InvoiceID: owed.ID, Amount: owed.Balance(), On: today,
		Bank: model.BankAccount{Holder: "Łódź Bakery LLC", Routing: "121000358", Account: "000123456789", Type: model.Checking}}

	t.Run("the Membership user cannot pay, and the server refuses the payment sent anyway", func(t *testing.T) {
		q := p
		q.ID = sqlite.NewID()
		if err := clerk.DB.SchedulePayment(clerk.ctx(t), &q); model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("the desktop let a Membership user pay: %v", err)
		}
		res := postPayment(t, svc, memberUser, q)
		if res.Status != model.ResultRefused || res.Code != model.EFORBIDDEN || !strings.Contains(res.Reason, "billing.pay") {
			t.Fatalf("the server's answer to a Membership user's payment: %+v", res)
		}
		if n := count(t, sqlDB(t, svc.DBPath), `SELECT count(*) FROM payments WHERE id = ?`, q.ID); n != 0 {
			t.Fatal("the server holds the refused payment")
		}
	})

	t.Run("the Billing user pays; the carrier draws it once into the NACHA file", func(t *testing.T) {
		must(t, payer.DB.SchedulePayment(payer.ctx(t), &p))
		payer.sync(t)
		if n := count(t, sqlDB(t, svc.DBPath), `SELECT count(*) FROM payments WHERE id = ? AND status = 'scheduled'`, p.ID); n != 1 {
			t.Fatalf("the server holds %d scheduled payments %s", n, p.ID)
		}
		if res := postPayment(t, svc, billingUser, p); res.Status != model.ResultApplied { // sent again after a lost answer
			t.Fatalf("the payment sent again: %+v", res)
		}
		achDir := t.TempDir()
		must(t, command(binDir, accountdBin, "payments", "--db", svc.DBPath, "--today", today.String(), "--ach-dir", achDir))
		must(t, command(binDir, accountdBin, "payments", "--db", svc.DBPath, "--today", today.String(), "--ach-dir", achDir))
		data, err := os.ReadFile(filepath.Join(achDir, "ach-"+today.Time().Format("20060102")+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		entries := 0
		for i, l := range lines {
			if len(l) != 94 {
				t.Fatalf("record %d of the NACHA file is %d characters", i+1, len(l))
			}
			if l[0] == '6' && strings.Contains(l, "000123456789") {
				entries++
				if want := fmt.Sprintf("%010d", int64(p.Amount)); l[29:39] != want {
					t.Fatalf("the entry's amount is %s, want %s cents", l[29:39], want)
				}
			}
		}
		if entries != 1 || len(lines)%10 != 0 {
			t.Fatalf("the NACHA file has %d entries for the payment and %d records", entries, len(lines))
		}
		payer.sync(t)
		got, err := payer.DB.Payments(payer.ctx(t), group)
		must(t, err)
		for _, q := range got {
			if q.ID == p.ID {
				if q.Status != model.PaymentProcessed || q.ProcessedOn != today || q.Confirmation == "" || q.Bank.Account != "********6789" {
					t.Fatalf("the desktop shows the payment %+v", q)
				}
				if inv, err := payer.DB.Invoice(payer.ctx(t), owed.ID); err != nil || inv.Status != model.InvoicePaid {
					t.Fatalf("the invoice paid again shows %s (%v)", inv.Status, err)
				}
				return
			}
		}
		t.Fatal("the payment is not in the desktop's history")
	})
}

// forbidden reports whether the server answered 403 Forbidden.
func forbidden(err error) bool {
	var p *api.Problem
	return errors.As(err, &p) && p.Status == http.StatusForbidden
}

// returnedLast has the carrier mark the group's latest payment returned
// by its bank (accountd's admin command), which reopens its invoice's
// balance; it returns that invoice's ID.
func returnedLast(t *testing.T, svc *service, group string, on model.Date) string {
	t.Helper()
	var id, invoice string
	err := sqlDB(t, svc.DBPath).QueryRow(`SELECT id, invoice_id FROM payments WHERE group_id = ? AND status = 'processed'
		ORDER BY pay_on DESC LIMIT 1`, group).Scan(&id, &invoice)
	if err != nil {
		t.Fatalf("the group has no payment to return: %v", err)
	}
	must(t, command(binDir, accountdBin, "payment", "return", "--db", svc.DBPath, "--id", id, "--on", on.String()))
	return invoice
}

// postPayment sends a payment straight to the service as a user's
// operation, as a desktop that skipped its own checks would.
func postPayment(t *testing.T, svc *service, email string, p model.Payment) model.OpResult {
	t.Helper()
	data, _ := json.Marshal(p)
	return postOp(t, svc, email, api.Op{ID: p.ID, Entity: model.EntityPayment, EntityID: p.ID,
		GroupID: p.GroupID, Action: model.ActionCreate, Data: data})
}

// postOp sends one operation straight to the service, signed in as email,
// and returns the service's answer to it.
func postOp(t *testing.T, svc *service, email string, op api.Op) model.OpResult {
	t.Helper()
	body, _ := json.Marshal(api.OpsRequest{Ops: []api.Op{op}})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	src, err := client.NewTokenSource(ctx, svc.URL, svc.signIn(t, email, demoPassword), func(string) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: &oauth2.Transport{Source: src}, Timeout: time.Minute}
	resp, err := hc.Post(svc.URL+"/v1/ops", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out api.OpsResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK || len(out.Results) != 1 {
		t.Fatalf("POST /v1/ops: %d %v %+v", resp.StatusCode, err, out)
	}
	return out.Results[0]
}
