package demo

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/groupdesk/groupdesk/model"
)

var today = model.NewDate(2026, 5, 14)

// Books are generated once per option set and shared by the tests that
// only read them.
var (
	books   = map[Options]*model.Book{}
	booksMu sync.Mutex
)

func book(t *testing.T, o Options) *model.Book {
	t.Helper()
	booksMu.Lock()
	defer booksMu.Unlock()
	if b, ok := books[o]; ok {
		return b
	}
	b := Generate(o)
	books[o] = b
	return b
}

var (
	smallBook   = Options{Today: today, People: 2000}
	defaultBook = Options{Today: today}
)

// bookCases are the books every structural test runs against.
var bookCases = []struct {
	name string
	o    Options
}{
	{"a book of 2,000 people", smallBook},
	{"the default book", defaultBook},
	{"a book of 20 groups", Options{Today: today, People: 3000, Groups: 20, Seed: 7}},
}

func encode(t *testing.T, b *model.Book) []byte {
	t.Helper()
	j, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestGenerateIsDeterministic(t *testing.T) {
	tests := []struct {
		name string
		a, b Options
		same bool
	}{
		{"the same options give the same book", smallBook, smallBook, true},
		{"the default options give the same book twice", defaultBook, defaultBook, true},
		{"zero seed is seed 1", Options{Today: today, People: 2000, Seed: 1}, smallBook, true},
		{"another seed gives another book", smallBook, Options{Today: today, People: 2000, Seed: 2}, false},
		{"another day gives another book", smallBook, Options{Today: today.AddDays(1), People: 2000}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := encode(t, Generate(tt.a)), encode(t, Generate(tt.b))
			if bytes.Equal(a, b) != tt.same {
				t.Errorf("books equal = %v, want %v", !tt.same, tt.same)
			}
		})
	}
}

func TestGenerateSize(t *testing.T) {
	tests := []struct {
		name                 string
		o                    Options
		groups               int
		minPeople, maxPeople int
		minLarge, maxLarge   int // subscribers of the largest group
	}{
		{"a book of 2,000 people has 2,000 give or take 15%", smallBook, 12, 1700, 2300, 2, 2000},
		{"the default book has about 48,000 people and a group of about 20,000 subscribers", defaultBook,
			12, 42000, 54000, 18000, 22000},
		{"a book of three groups takes the largest first", Options{Today: today, Groups: 3, People: 5000},
			3, 4250, 5750, 1500, 2500},
		{"a book of 20 groups makes up eight more", Options{Today: today, People: 3000, Groups: 20, Seed: 7},
			20, 2550, 3450, 2, 3000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := book(t, tt.o)
			if len(b.Groups) != tt.groups {
				t.Errorf("%d groups, want %d", len(b.Groups), tt.groups)
			}
			if n := len(b.Members); n < tt.minPeople || n > tt.maxPeople {
				t.Errorf("%d people, want %d to %d", n, tt.minPeople, tt.maxPeople)
			}
			largest := 0
			for _, n := range subscribersByGroup(b) {
				largest = max(largest, n)
			}
			if largest < tt.minLarge || largest > tt.maxLarge {
				t.Errorf("largest group has %d subscribers, want %d to %d", largest, tt.minLarge, tt.maxLarge)
			}
		})
	}
}

func subscribersByGroup(b *model.Book) map[string]int {
	n := map[string]int{}
	for i := range b.Members {
		if b.Members[i].IsSubscriber() {
			n[b.Members[i].GroupID]++
		}
	}
	return n
}

func TestGenerateIsQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	start := time.Now()
	Generate(defaultBook)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the default book took %v, want well under 2s", d)
	}
}

func TestEveryRecordValidates(t *testing.T) {
	for _, bc := range bookCases {
		t.Run("in "+bc.name, func(t *testing.T) {
			b := book(t, bc.o)
			for i := range b.Plans {
				if err := b.Plans[i].Validate(); err != nil {
					t.Errorf("plan %s: %v", b.Plans[i].ID, err)
				}
			}
			for i := range b.Groups {
				if err := b.Groups[i].Validate(); err != nil {
					t.Errorf("group %s: %v", b.Groups[i].Name, err)
				}
			}
			bad := 0
			for i := range b.Members {
				if err := b.Members[i].Validate(today); err != nil && bad < 10 {
					bad++
					t.Errorf("member %s: %v", b.Members[i].FullName(), err)
				}
			}
		})
	}
}

