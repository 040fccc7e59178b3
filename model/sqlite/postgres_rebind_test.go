package sqlite

import (
	"context"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestRebindNumbersPlaceholdersOutsideQuotes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT a FROM t WHERE b = ? AND c IN (?, ?)", "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"},
		{"SELECT '?' || ? FROM \"odd?name\" WHERE x = ?", "SELECT '?' || $1 FROM \"odd?name\" WHERE x = $2"},
		{"SELECT 'it''s ?' , ?", "SELECT 'it''s ?' , $1"},
		{"WHERE m.id = ?1 OR m.subscriber_id = ?1 AND n = ?2", "WHERE m.id = $1 OR m.subscriber_id = $1 AND n = $2"},
		{"VALUES (?12)", "VALUES ($12)"},
	} {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A service database that cannot be reached or named is refused with a
// message that says why and what to check, never with its password.
func TestPostgresThatCannotBeOpenedIsExplainedWithoutItsPassword(t *testing.T) {
	for _, c := range []struct{ dsn, want string }{
		{"postgres://gd:s3cret@127.0.0.1:1/nodb", "connection refused"},
		{"postgres://gd:s3cret@[bad/nodb", "is not a PostgreSQL URL"},
	} {
		_, err := OpenServer(context.Background(), c.dsn)
		if err == nil {
			t.Fatalf("%s opened", c.dsn)
		}
		msg := model.ErrorMessage(err)
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(msg, c.want) || strings.Contains(msg, "s3cret") {
			t.Errorf("opening %s: %q (code %s), want an invalid-input message saying %q without the password", c.dsn, msg, model.ErrorCode(err), c.want)
		}
	}
}
