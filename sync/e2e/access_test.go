package e2e_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/server/auth/authtest"
)

// withChromium is a person at Debian's chromium, headless: they mistype
// the password once (the page says so), wait out the slow-down, and sign
// in.
func withChromium(tb testing.TB, email, password string) opener {
	tb.Helper()
	browser := authtest.Browser(tb)
	return func(u string) error {
		err := chromedp.Do(browser, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("#email")),
			chromedp.SendKeys(chromedp.CSS("#email"), email),
			chromedp.SendKeys(chromedp.CSS("#password"), "not my password at all"),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[role="alert"]`)))
		if err != nil {
			return err
		}
		alert, err := chromedp.Run(browser, chromedp.Text(chromedp.CSS(`[role="alert"]`)))
		if err != nil {
			return err
		}
		if !strings.Contains(alert, "The email or password is not right.") {
			tb.Errorf("after a wrong password the sign-in page said %q", alert)
		}
		time.Sleep(1100 * time.Millisecond) // the slow-down after one wrong password
		return chromedp.Do(browser, chromedp.SendKeys(chromedp.CSS("#password"), password),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	}
}

// register posts the registration page's form, as a browser would.
func register(tb testing.TB, svc *service, code, name, email, password string) (int, string) {
	tb.Helper()
	resp, err := http.PostForm(svc.URL+"/register", url.Values{"code": {code}, "name": {name}, "email": {email}, "password": {password}})
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The whole story of a shared account, against a real
// accountd: the PGA invites a Membership user, who registers with the
// mailed access code and syncs; both edit the same member offline; one
// conflict shows and both versions stay; the Membership user may not
// manage access; a broker sees a group only while granted.
func TestSharedAccountAccessAndConflicts(t *testing.T) {
	svc := startService(t, smallTemplate)
	broker := small.staffBroker(t)
	group := small.groupWithoutBroker(t, broker)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	pga := svc.newDesktop(t, "the PGA", group.PGA, withChromium(t, group.PGA, demoPassword))
	me, _ := pga.Acct.Me(ctx)
	if !slices.ContainsFunc(me.Groups, func(g api.GroupAccess) bool { return g.GroupID == group.ID && g.Role == model.RolePGA }) {
		t.Fatalf("the PGA's desktop does not hold the group as PGA: %+v", me.Groups)
	}
	if warning := pga.Acct.KeychainWarning(); !strings.Contains(warning, "readable only by you") {
		t.Errorf("without a keychain the desktop says %q", warning)
	}

	const clerkEmail, clerkName, clerkPassword = "quinn.clerk@example.com", "Quinn Clerk", "a long passphrase of Quinn's"
	t.Run("the PGA invites a Membership user, who registers with the mailed code", func(t *testing.T) {
		if err := pga.Acct.Invite(ctx, group.ID, clerkEmail, clerkName, model.RoleMembership); err != nil {
			t.Fatal(err)
		}
		pga.wait(t) // an access change starts a round
		code := svc.accessCode(t, clerkEmail)
		status, page := register(t, svc, "BCDF-GHJK-MNPQ-RSTV", clerkName, clerkEmail, clerkPassword)
		if status != http.StatusBadRequest || !strings.Contains(page, "That access code is not right.") {
			t.Fatalf("a wrong code: %d %s", status, page)
		}
		status, page = register(t, svc, code, clerkName, clerkEmail, clerkPassword)
		if status != http.StatusOK || !strings.Contains(page, "Your online access is ready.") {
			t.Fatalf("registering: %d %s", status, page)
		}
		status, page = register(t, svc, code, clerkName, clerkEmail, clerkPassword)
		if status != http.StatusBadRequest || !strings.Contains(page, "already been used") {
			t.Fatalf("the code used again: %d %s", status, page)
		}
	})
	if t.Failed() {
		return
	}
	clerk := svc.newDesktop(t, "the Membership user", clerkEmail, withForm(clerkEmail, clerkPassword))
	server := sqlDB(t, svc.DBPath)
	desk := sqlDB(t, filepath.Join(clerk.Dir, "groupdesk.db"))
	sameMembers(t, desk, server, group.ID)

	// A subscriber with dependents: the dependents refer to it.
	var conflicted string
	if err := desk.QueryRow(`SELECT subscriber_id FROM members WHERE group_id = ? AND subscriber_id IS NOT NULL ORDER BY id LIMIT 1`,
		group.ID).Scan(&conflicted); err != nil {
		t.Fatalf("no family with dependents in the group: %v", err)
	}
	t.Run("both edit the same member offline: one conflict, both versions kept", func(t *testing.T) {
		theirs, err := pga.DB.Member(pga.ctx(t), conflicted)
		if err != nil {
			t.Fatal(err)
		}
		mine, err := clerk.DB.Member(clerk.ctx(t), theirs.ID)
		if err != nil {
			t.Fatal(err)
		}
		theirs.Phone, mine.Phone = "415-555-0101", "415-555-0202"
		if err := pga.DB.UpdateMember(pga.ctx(t), &theirs); err != nil {
			t.Fatal(err)
		}
		if err := clerk.DB.UpdateMember(clerk.ctx(t), &mine); err != nil {
			t.Fatal(err)
		}
		if rep := pga.sync(t); rep.Applied != 1 || rep.Conflicts != 0 {
			t.Fatalf("the PGA's round: %+v", rep)
		}
		if rep := clerk.sync(t); rep.Conflicts != 1 || rep.Applied != 0 {
			t.Fatalf("the Membership user's round: %+v", rep)
		}
		clerk.sync(t) // a further round changes nothing
		pga.sync(t)
		held, err := clerk.DB.Held(clerk.ctx(t))
		if err != nil || len(held) != 1 || held[0].State != model.OpState(api.OpConflict) || held[0].EntityID != mine.ID {
			t.Fatalf("want exactly one conflict, on %s: %+v %v", mine.ID, held, err)
		}
		var serverCopy, localCopy model.Member
		if err := json.Unmarshal(held[0].ServerCopy, &serverCopy); err != nil || serverCopy.Phone != "415-555-0101" {
			t.Fatalf("the conflict does not hold the server's version: %s", held[0].ServerCopy)
		}
		if err := json.Unmarshal(held[0].Payload, &localCopy); err != nil || localCopy.Phone != "415-555-0202" {
			t.Fatalf("the conflict does not hold the local version: %s", held[0].Payload)
		}
		if !strings.Contains(held[0].Reason, "Someone else changed it first") {
			t.Errorf("the conflict says %q", held[0].Reason)
		}
		local, _ := clerk.DB.Member(clerk.ctx(t), mine.ID)
		if local.Phone != "415-555-0202" {
			t.Fatalf("the local version was overwritten: %s", local.Phone)
		}
		if held, _ := pga.DB.Held(pga.ctx(t)); len(held) != 0 {
			t.Fatalf("the PGA's desktop shows %d conflicts", len(held))
		}
		if got, _ := pga.DB.Member(pga.ctx(t), theirs.ID); got.Phone != "415-555-0101" {
			t.Fatalf("the PGA's desktop has %s", got.Phone)
		}
		var onServer string
		server.QueryRow(`SELECT phone FROM members WHERE id = ?`, mine.ID).Scan(&onServer)
		if onServer != "415-555-0101" {
			t.Fatalf("the server has %s", onServer)
		}
	})

	t.Run("the Membership user may not manage access or read invoices: the server says 403, in words", func(t *testing.T) {
		for name, try := range map[string]func() error{
			"list access": func() error { _, err := clerk.Acct.GroupAccess(ctx, group.ID); return err },
			"invite":      func() error { return clerk.Acct.Invite(ctx, group.ID, "x@example.com", "X", model.RoleReadOnly) },
			"grant a broker": func() error {
				return clerk.Acct.GrantBroker(ctx, group.ID, broker)
			},
		} {
			err := try()
			var p *api.Problem
			if !errors.As(err, &p) || p.Status != http.StatusForbidden {
				t.Fatalf("%s: want a 403 problem, got %v", name, err)
			}
			if !strings.Contains(err.Error(), "You do not have the access.manage permission for this group.") {
				t.Errorf("%s: the desktop would show %q", name, err.Error())
			}
		}
		// Nor read the group's invoices: refused by the server, in words
		// the desktop shows.
		_, err := clerk.Acct.Invoices(ctx, group.ID, model.Period{})
		var p *api.Problem
		if !errors.As(err, &p) || p.Status != http.StatusForbidden {
			t.Fatalf("reading invoices: want a 403 problem, got %v", err)
		}
		if !strings.Contains(err.Error(), "You do not have the billing.view permission for this group.") {
			t.Errorf("reading invoices: the desktop would show %q", err.Error())
		}
	})

	t.Run("a new role keeps the conflict and the local copy", func(t *testing.T) {
		// The group is sent again for the new role: the desktop first
		// removes it, then stores it anew around the waiting decision.
		grants, err := pga.Acct.GroupAccess(ctx, group.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(grants, func(g model.Grant) bool { return g.UserEmail == clerkEmail })
		if i < 0 {
			t.Fatalf("no grant of %s: %+v", clerkEmail, grants)
		}
		if err := pga.Acct.ChangeRole(ctx, group.ID, grants[i].ID, model.RoleFull); err != nil {
			t.Fatal(err)
		}
		clerk.sync(t)
		if me, _ := clerk.Acct.Me(ctx); !slices.ContainsFunc(me.Groups, func(g api.GroupAccess) bool { return g.GroupID == group.ID && g.Role == model.RoleFull }) {
			t.Fatalf("the desktop does not hold the new role: %+v", me.Groups)
		}
		held, err := clerk.DB.Held(clerk.ctx(t))
		if err != nil || len(held) != 1 || held[0].EntityID != conflicted || len(held[0].ServerCopy) == 0 {
			t.Fatalf("after the new role: %+v %v", held, err)
		}
		local, err := clerk.DB.Member(clerk.ctx(t), conflicted)
		if err != nil || local.Phone != "415-555-0202" {
			t.Fatalf("the local copy after the new role: %q %v", local.Phone, err)
		}
		d, s := memberRows(t, desk, group.ID), memberRows(t, server, group.ID)
		delete(d, conflicted)
		delete(s, conflicted)
		if len(d) != len(s) {
			t.Fatalf("the desktop holds %d other members of the group, the server %d", len(d), len(s))
		}
		for id, row := range s {
			if d[id] != row {
				t.Fatalf("member %s differs:\n  desktop %s\n  server  %s", id, d[id], row)
			}
		}
	})

	t.Run("a broker sees a group only while the PGA grants it", func(t *testing.T) {
		b := svc.newDesktop(t, "the broker", broker, withForm(broker, demoPassword))
		bdesk := sqlDB(t, filepath.Join(b.Dir, "groupdesk.db"))
		noTrace := func(when string) {
			t.Helper()
			for _, table := range []string{"groups WHERE id = ?", "members WHERE group_id = ?", "grants WHERE group_id = ?"} {
				if n := count(t, bdesk, "SELECT count(*) FROM "+table, group.ID); n != 0 {
					t.Fatalf("%s the broker's desktop holds %d rows of %s", when, n, table)
				}
			}
			if me, _ := b.Acct.Me(ctx); slices.ContainsFunc(me.Groups, func(g api.GroupAccess) bool { return g.GroupID == group.ID }) {
				t.Fatalf("%s the broker's desktop lists the group", when)
			}
		}
		noTrace("before the grant")
		if n := count(t, bdesk, `SELECT count(*) FROM members`); n == 0 {
			t.Fatal("the broker's desktop holds none of the broker's own groups")
		}
		if err := pga.Acct.GrantBroker(ctx, group.ID, broker); err != nil {
			t.Fatal(err)
		}
		pga.wait(t)
		if rep := b.sync(t); rep.Pulled == 0 {
			t.Fatalf("the round after the grant pulled nothing: %+v", rep)
		}
		sameMembers(t, bdesk, server, group.ID)
		if me, _ := b.Acct.Me(ctx); !slices.ContainsFunc(me.Groups, func(g api.GroupAccess) bool { return g.GroupID == group.ID && g.Role == model.RoleBroker }) {
			t.Fatal("the broker's desktop does not list the group after the grant")
		}
		grants, err := pga.Acct.GroupAccess(ctx, group.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(grants, func(g model.Grant) bool { return g.UserEmail == broker })
		if i < 0 {
			t.Fatalf("the group's access list has no %s: %+v", broker, grants)
		}
		if err := pga.Acct.RevokeAccess(ctx, group.ID, grants[i].ID); err != nil {
			t.Fatal(err)
		}
		b.sync(t)
		noTrace("after the revocation")
	})

	t.Run("no password or sign-in is in accountd's log", func(t *testing.T) {
		logs := svc.Log()
		secrets := []string{demoPassword, clerkPassword, "not my password at all"}
		for _, d := range []*desktop{pga, clerk} {
			entries, _ := filepath.Glob(filepath.Join(d.Dir, "signin-*"))
			if len(entries) != 1 {
				t.Fatalf("%s's sign-in is not in one file beside the database: %v", d.Name, entries)
			}
			b, err := os.ReadFile(entries[0])
			if err != nil {
				t.Fatal(err)
			}
			secrets = append(secrets, strings.TrimSpace(string(b)))
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(logs, s) {
				t.Errorf("a secret (%.6s…) is in accountd's log", s)
			}
		}
	})
}

// staffBroker returns the broker with access to the fewest groups.
func (b *bookFacts) staffBroker(tb testing.TB) string {
	tb.Helper()
	best, fewest := "", 1<<30
	for email, u := range b.Users {
		if u.Kind != string(model.UserBroker) {
			continue
		}
		n := 0
		for _, g := range b.Groups {
			if slices.Contains(g.Brokers, email) {
				n++
			}
		}
		if n > 0 && n < fewest {
			best, fewest = email, n
		}
	}
	if best == "" {
		tb.Fatal("the demo book has no broker")
	}
	return best
}
