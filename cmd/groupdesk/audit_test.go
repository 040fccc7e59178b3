package main

import (
	"database/sql"
	"strings"
	"testing"
)

func TestAuditVerifyDetectsAnEntryAlteredInSQLite(t *testing.T) {
	db := demoCopy(t)
	code, out, errOut := runCLI(t, "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(out, "The audit log is intact") {
		t.Fatalf("a fresh book: exit %d\n%s%s", code, out, errOut)
	}
	raw, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit SET summary = 'nothing to see here' WHERE seq = 42`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, _ = runCLI(t, "audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(out, "The audit log is broken at entry 42: its content does not match its hash") ||
		!strings.Contains(out, "The 41 entries before it are intact") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestAuditVerifyDetectsADeletedEntry(t *testing.T) {
	db := demoCopy(t)
	raw, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM audit WHERE seq = 7`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, _ := runCLI(t, "audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(out, "broken at entry 8: it does not follow the entry before it") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestAuditNeedsVerify(t *testing.T) {
	if code, _, errOut := runCLI(t, "audit", "--db", "x.db"); code != 2 || !strings.Contains(errOut, "audit verify") {
		t.Fatalf("exit %d %q", code, errOut)
	}
}
