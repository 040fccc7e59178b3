package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// renewalService is a service database holding a small demo book renewing
// from today, with no renewal job run yet.
func renewalService(t *testing.T) (string, model.Date) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "accountd.db")
	today := model.MustDate("2026-11-28")
	sys := model.WithPrincipal(context.Background(), systemPrincipal)
	db, err := sqlite.OpenServer(sys, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := demo.Options{Seed: 3, Groups: 3, People: 600, Today: today}
	if err := db.Load(sys, demo.Generate(o), nil); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveRenewalRates(sys, demo.RenewalRates(o)); err != nil {
		t.Fatal(err)
	}
	return path, today
}

func accountd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestTheRenewalJobMakesTheOffersOnceADay(t *testing.T) {
	db, today := renewalService(t)
	code, out, errOut := accountd(t, "renewals", "--db", db, "--today", today.String())
	if code != 0 || !strings.Contains(out, "Offers made") || !strings.Contains(out, "Bayview Dental Group, Inc., renewal") {
		t.Fatalf("the first run: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ = accountd(t, "renewals", "--db", db, "--today", today.String()); code != 0 || !strings.Contains(out, "Nothing to do.") {
		t.Fatalf("the second run on the same day: exit %d\n%s", code, out)
	}
}

func TestTheRenewalCommandsSayWhatIsWrong(t *testing.T) {
	db, _ := renewalService(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"a day that is not a date", []string{"renewals", "--db", db, "--today", "tomorrow"}, 1, `"tomorrow" is not a date`},
		{"no database", []string{"renewals"}, 2, "--db PATH is required"},
		{"a renewal that does not exist", []string{"renewal", "--db", db, "--id", "nope", "--status", "accepted"}, 1, "There is no renewal nope."},
		{"a decision without the renewal", []string{"renewal", "--db", db}, 2, "--db PATH, --id ID and --status STATE are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := accountd(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
