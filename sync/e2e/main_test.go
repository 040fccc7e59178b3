package e2e_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/groupdesk/groupdesk/model/sqlite" // also registers the sqlite3 driver
)

// demoPassword is the password accountd demo gives every demo user.
const demoPassword = "groupdesk-demo"

// smallPeople is the size of the book the tests run on: big enough for
// several pages of the change feed, small enough to seed in a second or two.
const smallPeople = 2000

var (
	// binDir holds the binaries built for the run and the seeded books.
	binDir       string
	accountdBin  string
	groupdeskBin string
	// smallTemplate is accountd's database seeded with the demo book of
	// smallPeople people; each test copies it.
	smallTemplate string
	small         *bookFacts
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	binDir, err = os.MkdirTemp("", "groupdesk-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(binDir)
	defer dropTemplates()
	defer func() {
		stopBuilds()
		<-groupdeskBuilt
	}()
	if err := setUp(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	// Sign-ins made in this process go to a file beside the desktop's
	// database, as on a Linux desktop without a Secret Service; the
	// groupdesk processes find them there (see subprocessEnv).
	keyring.MockInitWithError(errors.New("no keychain in the end-to-end tests"))
	return m.Run()
}

// dropTemplates removes the seeded books from the PostgreSQL server.
func dropTemplates() {
	for _, t := range []string{smallTemplate, big.path, pgBig.path} {
		if sqlite.IsPostgres(t) {
			dropDatabase(pgName(t))
		}
	}
}

// setUp builds accountd and seeds the small demo book; groupdesk builds
// meanwhile, for the tests that run it (see groupdesk).
func setUp() error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	accountdBin = filepath.Join(binDir, "accountd")
	groupdeskBin = filepath.Join(binDir, "groupdesk")
	start := time.Now()
	go func() {
		defer close(groupdeskBuilt)
		cmd := exec.CommandContext(buildCtx, "go", "build", "-tags", "sqlite_fts5", "-o", groupdeskBin, "./cmd/groupdesk")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			groupdeskErr = fmt.Errorf("%w\n%s", err, out)
		}
	}()
	if err := command(root, "go", "build", "-tags", "sqlite_fts5", "-o", accountdBin, "./cmd/accountd"); err != nil {
		return err
	}
	if smallTemplate, err = newServiceDB(binDir, "demo-small"); err != nil {
		return err
	}
	if err := command(binDir, accountdBin, "demo", "--db", smallTemplate, "--people", fmt.Sprint(smallPeople)); err != nil {
		return err
	}
	if small, err = readBook(smallTemplate); err != nil {
		return err
	}
	if testing.Verbose() {
		fmt.Printf("e2e: built accountd and seeded %d people on %s in %s\n", smallPeople, storeName(), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

var (
	groupdeskBuilt = make(chan struct{})
	groupdeskErr   error
	// buildCtx ends with the run: a build no test waited for stops.
	buildCtx, stopBuilds = context.WithCancel(context.Background())
)

// groupdesk returns the groupdesk binary once it is built.
func groupdesk(tb testing.TB) string {
	tb.Helper()
	<-groupdeskBuilt
	if groupdeskErr != nil {
		tb.Fatalf("building groupdesk: %v", groupdeskErr)
	}
	return groupdeskBin
}

// seededBook is a service database seeded with the default demo book
// (48,000 people, a large group of about 19,400 subscribers), seeded once
// per run and shared read-only: callers copy it.
type seededBook struct {
	once  sync.Once
	path  string
	facts *bookFacts
	err   error
}

var (
	big   seededBook // on the run's store
	pgBig seededBook // on PostgreSQL, for the benchmarks that compare the stores
)

func (s *seededBook) get(tb testing.TB, pg bool) (string, *bookFacts) {
	tb.Helper()
	s.once.Do(func() {
		start := time.Now()
		if s.path, s.err = newServiceDBOn(pg, binDir, "demo-big"); s.err != nil {
			return
		}
		if s.err = command(binDir, accountdBin, "demo", "--db", s.path); s.err != nil {
			return
		}
		s.facts, s.err = readBook(s.path)
		tb.Logf("seeded the default demo book on %s in %s", map[bool]string{false: "SQLite", true: "PostgreSQL"}[pg], time.Since(start).Round(time.Millisecond))
	})
	if s.err != nil {
		tb.Fatal(s.err)
	}
	return s.path, s.facts
}

// bigBook returns the default demo book on the run's store.
func bigBook(tb testing.TB) (string, *bookFacts) {
	tb.Helper()
	return big.get(tb, onPostgres())
}

// pgBigBook returns the default demo book on the PostgreSQL server; it
// skips when there is no server.
func pgBigBook(tb testing.TB) (string, *bookFacts) {
	tb.Helper()
	if pgServer == "" {
		tb.Skip("GROUPDESK_TEST_POSTGRES is not set: no PostgreSQL server (make bench starts one)")
	}
	if onPostgres() {
		return bigBook(tb)
	}
	return pgBig.get(tb, true)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's folder")
		}
		dir = parent
	}
}

func command(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %v: %w\n%s", name, args, err, out.String())
	}
	return nil
}

