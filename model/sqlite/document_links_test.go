package sqlite

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestTheRecordsADocumentLinksToAreFoundByNameAndKind(t *testing.T) {
	db := vaultDB(t)
	members, err := db.LinkCandidates(ownerCtx(), renewalGroup, model.LinkMember, "ada", 10)
	must(t, err)
	if len(members) != 1 || !strings.HasPrefix(members[0].Label, "Ada Nguyễn") || members[0].Kind != model.LinkMember {
		t.Fatalf("searching members for ada: %+v", members)
	}
	if none, err := db.LinkCandidates(ownerCtx(), renewalGroup, model.LinkMember, "zzqx", 10); err != nil || len(none) != 0 {
		t.Fatalf("a name nobody has: %+v, %v", none, err)
	}
	if _, err := db.LinkCandidates(ownerCtx(), renewalGroup, model.LinkKind("invoice"), "", 10); model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("an unknown kind of link: %v", err)
	}
	for _, k := range model.LinkKinds {
		links, err := db.LinkCandidates(ownerCtx(), renewalGroup, k, "", 10)
		must(t, err)
		for _, l := range links {
			if l.Kind != k || l.ID == "" || l.Label == "" {
				t.Errorf("a %s candidate lacks its kind, ID or label: %+v", k, l)
			}
		}
	}
}
