package sqlite

import "testing"

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