// subprocessEnv is the environment of the processes the tests start: no
// session bus, so that a groupdesk process keeps its sign-in in the file
// beside its database, where this process put it.
func subprocessEnv() []string {
	return append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/groupdesk-e2e-bus")
}

// bookFacts is what the tests need to know of a seeded demo book.
type bookFacts struct {
	Groups []groupFact
	Users  map[string]userFact // by email
}

type groupFact struct {
	ID, Number, Name, Segment string
	PGA                       string // the email of its Primary Group Administrator
	Members                   int
	Brokers                   []string
}

type userFact struct {
	ID, Name, Kind string
}

func readBook(path string) (*bookFacts, error) {
	db, err := openSQL(path, true)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	b := &bookFacts{Users: map[string]userFact{}}
	rows, err := db.Query(`SELECT g.id, g.number, g.name, g.segment, (SELECT count(*) FROM members m WHERE m.group_id = g.id),
		coalesce((SELECT u.email FROM grants r JOIN users u ON u.id = r.user_id WHERE r.group_id = g.id AND r.role = 'pga'), '')
		FROM groups g ORDER BY g.name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var g groupFact
		if err := rows.Scan(&g.ID, &g.Number, &g.Name, &g.Segment, &g.Members, &g.PGA); err != nil {
			return nil, err
		}
		b.Groups = append(b.Groups, g)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = db.Query(`SELECT u.id, u.email, u.name, u.kind, coalesce(r.group_id, '')
		FROM users u LEFT JOIN grants r ON r.user_id = u.id AND r.role = 'broker' ORDER BY u.email, r.group_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u userFact
		var email, brokerOf string
		if err := rows.Scan(&u.ID, &email, &u.Name, &u.Kind, &brokerOf); err != nil {
			return nil, err
		}
		b.Users[email] = u
		for i := range b.Groups {
			if b.Groups[i].ID == brokerOf {
				b.Groups[i].Brokers = append(b.Groups[i].Brokers, email)
			}
		}
	}
	return b, rows.Err()
}

// largest returns the group with the most members.
func (b *bookFacts) largest() groupFact {
	best := b.Groups[0]
	for _, g := range b.Groups {
		if g.Members > best.Members {
			best = g
		}
	}
	return best
}

// groupWithoutBroker returns a group that the broker has no access to.
func (b *bookFacts) groupWithoutBroker(tb testing.TB, broker string) groupFact {
	tb.Helper()
	for _, g := range b.Groups {
		has := false
		for _, e := range g.Brokers {
			has = has || e == broker
		}
		if !has && g.PGA != "" {
			return g
		}
	}
	tb.Fatalf("%s is a broker of every group of the demo book", broker)
	return groupFact{}
}
