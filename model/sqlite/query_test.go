package sqlite

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/groupdesk/groupdesk/model"
)

// person is one row of the roster the query tests search and sort.
type person struct {
	emp, rel, first, last, born, ssn string
	plan                             string
	tier                             model.Tier
	status                           model.Status
	effective                        string
}

// roster is a small group with families, diacritics and every status.
var roster = []person{
	{"E-1001", "employee", "Anna", "Müller", "1980-06-15", "123-45-6789", "P1", model.TierFAM, model.StatusActive, "2020-01-01"},
	{"E-1001", "spouse", "Jan", "Müller", "1979-02-01", "", "P1", model.TierFAM, model.StatusActive, "2020-01-01"},
	{"E-1001", "child", "Max", "Müller", "2012-09-09", "", "P1", model.TierFAM, model.StatusActive, "2021-05-01"},
	{"E-1002", "employee", "Łukasz", "Kowalski", "1990-01-31", "234-56-7890", "P2", model.TierEE, model.StatusActive, "2022-01-01"},
	{"E-1003", "employee", "Minh", "Nguyễn", "1985-12-01", "345-67-8901", "P1", model.TierES, model.StatusPending, "2026-07-01"},
	{"E-1003", "domestic_partner", "Thảo", "Trần", "1986-03-03", "", "P1", model.TierES, model.StatusPending, "2026-07-01"},
	{"E-1004", "employee", "Mia", "Mulligan", "1975-07-07", "456-78-9012", "P2", model.TierEC, model.StatusCOBRA, "2019-01-01"},
	{"E-1004", "child", "Zoë", "Mulligan", "2005-05-05", "", "P2", model.TierEC, model.StatusCOBRA, "2019-01-01"},
	{"E-2001", "employee", "Bob", "Smith", "1960-10-10", "567-89-4321", "P1", model.TierEE, model.StatusTerminated, "2018-01-01"},
	{"E-2002", "employee", "Ann-Marie", "O'Brien", "1995-04-04", "", "P2", model.TierEC, model.StatusActive, "2023-03-01"},
	{"E-2002", "other", "Ödön", "O'Brien", "2015-08-08", "", "P2", model.TierEC, model.StatusActive, "2023-03-01"},
	{"E-2003", "employee", "Sven", "Ødegaard", "1988-11-11", "", "P1", model.TierEE, model.StatusActive, "2024-01-01"},
}

// seedRoster writes the roster into a new group, and a Müller into a second
// group so that searches can show they stay in their group.
func seedRoster(t *testing.T, db *DB) (g *model.Group, byName map[string]*model.Member) {
	t.Helper()
	ctx := ownerCtx()
	g = seedGroup(t, db)
	byName = map[string]*model.Member{}
	subs := map[string]*model.Member{}
	for _, p := range roster {
		m := &model.Member{GroupID: g.ID, EmployeeID: p.emp, Relationship: model.Relationship(p.rel), FirstName: p.first,
			LastName: p.last, DateOfBirth: model.MustDate(p.born), SSN: strings.ReplaceAll(p.ssn, "-", ""), PlanID: p.plan,
			Tier: p.tier, Status: p.status, Effective: model.MustDate(p.effective)}
		if p.status == model.StatusTerminated {
			m.Termination = model.MustDate("2025-12-31")
		}
		if m.Relationship != model.RelEmployee {
			m.SubscriberID = subs[p.emp].ID
		} else {
			subs[p.emp] = m
		}
		must(t, db.CreateMember(ctx, m))
		byName[p.first] = m
	}
	other := fullGroup("G-900", "Elsewhere Inc")
	must(t, db.CreateGroup(ctx, other))
	must(t, db.CreateMember(ctx, subscriber(other.ID, "E-1001", "Anna", "Müller", "1980-06-15")))
	return g, byName
}

// firstNames lists a page's first names in order.
func firstNames(ms []model.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.FirstName
	}
	return out
}