func TestFamilies(t *testing.T) {
	for _, bc := range bookCases {
		t.Run("in "+bc.name+" every dependent follows their own subscriber", func(t *testing.T) {
			checkFamilies(t, book(t, bc.o))
		})
		t.Run("in "+bc.name+" employee IDs are unique in each group", func(t *testing.T) {
			seen := map[[2]string]bool{}
			for _, m := range book(t, bc.o).Members {
				key := [2]string{m.GroupID, m.EmployeeID}
				if m.IsSubscriber() && seen[key] {
					t.Errorf("employee ID %s is used twice", m.EmployeeID)
				}
				seen[key] = true
			}
		})
		t.Run("in "+bc.name+" every family's tier is the tier of its dependents", func(t *testing.T) {
			for _, fam := range families(book(t, bc.o)) {
				var rels []model.Relationship
				for _, d := range fam[1:] {
					rels = append(rels, d.Relationship)
				}
				want := model.TierFor(rels)
				for _, m := range fam {
					if m.Tier != want {
						t.Fatalf("%s (%s) has tier %s, want %s", m.FullName(), m.Relationship, m.Tier, want)
					}
				}
			}
		})
	}
}

// checkFamilies checks that each dependent comes right after its
// subscriber (or a sibling dependent) and shares its group and employee ID.
func checkFamilies(t *testing.T, b *model.Book) {
	t.Helper()
	var sub *model.Member
	for i := range b.Members {
		m := &b.Members[i]
		if m.IsSubscriber() {
			sub = m
			continue
		}
		switch {
		case sub == nil || m.SubscriberID != sub.ID:
			t.Fatalf("dependent %s does not follow subscriber %s", m.FullName(), m.SubscriberID)
		case m.GroupID != sub.GroupID || m.EmployeeID != sub.EmployeeID:
			t.Fatalf("dependent %s is in group %s as %s, the subscriber in %s as %s",
				m.FullName(), m.GroupID, m.EmployeeID, sub.GroupID, sub.EmployeeID)
		case m.Effective.Before(sub.Effective):
			t.Fatalf("dependent %s is covered from %s, before the subscriber (%s)", m.FullName(), m.Effective, sub.Effective)
		}
	}
}

// families splits the members into families, subscriber first.
func families(b *model.Book) [][]model.Member {
	var out [][]model.Member
	for i, m := range b.Members {
		if m.IsSubscriber() {
			out = append(out, b.Members[i:i+1])
			continue
		}
		last := len(out) - 1
		out[last] = b.Members[i-len(out[last]) : i+1]
	}
	return out
}

func TestEveryMemberIsRated(t *testing.T) {
	for _, bc := range bookCases {
		t.Run("in "+bc.name+" every member's plan has a rate for the group's area", func(t *testing.T) {
			b := book(t, bc.o)
			plans := map[string]*model.Plan{}
			for i := range b.Plans {
				plans[b.Plans[i].ID] = &b.Plans[i]
			}
			groups := map[string]*model.Group{}
			for i := range b.Groups {
				groups[b.Groups[i].ID] = &b.Groups[i]
			}
			for _, m := range b.Members {
				g, p := groups[m.GroupID], plans[m.PlanID]
				if g == nil || p == nil {
					t.Fatalf("%s has group %q and plan %q; one does not exist", m.FullName(), m.GroupID, m.PlanID)
				}
				checkRated(t, p, g)
			}
		})
	}
}

func checkRated(t *testing.T, p *model.Plan, g *model.Group) {
	t.Helper()
	if p.Rating.Method == model.RatingAge {
		if _, ok := p.Rating.BaseRates[g.RatingArea]; !ok {
			t.Fatalf("plan %s has no rate for %s, the area of %s", p.ID, g.RatingArea, g.Name)
		}
		return
	}
	for _, tier := range model.Tiers {
		if _, ok := p.Rating.TierRates[tier]; !ok {
			t.Fatalf("composite plan %s has no %s rate", p.ID, tier)
		}
	}
}

