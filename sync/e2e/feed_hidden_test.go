package e2e_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// A reader who may not see some kinds of a group's records (a Membership
// user without billing.view, among the group's invoices and payments) still
// gets every record they may see, however small the pages: a page cut
// short by the records left out is not the end of the group.
func TestPagesCutShortByHiddenRecordsDoNotEndTheGroup(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	server := sqlDB(t, svc.DBPath)
	email := userWithRole(t, g.ID, model.RoleMembership)
	if model.RoleMembership.Allows(model.PermBillingView) {
		t.Fatal("the Membership role sees billing: the test needs records the reader may not see")
	}
	if n := count(t, server, `SELECT count(*) FROM changes WHERE group_id = ? AND entity IN ('invoice', 'payment')`, g.ID); n < 100 {
		t.Fatalf("the group has %d invoices and payments in the feed, want many among its members", n)
	}
	hc := bearerClient(svc.signIn(t, email, demoPassword))
	for _, limit := range []int{37, 500} {
		seen := map[string]bool{}
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > 10000 {
				t.Fatal("the feed never ends")
			}
			resp, err := hc.Get(svc.URL + "/v1/changes?limit=" + itoa(limit) + "&cursor=" + url.QueryEscape(cursor))
			if err != nil {
				t.Fatal(err)
			}
			var page api.ChangesPage
			err = json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("a page: %s %v", resp.Status, err)
			}
			for _, c := range page.Changes {
				if c.Entity == model.EntityInvoice || c.Entity == model.EntityPayment {
					t.Fatalf("the Membership user was sent %s %s", c.Entity, c.ID)
				}
				if c.GroupID == g.ID && c.Entity == model.EntityMember {
					seen[c.ID] = true
				}
			}
			cursor = page.Cursor
			if !page.HasMore {
				break
			}
		}
		missing := 0
		for id := range memberRows(t, server, g.ID) {
			if !seen[id] {
				missing++
			}
		}
		if missing > 0 {
			t.Errorf("pages of %d: %d of the group's members never came", limit, missing)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
