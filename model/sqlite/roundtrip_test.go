package sqlite

import (
	"reflect"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

func TestGroupRoundTrip(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := fullGroup("G-100", "Ácme Łódź Holdings")
	must(t, db.CreateGroup(ctx, g))

	t.Run("every field comes back as written", func(t *testing.T) {
		got, err := db.Group(ctx, g.ID)
		must(t, err)
		if g.Version != 1 || !reflect.DeepEqual(&got, g) {
			t.Errorf("got  %+v\nwant %+v", got, *g)
		}
	})
	t.Run("a changed group is saved with the next version", func(t *testing.T) {
		g.BillingUnits = nil
		g.Autopay, g.Delivery, g.Name = false, model.DeliveryOnline, "Acme Two"
		must(t, db.UpdateGroup(ctx, g))
		got, err := db.Group(ctx, g.ID)
		must(t, err)
		g.BillingUnits = []string{}
		if got.Version != 2 || !reflect.DeepEqual(&got, g) {
			t.Errorf("got  %+v\nwant %+v", got, *g)
		}
	})
	t.Run("a stale group is a conflict", func(t *testing.T) {
		stale := *g
		stale.Version = 1
		stale.Name = "Stale"
		wantCode(t, db.UpdateGroup(ctx, &stale), model.ECONFLICT)
		if stale.Version != 1 {
			t.Errorf("a refused update changed the caller's version to %d", stale.Version)
		}
	})
	t.Run("a second group with the same number is a conflict", func(t *testing.T) {
		wantCode(t, db.CreateGroup(ctx, fullGroup("G-100", "Other")), model.ECONFLICT)
	})
	t.Run("an invalid group is refused", func(t *testing.T) {
		wantCode(t, db.CreateGroup(ctx, &model.Group{Number: "X"}), model.EINVALID)
	})
	t.Run("an unknown group is not found", func(t *testing.T) {
		_, err := db.Group(ctx, "nope")
		wantCode(t, err, model.ENOTFOUND)
	})
}

func TestGroupsListAndSearch(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	a := seedGroup(t, db)
	b := fullGroup("G-200", "Bäckerei Łukasiewicz")
	must(t, db.CreateGroup(ctx, b))
	sub := subscriber(a.ID, "E1", "Anna", "Müller", "1980-06-15")
	must(t, db.CreateMember(ctx, sub))
	must(t, db.CreateMember(ctx, dependent(sub, model.RelSpouse, "Jan", "1982-01-01")))
	gone := subscriber(a.ID, "E2", "Old", "Timer", "1950-01-01")
	gone.Status, gone.Termination = model.StatusTerminated, model.MustDate("2025-12-31")
	must(t, db.CreateMember(ctx, gone))

	tests := []struct {
		name, search string
		want         []string
	}{
		{"all groups come by name", "", []string{"Acme Ürün Ltd", "Bäckerei Łukasiewicz"}},
		{"a name part finds its group", "acme", []string{"Acme Ürün Ltd"}},
		{"a name without diacritics finds the group with them", "backerei lukas", []string{"Bäckerei Łukasiewicz"}},
		{"a number part finds its group", "G-2", []string{"Bäckerei Łukasiewicz"}},
		{"a percent sign is text, not a wildcard", "%", nil},
		{"no match is an empty list", "zzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs, err := db.Groups(ctx, tt.search)
			must(t, err)
			var names []string
			for _, g := range gs {
				names = append(names, g.Name)
			}
			if !reflect.DeepEqual(names, tt.want) {
				t.Errorf("Groups(%q) = %q, want %q", tt.search, names, tt.want)
			}
		})
	}
	t.Run("the summary counts active subscribers and dependents", func(t *testing.T) {
		gs, err := db.Groups(ctx, "acme")
		must(t, err)
		if gs[0].Subscribers != 1 || gs[0].Dependents != 1 {
			t.Errorf("%d subscribers, %d dependents; want 1 and 1", gs[0].Subscribers, gs[0].Dependents)
		}
	})
}

