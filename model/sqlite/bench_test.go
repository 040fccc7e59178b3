package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// benchPeople is the size of the benchmark population.
const benchPeople = 100_000

var (
	benchDir     string // removed by TestMain
	benchPopOnce sync.Once
	benchPop     []model.Member
	bigOnce      sync.Once
	bigDB        *DB
	bigGroup     *model.Group
	bigErr       error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "groupdesk-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	benchDir = dir
	code := m.Run()
	if bigDB != nil {
		bigDB.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// benchPopulation returns a fresh copy of the population (the store assigns
// versions and times to what it is given).
func benchPopulation(groupID string) []model.Member {
	benchPopOnce.Do(func() { benchPop = population("bench-group", benchPeople) })
	out := slices.Clone(benchPop)
	for i := range out {
		out[i].GroupID = groupID
	}
	return out
}

// benchGroupDB opens a new store holding the group and plans the population
// refers to.
func benchGroupDB(b *testing.B, dir string) (*DB, *model.Group) {
	b.Helper()
	db, err := Open(context.Background(), filepath.Join(dir, "store.db"))
	if err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return testNow }
	ctx := ownerCtx()
	g := fullGroup("G-BENCH", "Bench Corp")
	g.ID = "bench-group"
	for _, err := range []error{db.SavePlan(ctx, agePlan("P1", "Gold PPO")), db.SavePlan(ctx, compositePlan("P2", "Silver HMO")),
		db.CreateGroup(ctx, g)} {
		if err != nil {
			b.Fatal(err)
		}
	}
	return db, g
}

// reportRate reports the whole-population insert rate.
func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N*benchPeople)/b.Elapsed().Seconds(), "people/s")
}

// plainColumns are the columns of members, with the primary key only.
const plainColumns = `rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, group_id TEXT NOT NULL, subscriber_id TEXT, employee_id TEXT NOT NULL,
	relationship TEXT NOT NULL, first_name TEXT NOT NULL, middle_name TEXT NOT NULL, last_name TEXT NOT NULL, sort_key TEXT NOT NULL,
	date_of_birth TEXT NOT NULL, gender TEXT NOT NULL, ssn TEXT NOT NULL, ssn_last4 TEXT NOT NULL, tobacco INTEGER NOT NULL,
	email TEXT NOT NULL, phone TEXT NOT NULL, addr_line1 TEXT NOT NULL, addr_line2 TEXT NOT NULL, city TEXT NOT NULL,
	state TEXT NOT NULL, zip TEXT NOT NULL, hire_date TEXT NOT NULL, employment_status TEXT NOT NULL, hours_weekly INTEGER NOT NULL,
	department TEXT NOT NULL, salary_cents INTEGER NOT NULL, plan_id TEXT NOT NULL, tier TEXT NOT NULL, status TEXT NOT NULL,
	effective_date TEXT NOT NULL, termination_date TEXT NOT NULL, termination_reason TEXT NOT NULL, version INTEGER NOT NULL,
	updated_at TEXT NOT NULL`