func TestTheCasesTheRulesCareAbout(t *testing.T) {
	tests := []struct {
		name string
		has  func(b *model.Book) bool
	}{
		{"some names have diacritics", hasDiacritics},
		{"a child turns 26 within 90 days", hasChildAgingOut},
		{"a family covers four or more children", hasBigFamily},
		{"a group renews 30 to 75 days from today", hasOpenRenewal},
		{"some members are terminated, some on COBRA, some pending", hasEveryStatus},
		{"some dependents are domestic partners", hasDomesticPartner},
		{"the catalog maps a discontinued plan to its successor", hasSuccessor},
	}
	for _, bc := range bookCases[:2] {
		for _, tt := range tests {
			t.Run("in "+bc.name+" "+tt.name, func(t *testing.T) {
				if !tt.has(book(t, bc.o)) {
					t.Error("not found")
				}
			})
		}
	}
}

func hasDiacritics(b *model.Book) bool {
	n := 0
	for _, m := range b.Members {
		if !isASCII(m.FirstName + m.LastName) {
			n++
		}
	}
	return n*100 >= len(b.Members) && n*100 <= 10*len(b.Members) // a few percent
}

func isASCII(s string) bool { return utf8.RuneCountInString(s) == len(s) }

func hasChildAgingOut(b *model.Book) bool {
	for _, m := range b.Members {
		if at, ok := m.AgesOut(); ok && m.Status == model.StatusActive && today.Before(at) && today.DaysUntil(at) <= 90 {
			return true
		}
	}
	return false
}

func hasBigFamily(b *model.Book) bool {
	for _, fam := range families(b) {
		kids := 0
		for _, m := range fam {
			if m.Relationship == model.RelChild {
				kids++
			}
		}
		if kids >= 4 {
			return true
		}
	}
	return false
}

func hasOpenRenewal(b *model.Book) bool {
	for _, g := range b.Groups {
		if d := today.DaysUntil(g.RenewalDate); d >= 30 && d <= 75 {
			return true
		}
	}
	return false
}

func hasEveryStatus(b *model.Book) bool {
	seen := map[model.Status]bool{}
	for _, m := range b.Members {
		seen[m.Status] = true
	}
	return len(seen) == len(model.Statuses)
}

func hasDomesticPartner(b *model.Book) bool {
	for _, m := range b.Members {
		if m.Relationship == model.RelDomesticPartner {
			return true
		}
	}
	return false
}

func hasSuccessor(b *model.Book) bool {
	for _, p := range b.Plans {
		for _, q := range b.Plans {
			if p.Successor != "" && p.Successor == q.ID {
				return true
			}
		}
	}
	return false
}

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestIdentifiers(t *testing.T) {
	b := book(t, defaultBook)
	t.Run("every ID is a version 7 UUID used once", func(t *testing.T) {
		seen := map[string]bool{}
		check := func(id string) {
			t.Helper()
			if !uuidShape.MatchString(id) || seen[id] {
				t.Fatalf("ID %q is not a UUIDv7 or is used twice", id)
			}
			seen[id] = true
		}
		for _, g := range b.Groups {
			check(g.ID)
		}
		for _, m := range b.Members {
			check(m.ID)
		}
		for _, u := range b.Users {
			check(u.ID)
		}
		for _, g := range b.Grants {
			check(g.ID)
		}
	})
	t.Run("every SSN is valid and used once", func(t *testing.T) {
		seen := map[string]bool{}
		for _, m := range b.Members {
			if m.SSN == "" && m.Relationship != model.RelChild {
				t.Fatalf("%s (%s) has no SSN", m.FullName(), m.Relationship)
			}
			if s, err := model.NormalizeSSN(m.SSN); err != nil || (s != "" && seen[s]) {
				t.Fatalf("SSN %s of %s is invalid or used twice (%v)", model.MaskSSN(m.SSN), m.FullName(), err)
			}
			seen[m.SSN] = true
		}
	})
	t.Run("group numbers and FEINs look right and numbers are unique", func(t *testing.T) {
		seen := map[string]bool{}
		number, fein := regexp.MustCompile(`^GRP-\d{6}$`), regexp.MustCompile(`^\d{9}$`)
		for _, g := range b.Groups {
			if !number.MatchString(g.Number) || !fein.MatchString(g.FEIN) || seen[g.Number] {
				t.Errorf("group %s has number %q and FEIN %q", g.Name, g.Number, g.FEIN)
			}
			seen[g.Number] = true
		}
	})
}

