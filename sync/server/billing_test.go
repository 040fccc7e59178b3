package server

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// billed runs the billing job once on the fixture's day.
func (f *fixture) billed() {
	f.t.Helper()
	sys := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	if _, err := f.db.RunBilling(sys, today, nil); err != nil {
		f.t.Fatal(err)
	}
}

func TestABillingUserReadsInvoicesAndAMembershipUserIsRefused(t *testing.T) {
	f := newFixture(t)
	f.billed()
	billing, group := f.userWithRole(model.RoleBilling)
	status, body := f.do(billing.ID, "GET", "/v1/groups/"+group+"/invoices", nil)
	var list api.InvoiceList
	if status != http.StatusOK || json.Unmarshal(body, &list) != nil || len(list.Invoices) == 0 || list.Invoices[0].Lines != nil {
		t.Fatalf("the Billing user's invoice list: %d %.300s", status, body)
	}
	inv := list.Invoices[0]
	status, body = f.do(billing.ID, "GET", "/v1/groups/"+group+"/invoices/"+inv.ID, nil)
	var full model.Invoice
	if status != http.StatusOK || json.Unmarshal(body, &full) != nil || len(full.Lines) != inv.LineCount || inv.LineCount == 0 {
		t.Fatalf("the Billing user's invoice: %d, %d lines of %d", status, len(full.Lines), inv.LineCount)
	}
	if status, _ := f.do(billing.ID, "GET", "/v1/groups/"+group+"/payments", nil); status != http.StatusOK {
		t.Fatalf("the Billing user's payments: %d", status)
	}
	member, _ := f.userWithRole(model.RoleMembership)
	for _, path := range []string{"/invoices", "/invoices/" + inv.ID, "/payments"} {
		if status, body := f.do(member.ID, "GET", "/v1/groups/"+group+path, nil); status != http.StatusForbidden {
			t.Errorf("a Membership user's GET %s: %d %s", path, status, body)
		}
	}
}

func TestAnotherGroupsInvoiceIsNotFound(t *testing.T) {
	f := newFixture(t)
	f.billed()
	pga, group := f.userWithRole(model.RolePGA)
	var other string
	for _, g := range f.book.Groups {
		if g.ID != group {
			other = g.ID
		}
	}
	sys := model.WithPrincipal(context.Background(), &model.Principal{System: true})
	invs, err := f.db.Invoices(sys, other, model.Period{})
	if err != nil || len(invs) == 0 {
		t.Fatalf("the other group's invoices: %v", err)
	}
	if status, body := f.do(pga.ID, "GET", "/v1/groups/"+group+"/invoices/"+invs[0].ID, nil); status != http.StatusNotFound {
		t.Fatalf("another group's invoice through this group: %d %s", status, body)
	}
}

func TestTheFeedCarriesInvoicesToThoseWhoMaySeeThem(t *testing.T) {
	f := newFixture(t)
	f.billed()
	for role, want := range map[model.Role]bool{model.RoleBilling: true, model.RoleReadOnly: true, model.RoleMembership: false} {
		user, _ := f.userWithRole(role)
		changes, _ := f.pullAll(user.ID, "")
		got := false
		for _, c := range changes {
			got = got || c.Entity == model.EntityInvoice || c.Entity == model.EntityBillingAccount
		}
		if got != want {
			t.Errorf("%s reads invoices in the feed: %v, want %v", role.Label(), got, want)
		}
	}
}
