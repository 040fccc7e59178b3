package sqlite

import (
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// An entry's hash is the one every GroupDesk has written: a database
// written by an earlier version verifies in this one.
func TestAuditHashIsStable(t *testing.T) {
	e := model.AuditEntry{
		At: time.Date(2026, 3, 4, 5, 6, 7, 890_000_000, time.UTC), Actor: "Zoë Nguyễn", ActorID: "u-1", GroupID: "g-1",
		Entity: model.EntityMember, EntityID: "m-1", Action: model.ActionUpdate, Summary: "Changed the address",
		Before: []byte(`{"city":"Łódź"}`), After: []byte(`{"city":"Kraków"}`), Batch: "b-1",
		PrevHash: "4f2a0c7b9e6d1f3a5c8b0e2d4f6a8c1e3b5d7f9a0c2e4b6d8f1a3c5e7b9d0f2a",
	}
	const want = "f22a476a89b22608ad60b98b4f3eb2667317d8c109c46552b0e069a4ebce4844"
	if got := auditHash(&e); got != want {
		t.Fatalf("hash %s, want %s", got, want)
	}
	if got := auditHashAt(&e, "2026-03-04T05:06:07.89Z"); got != want {
		t.Fatalf("hash with the time as stored %s, want %s", got, want)
	}
	e.Before = nil
	if auditHash(&e) == want {
		t.Fatal("an entry without its before image hashes as one with it")
	}
}
