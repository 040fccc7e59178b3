package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// billingDesktop is a desktop database of a Billing user of the bakery,
// filled from the service's change feed.
type billingDesktop struct {
	*DB
	t   *testing.T
	ctx context.Context
	srv *billingService
}

func openBillingDesktop(t *testing.T, srv *billingService, role model.Role) *billingDesktop {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "groupdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return srv.now }
	d := &billingDesktop{DB: db, t: t, ctx: roleCtx(role), srv: srv}
	d.pull()
	return d
}

// pull applies everything of the group in the service's feed.
func (d *billingDesktop) pull() {
	d.t.Helper()
	all := map[string]bool{}
	for _, e := range []string{model.EntityGroup, model.EntityMember, model.EntityPlan, model.EntityArea, model.EntityInvoice,
		model.EntityPayment, model.EntityBillingAccount} {
		all[e] = true
	}
	changes, _, _, err := d.srv.TailChanges(billingCtx, []FeedScope{{GroupID: "", Entities: all}, {GroupID: billingGroup, Entities: all}}, 0, 10000)
	if err != nil {
		d.t.Fatal(err)
	}
	must(d.t, d.ApplyChanges(d.ctx, changes, "c"))
}

// push sends the outbox to the service as the desktop's user and records
// the answers.
func (d *billingDesktop) push() []model.OpResult {
	d.t.Helper()
	ops, err := d.PendingOps(d.ctx, 100)
	if err != nil {
		d.t.Fatal(err)
	}
	res, err := d.srv.ApplyOps(d.ctx, ops)
	if err != nil {
		d.t.Fatal(err)
	}
	must(d.t, d.RecordResults(d.ctx, res))
	return res
}

func (d *billingDesktop) newPayment(period string, amount model.Money, on string) model.Payment {
	inv := d.srv.invoice(period)
	return model.Payment{ID: NewID(), GroupID: billingGroup, InvoiceID: inv.ID, Amount: amount, On: model.MustDate(on), Bank: bankAccount}
}

func TestAPaymentSubmittedTwiceIsTakenOnce(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	d := openBillingDesktop(t, s, model.RoleBilling)
	jan := s.invoice("2026-01")
	p := d.newPayment("2026-01", jan.AmountDue, "2025-12-05")
	again := p // the second click, with the ID the form was opened with
	must(t, d.SchedulePayment(d.ctx, &p))
	must(t, d.SchedulePayment(d.ctx, &again))
	if n := count(t, d.DB, `outbox`); n != 1 || count(t, d.DB, `payments`) != 1 {
		t.Fatalf("after a double click: %d operations, %d payments", n, count(t, d.DB, `payments`))
	}
	ops, _ := d.PendingOps(d.ctx, 10)
	if ops[0].ID != p.ID || strings.Contains(mustJSON(ops[0]), "********") {
		t.Fatalf("the operation %s does not carry the payment %s with its account number", ops[0].ID, p.ID)
	}
	first, err := s.ApplyOps(d.ctx, ops)
	must(t, err)
	retry, err := s.ApplyOps(d.ctx, ops) // the answer was lost: the desktop sends it again
	must(t, err)
	if first[0].Status != model.ResultApplied || mustJSON(first) != mustJSON(retry) {
		t.Fatalf("first %+v, retry %+v", first, retry)
	}
	other := ops[0]
	other.ID = NewID()
	if res, _ := s.ApplyOps(d.ctx, []model.Operation{other}); res[0].Status != model.ResultRefused {
		t.Fatalf("the payment under another operation: %+v", res[0])
	}
	if n := count(t, s.DB, `payments`); n != 1 {
		t.Fatalf("the service holds %d payments", n)
	}
	must(t, d.RecordResults(d.ctx, retry))
	d.pull()
	got, _ := d.Payments(d.ctx, billingGroup)
	if len(got) != 1 || got[0].Status != model.PaymentScheduled || got[0].Confirmation == "" || got[0].Bank.Account != "********6789" {
		t.Fatalf("the desktop's payment after sync: %+v", got)
	}
	if rep := s.run("2025-12-05"); len(rep.Drawn) != 1 || rep.Drawn[0].Amount != jan.AmountDue || rep.Drawn[0].Bank.Account != bankAccount.Account {
		t.Fatalf("the day's debits: %+v", rep.Drawn)
	}
}

