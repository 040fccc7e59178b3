package sqlite

import (
	"os"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// TestCommittedPagesReachTheFileWhileTheStoreIsOpen: commits do not copy
// the write-ahead log into the database file themselves; the checkpointer
// does, soon after, with the store still open (a desktop left running for
// days must not grow its log without end).
func TestCommittedPagesReachTheFileWhileTheStoreIsOpen(t *testing.T) {
	db := openTestDB(t)
	g := fullGroup("G-CKPT", "Checkpoint Co")
	must(t, db.CreateGroup(ownerCtx(), g))
	before := fileSize(t, db.Path)
	ms := population(g.ID, 2000)
	must(t, db.CreateMembers(ownerCtx(), ms))
	deadline := time.Now().Add(20 * time.Second)
	for fileSize(t, db.Path) < before+1<<20 {
		if time.Now().After(deadline) {
			t.Fatalf("the database file is %d bytes 20 s after 2,000 people were added (it was %d): nothing was checkpointed",
				fileSize(t, db.Path), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
	page, err := db.Members(ownerCtx(), model.MemberQuery{GroupID: g.ID, Limit: 10})
	must(t, err)
	if page.Total != len(ms) {
		t.Fatalf("%d members after the checkpoint, want %d", page.Total, len(ms))
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	must(t, err)
	return fi.Size()
}