func TestMembersPaging(t *testing.T) {
	db := openTestDB(t)
	g, _ := seedRoster(t, db)
	ctx := ownerCtx()
	all, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Limit: 1000})
	must(t, err)
	if len(all.Members) != len(roster) || all.Total != len(roster) {
		t.Fatalf("%d members, total %d; want %d", len(all.Members), all.Total, len(roster))
	}
	for _, size := range []int{1, 5, 7, 12, 50} {
		t.Run(fmt.Sprintf("pages of %d add up to the whole list", size), func(t *testing.T) {
			var got []string
			for off := 0; off < len(roster)+size; off += size {
				page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Offset: off, Limit: size})
				must(t, err)
				if page.Total != len(roster) {
					t.Errorf("offset %d: total %d", off, page.Total)
				}
				if len(page.Members) > size {
					t.Errorf("offset %d: %d members on a page of %d", off, len(page.Members), size)
				}
				got = append(got, firstNames(page.Members)...)
			}
			if want := firstNames(all.Members); !reflect.DeepEqual(got, want) {
				t.Errorf("pages give %q\nwant %q", got, want)
			}
		})
	}
	t.Run("a page past the end is empty but knows the total", func(t *testing.T) {
		page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Offset: 100, Limit: 10})
		must(t, err)
		if len(page.Members) != 0 || page.Total != len(roster) {
			t.Errorf("%d members, total %d", len(page.Members), page.Total)
		}
	})
	t.Run("a negative offset is the first page and no limit means 100", func(t *testing.T) {
		page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Offset: -5})
		must(t, err)
		if len(page.Members) != len(roster) {
			t.Errorf("%d members", len(page.Members))
		}
	})
}

// sortKey is the value a sort orders members by.
func sortKey(m model.Member, s model.MemberSort) string {
	switch s {
	case model.SortEmployeeID:
		return m.EmployeeID
	case model.SortRelationship:
		return string(m.Relationship)
	case model.SortBirth:
		return m.DateOfBirth.String()
	case model.SortPlan:
		return m.PlanID
	case model.SortTier:
		return string(m.Tier)
	case model.SortStatus:
		return string(m.Status)
	case model.SortEffective:
		return m.Effective.String()
	}
	return foldKey(m.LastName, m.FirstName, m.MiddleName)
}

func TestMembersSort(t *testing.T) {
	db := openTestDB(t)
	g, _ := seedRoster(t, db)
	ctx := ownerCtx()
	sorts := []model.MemberSort{model.SortName, model.SortEmployeeID, model.SortRelationship, model.SortBirth,
		model.SortPlan, model.SortTier, model.SortStatus, model.SortEffective}
	for _, s := range sorts {
		for _, desc := range []bool{false, true} {
			dir := "ascending"
			if desc {
				dir = "descending"
			}
			t.Run(fmt.Sprintf("sorting by %s %s orders by it, then by name", s, dir), func(t *testing.T) {
				page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Sort: s, Descending: desc, Limit: 100})
				must(t, err)
				if len(page.Members) != len(roster) {
					t.Fatalf("%d members", len(page.Members))
				}
				want := append([]model.Member(nil), page.Members...)
				sort.SliceStable(want, func(i, j int) bool {
					a, b := want[i], want[j]
					ka, kb := sortKey(a, s), sortKey(b, s)
					if ka == kb {
						ka, kb = sortKey(a, model.SortName), sortKey(b, model.SortName)
					}
					if desc {
						return ka > kb
					}
					return ka < kb
				})
				if got, w := firstNames(page.Members), firstNames(want); !reflect.DeepEqual(got, w) {
					t.Errorf("order %q\nwant  %q", got, w)
				}
			})
		}
	}
	t.Run("by name, diacritics sort with their base letters", func(t *testing.T) {
		page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID})
		must(t, err)
		want := []string{"Łukasz", "Anna", "Jan", "Max", "Mia", "Zoë", "Minh", "Ann-Marie", "Ödön", "Sven", "Bob", "Thảo"}
		if got := firstNames(page.Members); !reflect.DeepEqual(got, want) {
			t.Errorf("order %q\nwant  %q", got, want)
		}
	})
	t.Run("an unknown sort falls back to the name", func(t *testing.T) {
		a, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Sort: "salary; DROP TABLE members"})
		must(t, err)
		b, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID})
		must(t, err)
		if !reflect.DeepEqual(firstNames(a.Members), firstNames(b.Members)) {
			t.Errorf("%q != %q", firstNames(a.Members), firstNames(b.Members))
		}
	})
}