func TestAnInvalidRoutingNumberIsRefusedBeforeAnythingIsSent(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	d := openBillingDesktop(t, s, model.RoleBilling)
	p := d.newPayment("2026-01", 10000, "2025-12-05")
	p.Bank.Routing = "121000359" // the last digit mistyped
	err := d.SchedulePayment(d.ctx, &p)
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "check digit") {
		t.Fatalf("a mistyped routing number: %v", err)
	}
	if n := count(t, d.DB, `outbox`) + count(t, d.DB, `payments`); n != 0 {
		t.Fatalf("%d rows written for a refused payment", n)
	}
	if err := d.SetAutopay(d.ctx, billingGroup, &model.Autopay{Bank: p.Bank}); model.ErrorCode(err) != model.EINVALID || count(t, d.DB, `outbox`) != 0 {
		t.Fatalf("autopay with the mistyped routing number: %v", err)
	}
	op := model.Operation{ID: p.ID, GroupID: billingGroup, Entity: model.EntityPayment, EntityID: p.ID, Action: model.ActionCreate,
		Payload: []byte(mustJSON(p))}
	if res, _ := s.ApplyOps(d.ctx, []model.Operation{op}); res[0].Status != model.ResultRefused || count(t, s.DB, `payments`) != 0 {
		t.Fatalf("the service took it: %+v", res[0])
	}
}

func TestOnlyTheBillingPermissionSeesInvoicesAndPays(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	member := roleCtx(model.RoleMembership)
	if _, err := s.Invoices(member, billingGroup, model.Period{}); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("a Membership user lists invoices: %v", err)
	}
	if _, err := s.Payments(member, billingGroup); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("a Membership user lists payments: %v", err)
	}
	d := openBillingDesktop(t, s, model.RoleBilling)
	p := d.newPayment("2026-01", 10000, "2025-12-05")
	if err := d.SchedulePayment(member, &p); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("a Membership user pays: %v", err)
	}
	op := model.Operation{ID: p.ID, GroupID: billingGroup, Entity: model.EntityPayment, EntityID: p.ID, Action: model.ActionCreate,
		Payload: []byte(mustJSON(p))}
	if res, _ := s.ApplyOps(member, []model.Operation{op}); res[0].Status != model.ResultRefused || res[0].Code != model.EFORBIDDEN {
		t.Fatalf("the service took a Membership user's payment: %+v", res[0])
	}
	p.ID = NewID()
	op.ID, op.EntityID, op.Payload = p.ID, p.ID, []byte(mustJSON(p))
	if res, _ := s.ApplyOps(roleCtx(model.RoleBilling), []model.Operation{op}); res[0].Status != model.ResultApplied {
		t.Fatalf("the service refused a Billing user's payment: %+v", res[0])
	}
	if invs, err := s.Invoices(roleCtx(model.RoleReadOnly), billingGroup, model.Period{}); err != nil || len(invs) != 1 {
		t.Fatalf("a Read-only user lists invoices: %d %v", len(invs), err)
	}
}

func TestThePaperBillChoiceReachesTheCarriersRecord(t *testing.T) {
	s := openBillingService(t, "2025-12-01")
	s.run("2025-12-01")
	d := openBillingDesktop(t, s, model.RoleBilling)
	if err := d.SetDelivery(roleCtx(model.RoleMembership), billingGroup, model.DeliveryPaper); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Fatalf("a Membership user chose the paper bill: %v", err)
	}
	for _, want := range []model.BillingDelivery{model.DeliveryPaper, model.DeliveryOnline} {
		must(t, d.SetDelivery(d.ctx, billingGroup, want))
		if res := d.push(); len(res) != 1 || res[0].Status != model.ResultApplied {
			t.Fatalf("sending the choice %s: %+v", want, res)
		}
		acct, err := s.BillingAccount(billingCtx, billingGroup)
		must(t, err)
		g, err := s.Group(billingCtx, billingGroup)
		must(t, err)
		if acct.Delivery != want || g.Delivery != want {
			t.Fatalf("the carrier has the account's delivery %s and the group's %s, want %s", acct.Delivery, g.Delivery, want)
		}
		d.pull()
		if got, _ := d.BillingAccount(d.ctx, billingGroup); got.Delivery != want {
			t.Fatalf("the desktop shows %s after sync, want %s", got.Delivery, want)
		}
	}
	if n := count(t, s.DB, `audit WHERE entity = 'group' AND summary LIKE 'Bill delivery mailed on paper%'`); n != 1 {
		t.Fatalf("the carrier recorded the paper bill %d times", n)
	}
	if err := d.SetDelivery(d.ctx, billingGroup, model.DeliveryOnline); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("choosing the delivery already chosen: %v", err)
	}
}
