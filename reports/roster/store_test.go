package roster_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/roster"
)

// TestStoreRosterIsTheGroupInOrder reads the roster of a real store: every
// member of the group once, each as the store reads it alone, families by
// subscriber name (people who share a name included), subscriber first,
// then the partner, then the children from the oldest; and the counts the
// export sizes its sheets by.
func TestStoreRosterIsTheGroupInOrder(t *testing.T) {
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "roster.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	book := demo.Generate(demo.Options{Seed: 3, Groups: 3, People: 1500, Today: model.MustDate("2026-11-28")})
	// Two subscribers with one name: their families stay whole.
	var twins []string
	for i := range book.Members {
		if m := &book.Members[i]; m.IsSubscriber() && m.GroupID == book.Groups[0].ID && len(twins) < 2 {
			m.FirstName, m.MiddleName, m.LastName = "Ann", "", "Aardvark"
			twins = append(twins, m.ID)
		}
	}
	if err := db.Load(ctx, book, nil); err != nil {
		t.Fatal(err)
	}
	for _, g := range book.Groups {
		want := 0
		for i := range book.Members {
			if book.Members[i].GroupID == g.ID {
				want++
			}
		}
		// The subscribers as the member list sorts them by name.
		page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Relationship: model.RelEmployee, Sort: model.SortName, Limit: 100_000})
		if err != nil {
			t.Fatal(err)
		}
		rank := map[string]int{}
		for i, m := range page.Members {
			rank[m.ID] = i
		}
		seen := map[string]bool{}
		var last model.Member
		subs, deps := 0, 0
		err = db.EachFamily(ctx, g.ID, func(fam []model.Member) error {
			if !fam[0].IsSubscriber() {
				t.Fatalf("a family starts with %s, a %s", fam[0].FullName(), fam[0].Relationship)
			}
			if last.ID != "" && rank[last.ID] > rank[fam[0].ID] && last.FullName() != fam[0].FullName() {
				t.Errorf("families not by name: %s before %s", last.FullName(), fam[0].FullName())
			}
			last = fam[0]
			subs++
			for k := range fam {
				m := fam[k]
				if seen[m.ID] {
					t.Errorf("%s read twice", m.FullName())
				}
				seen[m.ID] = true
				alone, err := db.Member(ctx, m.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(m, alone) {
					t.Errorf("the roster reads\n%+v\nthe store alone\n%+v", m, alone)
				}
				if k == 0 {
					continue
				}
				deps++
				if m.SubscriberID != fam[0].ID {
					t.Errorf("%s is in the family of %s", m.FullName(), fam[0].FullName())
				}
				prev := fam[k-1]
				partner := func(r model.Relationship) bool { return r == model.RelSpouse || r == model.RelDomesticPartner }
				if k > 1 && !partner(prev.Relationship) && partner(m.Relationship) {
					t.Errorf("the partner of %s comes after a child", fam[0].FullName())
				}
				if k > 1 && !partner(prev.Relationship) && m.DateOfBirth.Before(prev.DateOfBirth) {
					t.Errorf("children of %s are not oldest first", fam[0].FullName())
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != want {
			t.Errorf("group %s: the roster has %d people, the group %d", g.Number, len(seen), want)
		}
		for _, id := range twins {
			if g.ID == book.Groups[0].ID && !seen[id] {
				t.Errorf("subscriber %s who shares a name is missing", id)
			}
		}
		src, err := roster.NewSource(ctx, db, g.ID, model.MustDate("2026-11-28"))
		if err != nil {
			t.Fatal(err)
		}
		if src.Subscribers != subs || src.Dependents != deps {
			t.Errorf("group %s: counted %d subscribers and %d dependents, read %d and %d", g.Number, src.Subscribers, src.Dependents, subs, deps)
		}
	}
}
