package sqlite

import "testing"

// TestARosterRowHasEveryMemberColumn: unpackMember reads as many fields as
// the roster query packs.
func TestARosterRowHasEveryMemberColumn(t *testing.T) {
	if len(rosterFields) != rosterFieldCount {
		t.Errorf("the roster query packs %d fields, unpackMember reads %d", len(rosterFields), rosterFieldCount)
	}
}
