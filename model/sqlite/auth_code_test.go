package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

func designate(t *testing.T, db *DB, email string) string {
	t.Helper()
	_, code, err := db.DesignatePGA(context.Background(), Designation{GroupNumber: "G-1", FEIN: "123456789",
		OfficerName: "Olga Officer", OfficerTitle: "CFO", PGAName: "Pat Newman", PGAEmail: email}, "https://accounts.example/register")
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestDesignateAndRedeem(t *testing.T) {
	db, clock, g, _ := openAuthDB(t)
	ctx := context.Background()
	newbie := model.User{Name: "Pat Newman", Email: "new@example.com"}

	t.Run("a wrong FEIN is refused without saying which field was wrong", func(t *testing.T) {
		_, _, err := db.DesignatePGA(ctx, Designation{GroupNumber: "G-1", FEIN: "98-7654321", OfficerName: "O",
			OfficerTitle: "CFO", PGAName: "P", PGAEmail: "p@example.com"}, "")
		if err != errNoSuchGroup {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("the code goes out by mail and only its hash is stored", func(t *testing.T) {
		code := designate(t, db, newbie.Email)
		mail, err := db.PendingMail(ctx)
		mustNil(t, err)
		last := mail[len(mail)-1]
		if last.To != newbie.Email || !strings.Contains(last.Body, code) || !strings.Contains(last.Body, "https://accounts.example/register") {
			t.Fatalf("mail %+v does not carry the code %s", last, code)
		}
		var n int
		mustNil(t, db.read.QueryRow(`SELECT count(*) FROM access_codes WHERE hash LIKE '%'||?||'%'`, code).Scan(&n))
		if n != 0 {
			t.Fatal("the code itself is stored")
		}
	})
	t.Run("a code is refused after 7 days", func(t *testing.T) {
		code := designate(t, db, newbie.Email)
		clock.advance(model.AccessCodeValidity)
		_, err := db.RedeemAccessCode(ctx, code, newbie, "a long new password")
		if err == nil || !strings.Contains(err.Error(), "expired") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a code registers once, with the role in its group", func(t *testing.T) {
		code := designate(t, db, newbie.Email)
		clock.advance(model.AccessCodeValidity - time.Minute)
		u, err := db.RedeemAccessCode(ctx, strings.ToLower(code), newbie, "a long new password")
		mustNil(t, err)
		var role string
		mustNil(t, db.read.QueryRow(`SELECT role FROM grants WHERE user_id = ? AND group_id = ?`, u.ID, g.ID).Scan(&role))
		if role != string(model.RolePGA) {
			t.Fatalf("role %q", role)
		}
		if _, err := db.CheckPassword(ctx, newbie.Email, "a long new password"); err != nil {
			t.Fatal(err)
		}
		_, err = db.RedeemAccessCode(ctx, code, newbie, "a long new password")
		if err == nil || !strings.Contains(err.Error(), "already been used") {
			t.Fatalf("second use: %v", err)
		}
		var audited int
		mustNil(t, db.read.QueryRow(`SELECT count(*) FROM audit WHERE entity IN ('user', 'grant') AND actor_id = ?`, u.ID).Scan(&audited))
		if audited != 2 {
			t.Fatalf("%d audit entries for the registration, want 2", audited)
		}
	})
	t.Run("a wrong code is refused", func(t *testing.T) {
		_, err := db.RedeemAccessCode(ctx, "BCDF-GHJK-MNPQ-RSTV", newbie, "a long new password")
		if err != errCodeUnknown {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a broker invites staff of their own firm only", func(t *testing.T) {
		owner := model.WithPrincipal(ctx, model.LocalOwner)
		b := model.User{ID: "b1", Email: "bea@brokers.example", Name: "Bea Broker", Kind: model.UserBroker, Firm: "Brokers & Co"}
		mustNil(t, db.Load(owner, &model.Book{Users: []model.User{b}}, nil))
		broker := model.WithPrincipal(ctx, &model.Principal{UserID: b.ID, Grants: map[string]model.Role{g.ID: model.RoleBroker}})
		invite := func(firm string) error {
			_, err := db.CreateAccessCode(broker, &model.AccessCode{Purpose: model.CodeInvite, GroupID: g.ID,
				Role: model.RoleBroker, Email: "sam@brokers.example", Name: "Sam Staff", Firm: firm})
			return err
		}
		mustNil(t, invite("Brokers & Co"))
		wantErrCode(t, invite("Other Brokers"), model.EFORBIDDEN)
	})
	t.Run("only someone managing access may invite", func(t *testing.T) {
		clerk := model.WithPrincipal(ctx, &model.Principal{UserID: "c", Grants: map[string]model.Role{g.ID: model.RoleMembership}})
		_, err := db.CreateAccessCode(clerk, &model.AccessCode{Purpose: model.CodeInvite, GroupID: g.ID,
			Role: model.RoleBilling, Email: "b@example.com", Name: "Bill"})
		wantErrCode(t, err, model.EFORBIDDEN)
		pga := model.WithPrincipal(ctx, &model.Principal{UserID: "p", Grants: map[string]model.Role{g.ID: model.RolePGA}})
		_, err = db.CreateAccessCode(pga, &model.AccessCode{Purpose: model.CodeInvite, GroupID: g.ID,
			Role: model.RolePGA, Email: "b@example.com", Name: "Bill"})
		wantErrCode(t, err, model.EINVALID)
	})
}