func TestPlanRoundTrip(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	for _, p := range []*model.Plan{agePlan("P1", "Gold PPO"), compositePlan("P2", "Bronze HMO")} {
		t.Run(string(p.Rating.Method)+" rating comes back as written", func(t *testing.T) {
			must(t, db.SavePlan(ctx, p))
			got, err := db.Plan(ctx, p.ID)
			must(t, err)
			if p.Version != 1 || !reflect.DeepEqual(&got, p) {
				t.Errorf("got  %+v\nwant %+v", got, *p)
			}
		})
	}
	t.Run("plans are listed by name", func(t *testing.T) {
		ps, err := db.Plans(ctx)
		must(t, err)
		if len(ps) != 2 || ps[0].ID != "P2" || ps[1].ID != "P1" {
			t.Errorf("plans %+v", ps)
		}
	})
	t.Run("saving a plan again replaces it with the next version", func(t *testing.T) {
		p, err := db.Plan(ctx, "P1")
		must(t, err)
		p.Rating.BaseRates["area-3"] = 50505
		must(t, db.SavePlan(ctx, &p))
		got, err := db.Plan(ctx, "P1")
		must(t, err)
		if got.Version != 2 || got.Rating.BaseRates["area-3"] != 50505 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("saving a stale plan is a conflict", func(t *testing.T) {
		stale := agePlan("P1", "Stale")
		stale.Version = 1
		wantCode(t, db.SavePlan(ctx, stale), model.ECONFLICT)
	})
	t.Run("an unknown plan is not found", func(t *testing.T) {
		_, err := db.Plan(ctx, "nope")
		wantCode(t, err, model.ENOTFOUND)
	})
}

// sameMember compares two members, with the update time compared as an
// instant.
func sameMember(t *testing.T, got, want model.Member) {
	t.Helper()
	if !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("updated at %v, want %v", got.UpdatedAt, want.UpdatedAt)
	}
	got.UpdatedAt = want.UpdatedAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestMemberRoundTrip(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := seedGroup(t, db)
	sub := subscriber(g.ID, "E-1001", "Łukasz", "Nguyễn-Müller", "1980-06-15")
	must(t, db.CreateMember(ctx, sub))
	spouse := dependent(sub, model.RelSpouse, "Zoë", "1982-02-28")
	spouse.MiddleName, spouse.SSN, spouse.Email, spouse.Phone = "Åsa", "234567890", "zoe@example.com", "555"
	spouse.Status, spouse.Termination, spouse.TermReason = model.StatusCOBRA, model.MustDate("2026-03-31"), "divorce"
	spouse.Gender = model.GenderUnknown
	older := dependent(sub, model.RelChild, "Søren", "2008-02-29")
	younger := dependent(sub, model.RelChild, "Dalia", "2012-11-11")
	for _, m := range []*model.Member{younger, spouse, older} {
		must(t, db.CreateMember(ctx, m))
	}

	t.Run("a subscriber comes back with every field", func(t *testing.T) {
		got, err := db.Member(ctx, sub.ID)
		must(t, err)
		if sub.Version != 1 || !sub.UpdatedAt.Equal(testNow) {
			t.Errorf("version %d, updated %v", sub.Version, sub.UpdatedAt)
		}
		sameMember(t, got, *sub)
	})
	t.Run("a dependent comes back with every field", func(t *testing.T) {
		got, err := db.Member(ctx, spouse.ID)
		must(t, err)
		sameMember(t, got, *spouse)
	})
	t.Run("the family comes subscriber, spouse, then children oldest first", func(t *testing.T) {
		for _, id := range []string{sub.ID, younger.ID} {
			fam, err := db.Family(ctx, id)
			must(t, err)
			var names []string
			for _, m := range fam {
				names = append(names, m.FirstName)
			}
			if want := []string{"Łukasz", "Zoë", "Søren", "Dalia"}; !reflect.DeepEqual(names, want) {
				t.Errorf("Family(%s) = %q, want %q", id, names, want)
			}
		}
	})
	t.Run("an update saves every field and the next version", func(t *testing.T) {
		db.Now = func() time.Time { return testNow.Add(time.Hour) }
		defer func() { db.Now = func() time.Time { return testNow } }()
		upd := *sub
		upd.LastName, upd.Tobacco, upd.Address.City, upd.Employment.Salary = "Kowalski", false, "Gdańsk", 1
		upd.Termination, upd.TermReason, upd.Status = model.MustDate("2026-12-31"), "resigned", model.StatusTerminated
		must(t, db.UpdateMember(ctx, &upd))
		got, err := db.Member(ctx, sub.ID)
		must(t, err)
		if upd.Version != 2 || !upd.UpdatedAt.Equal(testNow.Add(time.Hour)) {
			t.Errorf("version %d, updated %v", upd.Version, upd.UpdatedAt)
		}
		sameMember(t, got, upd)
	})
	t.Run("an unknown member is not found", func(t *testing.T) {
		_, err := db.Member(ctx, "nope")
		wantCode(t, err, model.ENOTFOUND)
		m := *sub
		m.ID = "nope"
		wantCode(t, db.UpdateMember(ctx, &m), model.ENOTFOUND)
	})
	t.Run("a dependent of an unknown subscriber is refused", func(t *testing.T) {
		orphan := dependent(&model.Member{ID: "nope", GroupID: g.ID, EmployeeID: "E9", LastName: "X", PlanID: "P1",
			Tier: model.TierEC, Effective: sub.Effective}, model.RelChild, "Kid", "2015-01-01")
		wantCode(t, db.CreateMember(ctx, orphan), model.EINVALID)
	})
	t.Run("an invalid member is refused with the problems", func(t *testing.T) {
		bad := subscriber(g.ID, "", "", "X", "2030-01-01")
		err := db.CreateMember(ctx, bad)
		wantCode(t, err, model.EINVALID)
	})
	t.Run("a member cannot move to another group", func(t *testing.T) {
		other := fullGroup("G-OTHER", "Other")
		must(t, db.CreateGroup(ctx, other))
		m, err := db.Member(ctx, older.ID)
		must(t, err)
		m.GroupID = other.ID
		wantCode(t, db.UpdateMember(ctx, &m), model.EINVALID)
	})
}

func TestLoadRoundTrip(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := fullGroup("G-1", "Loaded")
	g.ID, g.Version = "group-1", 7
	sub := subscriber(g.ID, "E1", "Ana", "Nuñez", "1970-01-01")
	sub.ID, sub.Version = "member-1", 3
	child := dependent(sub, model.RelChild, "Kid", "2010-01-01")
	child.ID = "member-2"
	grantedAt := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	book := &model.Book{
		Plans:   []model.Plan{*agePlan("P1", "Gold")},
		Groups:  []model.Group{*g},
		Members: []model.Member{*sub, *child},
		Users: []model.User{{ID: "u1", Email: "pga@example.com", Name: "Paula Gómez", Kind: model.UserEmployer, Version: 4},
			{ID: "u2", Email: "broker@example.com", Name: "Bruno Broker", Kind: model.UserBroker, Firm: "Brokers & Co"}},
		Grants: []model.Grant{{ID: "gr1", UserID: "u1", GroupID: g.ID, Role: model.RolePGA, GrantedBy: "carrier", GrantedAt: grantedAt, Version: 2},
			{ID: "gr2", UserID: "u2", GroupID: g.ID, Role: model.RoleBroker, GrantedBy: "u1"}},
	}
	var calls []int
	must(t, db.Load(ctx, book, func(done, total int) { calls = append(calls, done) }))

	t.Run("progress ends with the total", func(t *testing.T) {
		if len(calls) == 0 || calls[len(calls)-1] != 8 {
			t.Errorf("progress calls %v", calls)
		}
	})
	t.Run("the service's versions are kept", func(t *testing.T) {
		gg, err := db.Group(ctx, g.ID)
		must(t, err)
		m, err := db.Member(ctx, sub.ID)
		must(t, err)
		c, err := db.Member(ctx, child.ID)
		must(t, err)
		if gg.Version != 7 || m.Version != 3 || c.Version != 1 {
			t.Errorf("versions %d, %d, %d; want 7, 3, 1", gg.Version, m.Version, c.Version)
		}
		sub.UpdatedAt = testNow
		sameMember(t, m, *sub)
	})
	t.Run("users come back by name", func(t *testing.T) {
		us, err := db.Users(ctx)
		must(t, err)
		want := []model.User{book.Users[1], book.Users[0]}
		want[0].Version = 1
		if !reflect.DeepEqual(us, want) {
			t.Errorf("got  %+v\nwant %+v", us, want)
		}
	})
	t.Run("grants come back with who granted them, when, and to whom", func(t *testing.T) {
		got, err := db.GroupGrants(ctx, g.ID) // by the user's name: Bruno, then Paula
		must(t, err)
		want := []model.Grant{
			{ID: "gr2", UserID: "u2", GroupID: g.ID, Role: model.RoleBroker, GrantedBy: "u1", GrantedAt: testNow, Version: 1,
				UserEmail: "broker@example.com", UserName: "Bruno Broker", UserKind: model.UserBroker},
			{ID: "gr1", UserID: "u1", GroupID: g.ID, Role: model.RolePGA, GrantedBy: "carrier", GrantedAt: grantedAt, Version: 2,
				UserEmail: "pga@example.com", UserName: "Paula Gómez", UserKind: model.UserEmployer},
		}
		if len(got) != len(want) {
			t.Fatalf("got %+v", got)
		}
		for i := range want {
			if !got[i].GrantedAt.Equal(want[i].GrantedAt) {
				t.Errorf("grant %s granted at %v, want %v", got[i].ID, got[i].GrantedAt, want[i].GrantedAt)
			}
			got[i].GrantedAt = want[i].GrantedAt
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("got  %+v\nwant %+v", got[i], want[i])
			}
		}
		if ug, err := db.UserGrants(ctx, "u1"); err != nil || len(ug) != 1 || ug[0].Role != model.RolePGA {
			t.Errorf("UserGrants(u1) = %+v, %v", ug, err)
		}
	})
	t.Run("loading the same book again is refused and changes nothing", func(t *testing.T) {
		before := count(t, db, "audit")
		wantCode(t, db.Load(ctx, book, nil), model.ECONFLICT)
		if after := count(t, db, "audit"); after != before {
			t.Errorf("audit grew from %d to %d", before, after)
		}
	})
}
