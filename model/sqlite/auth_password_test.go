package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

func TestCheckPassword(t *testing.T) {
	db, clock, _, u := openAuthDB(t)
	ctx := context.Background()

	t.Run("the right password signs in", func(t *testing.T) {
		got, err := db.CheckPassword(ctx, "PAT@example.com", "correct horse battery")
		if err != nil || got.ID != u.ID {
			t.Fatalf("got %v, %v", got, err)
		}
	})
	t.Run("a wrong password and an unknown email get the same answer", func(t *testing.T) {
		_, err1 := db.CheckPassword(ctx, u.Email, "wrong password!!")
		clock.advance(time.Minute)
		_, err2 := db.CheckPassword(ctx, "nobody@example.com", "correct horse battery")
		if err1 != ErrWrongPassword || err2 != ErrWrongPassword {
			t.Fatalf("got %v and %v", err1, err2)
		}
		if !strings.Contains(err1.Error(), "email or password is not right") {
			t.Fatalf("message %q", err1)
		}
		mustNil(t, db.SetPassword(ctx, u.ID, "correct horse battery"))
	})
	t.Run("repeated failures slow down, then lock for 15 minutes", func(t *testing.T) {
		for i := 1; i <= 4; i++ {
			_, err := db.CheckPassword(ctx, u.Email, "wrong password!!")
			if err != ErrWrongPassword {
				t.Fatalf("attempt %d: %v", i, err)
			}
			_, err = db.CheckPassword(ctx, u.Email, "correct horse battery")
			wantErrCode(t, err, model.EFORBIDDEN)
			if !strings.Contains(err.Error(), "Wait") {
				t.Fatalf("attempt %d too early: %v", i, err)
			}
			clock.advance(failureDelay(i))
		}
		_, err := db.CheckPassword(ctx, u.Email, "wrong password!!")
		if err == nil || !strings.Contains(err.Error(), "locked until 2:16 PM UTC (in 15 minutes)") {
			t.Fatalf("fifth failure: %v", err)
		}
		clock.advance(14 * time.Minute)
		_, err = db.CheckPassword(ctx, u.Email, "correct horse battery")
		if err == nil || !strings.Contains(err.Error(), "locked") {
			t.Fatalf("while locked, even the right password is refused: %v", err)
		}
		clock.advance(time.Minute)
		if _, err := db.CheckPassword(ctx, u.Email, "correct horse battery"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
	})
	t.Run("a short password is refused", func(t *testing.T) {
		err := db.SetPassword(ctx, u.ID, "short")
		wantErrCode(t, err, model.EINVALID)
	})
}

func mustNil(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