func TestAccess(t *testing.T) {
	b := book(t, defaultBook)
	users := map[string]model.User{}
	emails := map[string]bool{}
	for _, u := range b.Users {
		users[u.ID] = u
		if emails[u.Email] {
			t.Errorf("e-mail %s is used twice", u.Email)
		}
		emails[u.Email] = true
	}
	roles := map[[2]string]model.Role{} // user, group → role
	for _, g := range b.Grants {
		key := [2]string{users[g.UserID].Email, g.GroupID}
		if _, dup := roles[key]; dup {
			t.Errorf("%s has two grants in group %s", key[0], g.GroupID)
		}
		roles[key] = g.Role
		if _, ok := users[g.GrantedBy]; !ok || !g.GrantedAt.Equal(today.Time().Add(9*time.Hour)) {
			t.Errorf("grant %s was granted by %q at %v", g.ID, g.GrantedBy, g.GrantedAt)
		}
	}
	t.Run("a couple of groups have Secondary users", func(t *testing.T) {
		count := map[model.Role]int{}
		for _, role := range roles {
			count[role]++
		}
		for _, role := range []model.Role{model.RoleMembership, model.RoleBilling, model.RoleReadOnly} {
			if count[role] < 2 {
				t.Errorf("%d %s grants, want at least 2", count[role], role)
			}
		}
	})
	for _, g := range b.Groups {
		t.Run(g.Name+" has the broker and a PGA who is its contact", func(t *testing.T) {
			if roles[[2]string{"dana@whitfieldbenefits.example", g.ID}] != model.RoleBroker {
				t.Error("Dana Whitfield has no broker grant")
			}
			if roles[[2]string{g.ContactEmail, g.ID}] != model.RolePGA {
				t.Errorf("the contact %s <%s> is not the PGA", g.ContactName, g.ContactEmail)
			}
		})
	}
}

func TestPeopleArePlausible(t *testing.T) {
	b := book(t, defaultBook)
	t.Run("employees are 19 to 70 and children at most 25", func(t *testing.T) {
		for _, m := range b.Members {
			age := m.DateOfBirth.AgeOn(today)
			switch {
			case m.IsSubscriber() && (age < 19 || age > 70), m.Relationship == model.RelChild && age > 25:
				t.Fatalf("%s (%s) is %d", m.FullName(), m.Relationship, age)
			}
		}
	})
	t.Run("every adult was at least 19 when their oldest child was born", func(t *testing.T) {
		for _, fam := range families(b) {
			checkParentAges(t, fam)
		}
	})
	t.Run("every e-mail address is plain ASCII", func(t *testing.T) {
		email := regexp.MustCompile(`^[a-z0-9]+(\.[a-z0-9]+)*@[a-z0-9]+\.example$`)
		for _, m := range b.Members {
			if m.Email != "" && !email.MatchString(m.Email) {
				t.Fatalf("%s has e-mail %q", m.FullName(), m.Email)
			}
		}
	})
}

func checkParentAges(t *testing.T, fam []model.Member) {
	t.Helper()
	var oldest model.Date
	for _, m := range fam {
		if m.Relationship == model.RelChild && (oldest.IsZero() || m.DateOfBirth.Before(oldest)) {
			oldest = m.DateOfBirth
		}
	}
	for _, m := range fam {
		if !oldest.IsZero() && m.Relationship != model.RelChild && m.DateOfBirth.AgeOn(oldest) < 19 {
			t.Fatalf("%s (%s) was %d when their oldest child was born", m.FullName(), m.Relationship, m.DateOfBirth.AgeOn(oldest))
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(defaultBook)
	}
}