func TestMembersFilter(t *testing.T) {
	db := openTestDB(t)
	g, _ := seedRoster(t, db)
	ctx := ownerCtx()
	tests := []struct {
		name  string
		q     model.MemberQuery
		match func(p person) bool
	}{
		{"by status", model.MemberQuery{Status: model.StatusCOBRA}, func(p person) bool { return p.status == model.StatusCOBRA }},
		{"by plan", model.MemberQuery{PlanID: "P2"}, func(p person) bool { return p.plan == "P2" }},
		{"by tier", model.MemberQuery{Tier: model.TierES}, func(p person) bool { return p.tier == model.TierES }},
		{"by relationship", model.MemberQuery{Relationship: model.RelChild}, func(p person) bool { return p.rel == "child" }},
		{"by plan and tier together", model.MemberQuery{PlanID: "P1", Tier: model.TierEE},
			func(p person) bool { return p.plan == "P1" && p.tier == model.TierEE }},
		{"by a status nobody has", model.MemberQuery{Status: "retired"}, func(p person) bool { return false }},
	}
	for _, tt := range tests {
		t.Run("filtering "+tt.name+" keeps exactly the matching members", func(t *testing.T) {
			q := tt.q
			q.GroupID = g.ID
			page, err := db.Members(ctx, q)
			must(t, err)
			var want []string
			for _, p := range roster {
				if tt.match(p) {
					want = append(want, p.first)
				}
			}
			got := firstNames(page.Members)
			sort.Strings(got)
			sort.Strings(want)
			if len(got) == 0 && len(want) == 0 {
				got, want = nil, nil
			}
			if !reflect.DeepEqual(got, want) || page.Total != len(want) {
				t.Errorf("got %q (total %d), want %q", got, page.Total, want)
			}
			n, err := db.CountMembers(ctx, q)
			must(t, err)
			if n != len(want) {
				t.Errorf("CountMembers = %d, want %d", n, len(want))
			}
		})
	}
}

func TestMembersSearch(t *testing.T) {
	db := openTestDB(t)
	g, byName := seedRoster(t, db)
	ctx := ownerCtx()
	tests := []struct {
		name, search string
		rel          model.Relationship
		want         []string
	}{
		{"one letter finds every name part starting with it", "m", "", []string{"Anna", "Jan", "Max", "Mia", "Minh", "Zoë", "Ann-Marie"}},
		{"a letter with a diacritic finds names with and without it", "mü", "", []string{"Anna", "Jan", "Max", "Mia", "Zoë"}},
		{"three letters narrow the search", "mul", "", []string{"Anna", "Jan", "Max", "Mia", "Zoë"}},
		{"a whole name without the umlaut finds Müller", "Muller", "", []string{"Anna", "Jan", "Max"}},
		{"a whole name with the umlaut finds Müller", "Müller", "", []string{"Anna", "Jan", "Max"}},
		{"upper case does not matter", "MÜLLER", "", []string{"Anna", "Jan", "Max"}},
		{"luk finds Łukasz", "luk", "", []string{"Łukasz"}},
		{"Łuk finds Łukasz", "Łuk", "", []string{"Łukasz"}},
		{"nguy finds Nguyễn", "nguy", "", []string{"Minh"}},
		{"nguyen finds Nguyễn", "nguyen", "", []string{"Minh"}},
		{"tran finds Trần", "tran", "", []string{"Thảo"}},
		{"ode finds Ødegaard", "ode", "", []string{"Sven"}},
		{"od finds Ødegaard and Ödön", "od", "", []string{"Ödön", "Sven"}},
		{"two words must both match", "ann mül", "", []string{"Anna"}},
		{"the order of the words does not matter", "mül ann", "", []string{"Anna"}},
		{"a hyphenated first name is found by its parts", "ann mar", "", []string{"Ann-Marie"}},
		{"an apostrophe in the search is a word break", "o'bri", "", []string{"Ann-Marie", "Ödön"}},
		{"an employee ID prefix finds the family", "E-1001", "", []string{"Anna", "Jan", "Max"}},
		{"a shorter employee ID prefix finds several families", "E-100", "", []string{"Anna", "Jan", "Max", "Łukasz", "Minh", "Thảo", "Mia", "Zoë"}},
		{"the digits of an employee ID alone find it", "1004", "", []string{"Mia", "Zoë"}},
		{"the last four of the SSN find the member", "4321", "", []string{"Bob"}},
		{"the search is combined with the filters", "mül", model.RelChild, []string{"Max", "Zoë"}},
		{"no match finds nobody", "zzz", "", nil},
		{"search syntax is text, not a query", `"mül" AND (NOT*`, "", nil},
		{"only spaces and punctuation do not filter", "  - ", "", allFirstNames()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := model.MemberQuery{GroupID: g.ID, Search: tt.search, Relationship: tt.rel}
			page, err := db.Members(ctx, q)
			must(t, err)
			got := firstNames(page.Members)
			sort.Strings(got)
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			if len(want) == 0 {
				want = []string{}
			}
			if !reflect.DeepEqual(got, want) || page.Total != len(want) {
				t.Errorf("search %q found %q (total %d), want %q", tt.search, got, page.Total, want)
			}
			for _, m := range page.Members {
				if m.GroupID != g.ID {
					t.Errorf("search found %s of another group", m.FullName())
				}
			}
		})
	}
	t.Run("the group's token in the index is not searchable", func(t *testing.T) {
		for _, search := range []string{groupToken(g.ID), groupToken(g.ID)[3:], hex.EncodeToString([]byte(g.ID))} {
			page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Search: search})
			must(t, err)
			if page.Total != 0 {
				t.Errorf("search %q found %d members", search, page.Total)
			}
		}
	})
	t.Run("a renamed member is found by the new name only", func(t *testing.T) {
		m := *byName["Sven"]
		m.LastName = "Svensson"
		must(t, db.UpdateMember(ctx, &m))
		for search, want := range map[string]int{"svens": 1, "odegaard": 0} {
			page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Search: search})
			must(t, err)
			if page.Total != want {
				t.Errorf("search %q found %d, want %d", search, page.Total, want)
			}
		}
	})
}