// BenchmarkInsertPlain is the baseline of the store's overhead: the same
// rows written as plain INSERTs, one prepared statement in one transaction,
// into the members table of a store database (its indexes and foreign keys,
// which the member list's sorts and the family links need), on the store's
// writer connection. What the store adds on top of this is the overhead the
// goal is about: validation, the search index, an audit entry and an outbox
// operation per person.
func BenchmarkInsertPlain(b *testing.B) {
	for range b.N {
		b.StopTimer()
		db, g := benchGroupDB(b, b.TempDir())
		ms := benchPopulation(g.ID)
		b.StartTimer()
		if err := plainInsert(context.Background(), db.write, ms); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	reportRate(b)
}

// BenchmarkInsertBare is the floor under both: the same rows into a table
// with no index but the primary key, on a connection set up like the
// store's writer (same driver hook, WAL, synchronous NORMAL, page cache).
func BenchmarkInsertBare(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		ms := benchPopulation("bench-group")
		path := filepath.Join(b.TempDir(), "plain.db")
		conn, err := sql.Open(driverName, dsn(path, "_txlock=immediate", "_journal_mode=WAL", "_synchronous=NORMAL", writerCache))
		if err != nil {
			b.Fatal(err)
		}
		conn.SetMaxOpenConns(1)
		if _, err := conn.Exec(`CREATE TABLE members (` + plainColumns + `) STRICT`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := plainInsert(ctx, conn, ms); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		conn.Close()
		b.StartTimer()
	}
	reportRate(b)
}

func plainInsert(ctx context.Context, conn *sql.DB, ms []model.Member) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.Prepare(`INSERT INTO members (id, group_id, subscriber_id, employee_id, relationship, first_name, middle_name,
		last_name, sort_key, date_of_birth, gender, ssn, ssn_last4, tobacco, email, phone, addr_line1, addr_line2, city, state, zip,
		hire_date, employment_status, hours_weekly, department, salary_cents, plan_id, tier, status, effective_date,
		termination_date, termination_reason, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	now := timeText(testNow)
	for i := range ms {
		m := &ms[i]
		var sub any
		if m.SubscriberID != "" {
			sub = m.SubscriberID
		}
		if _, err := st.Exec(m.ID, m.GroupID, sub, m.EmployeeID, string(m.Relationship), m.FirstName, m.MiddleName, m.LastName,
			foldKey(m.LastName, m.FirstName, m.MiddleName), m.DateOfBirth.String(), string(m.Gender), m.SSN, m.SSNLast4(), m.Tobacco,
			m.Email, m.Phone, m.Address.Line1, m.Address.Line2, m.Address.City, m.Address.State, m.Address.ZIP,
			m.Employment.HireDate.String(), m.Employment.Status, m.Employment.HoursWeekly, m.Employment.Department,
			int64(m.Employment.Salary), m.PlanID, string(m.Tier), string(m.Status), m.Effective.String(), m.Termination.String(),
			m.TermReason, 1, now); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// BenchmarkInsertStore writes the same people through the store: validation,
// the member indexes, full-text search, one audit entry and one outbox
// operation each, in one transaction.
func BenchmarkInsertStore(b *testing.B) {
	for range b.N {
		b.StopTimer()
		db, g := benchGroupDB(b, b.TempDir())
		ms := benchPopulation(g.ID)
		b.StartTimer()
		if err := db.CreateMembers(ownerCtx(), ms); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	reportRate(b)
}

// bigStore returns the shared store of 100,000 people in one group, built
// once per benchmark process.
func bigStore(b *testing.B) (*DB, *model.Group) {
	b.Helper()
	bigOnce.Do(func() {
		start := time.Now()
		var db *DB
		db, bigGroup = benchGroupDB(b, benchDir)
		bigErr = db.CreateMembers(ownerCtx(), benchPopulation(bigGroup.ID))
		bigDB = db
		b.Logf("built the %d-people store in %v", benchPeople, time.Since(start).Round(time.Millisecond))
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigDB, bigGroup
}

// latencies collects per-call durations and reports percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	b.Helper()
	s := slices.Clone(l)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	pct := func(p int) float64 { return float64(s[(len(s)-1)*p/100]) / float64(time.Millisecond) }
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
	b.ReportMetric(float64(len(s))/float64(b.N), "calls/op")
}

// timeQueries runs every query once per op and reports the latency of each
// call. One warm-up pass runs first: the app asks the same kind of queries
// all day long, so a cold first query is not what people wait for.
func timeQueries(b *testing.B, db *DB, qs []model.MemberQuery) {
	b.Helper()
	ctx := ownerCtx()
	for _, q := range qs {
		if _, err := db.Members(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	lat := make(latencies, 0, b.N*len(qs))
	b.ResetTimer()
	for range b.N {
		for _, q := range qs {
			start := time.Now()
			page, err := db.Members(ctx, q)
			lat = append(lat, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			if len(page.Members) == 0 && q.Search == "" {
				b.Fatalf("an empty page at offset %d", q.Offset)
			}
		}
	}
	b.StopTimer()
	lat.report(b)
}

func benchmarkSearchPrefix(b *testing.B, n int) {
	db, g := bigStore(b)
	var qs []model.MemberQuery
	for _, p := range namePrefixes(n) {
		qs = append(qs, model.MemberQuery{GroupID: g.ID, Search: p, Limit: 50})
	}
	if len(qs) == 0 {
		b.Fatal("no prefixes")
	}
	timeQueries(b, db, qs)
}

// BenchmarkSearchPrefix1 searches as someone types the first letter of a
// name: every distinct first letter of the population's names.
func BenchmarkSearchPrefix1(b *testing.B) { benchmarkSearchPrefix(b, 1) }

// BenchmarkSearchPrefix2 searches the two-letter starts of the names.
func BenchmarkSearchPrefix2(b *testing.B) { benchmarkSearchPrefix(b, 2) }

// BenchmarkSearchPrefix3 searches the three-letter starts of the names.
func BenchmarkSearchPrefix3(b *testing.B) { benchmarkSearchPrefix(b, 3) }

// BenchmarkSearchEmployeeID searches employee ID prefixes and last fours.
func BenchmarkSearchEmployeeID(b *testing.B) {
	db, g := bigStore(b)
	r := rand.New(rand.NewPCG(1, 2))
	var qs []model.MemberQuery
	for range 50 {
		qs = append(qs, model.MemberQuery{GroupID: g.ID, Search: fmt.Sprintf("E%04d", r.IntN(4000)), Limit: 50},
			model.MemberQuery{GroupID: g.ID, Search: fmt.Sprintf("%04d", 1+r.IntN(9999)), Limit: 50})
	}
	timeQueries(b, db, qs)
}

func benchmarkPageLoad(b *testing.B, sortBy model.MemberSort, desc bool) {
	db, g := bigStore(b)
	r := rand.New(rand.NewPCG(7, 7))
	var qs []model.MemberQuery
	for range 50 {
		qs = append(qs, model.MemberQuery{GroupID: g.ID, Sort: sortBy, Descending: desc, Offset: r.IntN(benchPeople - 100), Limit: 100})
	}
	timeQueries(b, db, qs)
}

// BenchmarkPageLoad loads one page of 100 at random offsets, by name.
func BenchmarkPageLoad(b *testing.B) { benchmarkPageLoad(b, model.SortName, false) }

// BenchmarkPageLoadDesc loads pages by name, Z to A.
func BenchmarkPageLoadDesc(b *testing.B) { benchmarkPageLoad(b, model.SortName, true) }

// BenchmarkPageLoadEmployeeID loads pages sorted by employee ID.
func BenchmarkPageLoadEmployeeID(b *testing.B) { benchmarkPageLoad(b, model.SortEmployeeID, false) }

// TestPopulation keeps the benchmark population honest: the right size,
// valid members, families of one to five, names with diacritics.
func TestPopulation(t *testing.T) {
	ms := population("g", 2000)
	if len(ms) != 2000 {
		t.Fatalf("%d people", len(ms))
	}
	sizes := map[string]int{}
	diacritics := 0
	for i := range ms {
		if err := ms[i].Validate(model.DateOf(testNow)); err != nil {
			t.Fatalf("person %d: %v", i, err)
		}
		sizes[ms[i].EmployeeID]++
		if foldKey(ms[i].LastName) != strings.ToLower(ms[i].LastName) {
			diacritics++
		}
	}
	for emp, n := range sizes {
		if n < 1 || n > 5 {
			t.Errorf("family %s has %d people", emp, n)
		}
	}
	if diacritics == 0 {
		t.Error("no name has a diacritic")
	}
	if again := population("g", 2000); again[1999].SSN != ms[1999].SSN {
		t.Error("the population is not deterministic")
	}
	for n := 1; n <= 3; n++ {
		if len(namePrefixes(n)) < 10 {
			t.Errorf("only %d prefixes of %d letters", len(namePrefixes(n)), n)
		}
	}
}