// allFirstNames lists the first names of the whole roster.
func allFirstNames() []string {
	out := make([]string, len(roster))
	for i, p := range roster {
		out[i] = p.first
	}
	return out
}

// bruteForceMatch says whether a member matches search text the way the
// search is specified: every word of the text starts a word of the name,
// the employee ID or the SSN's last four (diacritics and case ignored).
func bruteForceMatch(m model.Member, text string) bool {
	isWordBreak := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	tokens := strings.FieldsFunc(foldKey(m.LastName, m.FirstName, m.MiddleName)+" "+strings.ToLower(m.EmployeeID)+" "+m.SSNLast4(), isWordBreak)
	for _, w := range strings.FieldsFunc(foldKey(text), isWordBreak) {
		found := false
		for _, tok := range tokens {
			found = found || strings.HasPrefix(tok, w)
		}
		if !found {
			return false
		}
	}
	return true
}

// TestMembersSearchAgreesWithBruteForce checks both ways a search page is
// read (few matches fetched by rowid, many read in name order) against a
// scan of every member.
func TestMembersSearchAgreesWithBruteForce(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := seedGroup(t, db)
	people := population(g.ID, narrowMatches+500)
	must(t, db.CreateMembers(ctx, people))
	byKey := append([]model.Member(nil), people...)
	sort.SliceStable(byKey, func(i, j int) bool {
		return foldKey(byKey[i].LastName, byKey[i].FirstName, byKey[i].MiddleName) < foldKey(byKey[j].LastName, byKey[j].FirstName, byKey[j].MiddleName)
	})
	for _, search := range []string{"e", "E00", "m", "mü", "mul", "nguy", "luk", "zo", "ann mül", "o'b", "E0001", "12", "zzz"} {
		for _, desc := range []bool{false, true} {
			var want []string
			for _, m := range byKey {
				if bruteForceMatch(m, search) {
					want = append(want, m.ID)
				}
			}
			if desc {
				slices.Reverse(want)
			}
			t.Run(fmt.Sprintf("search %q (descending %v) finds what a scan finds", search, desc), func(t *testing.T) {
				page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Search: search, Descending: desc, Offset: 10, Limit: 40})
				must(t, err)
				if page.Total != len(want) {
					t.Errorf("total %d, a scan finds %d", page.Total, len(want))
				}
				var got []string
				for _, m := range page.Members {
					got = append(got, m.ID)
				}
				wantPage := want[min(10, len(want)):min(50, len(want))]
				if len(got) != len(wantPage) || (len(got) > 0 && !reflect.DeepEqual(got, wantPage)) {
					t.Errorf("page of %d differs from the scan's %d", len(got), len(wantPage))
				}
			})
		}
	}
	t.Run("a broad search is read in name order and a narrow one by rowid", func(t *testing.T) {
		broad, err := db.memberFilter(ctx, model.MemberQuery{GroupID: g.ID, Search: "e"})
		must(t, err)
		narrow, err := db.memberFilter(ctx, model.MemberQuery{GroupID: g.ID, Search: "nguy"})
		must(t, err)
		if broad.conds[0] != "m.group_id = ?" || narrow.conds[0] != "+m.group_id = ?" {
			t.Errorf("broad %q, narrow %q", broad.conds[0], narrow.conds[0])
		}
	})
}
