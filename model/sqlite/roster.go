package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RosterService = (*DB)(nil)

// rosterQuery reads a group's members in roster order: families by
// subscriber name, subscriber first, then spouse or partner, then children
// from the oldest. SQLite takes the subscribers in name order from
// members_by_name, each followed by the family (by row ID and
// members_by_subscriber), so it sorts only the people who share a name and
// streams the rest: a group of 100,000 people is never held in memory
// (sorting the group's rows took hundreds of megabytes), and the first
// family comes at once. The "+" keeps SQLite off members_by_subscriber for
// the subscribers (with ANALYZE's statistics it took it and sorted the whole
// group); there is no INDEXED BY, as a first sync drops members_by_name
// until it ends, and the roster is then read all the same.
const rosterQuery = ` FROM members s
	JOIN members m ON m.rowid = s.rowid OR m.subscriber_id = s.id
	WHERE s.group_id = ? AND +s.subscriber_id IS NULL
	ORDER BY s.sort_key, s.id, m.subscriber_id IS NOT NULL,
	CASE m.relationship WHEN 'spouse' THEN 0 WHEN 'domestic_partner' THEN 0 ELSE 1 END, m.date_of_birth, m.rowid`

// rosterFields are memberCols, one by one, and rosterRow is them packed
// into one text per member, each field as its length in bytes, a colon and
// the field. Reading 32 columns one by one cost more than SQLite's query
// itself (a string, a driver value and a conversion each); a packed row is
// one string, and the member's fields are slices of it.
var (
	rosterFields = columnList(memberCols)
	rosterRow    = func() string {
		args := make([]string, len(rosterFields))
		for i, f := range rosterFields {
			args[i] = "octet_length(" + f + "), " + f
		}
		return "printf('" + strings.Repeat("%d:%s", len(rosterFields)) + "', " + strings.Join(args, ", ") + ")"
	}()
)

// rosterFieldCount is the number of rosterFields (a test checks it).
const rosterFieldCount = 32

// unpackMember reads a member from a packed roster row.
func unpackMember(row string, m *model.Member) error {
	var f [rosterFieldCount]string
	for i := range f {
		colon := strings.IndexByte(row, ':')
		n, err := strconv.Atoi(row[:max(colon, 0)])
		if colon < 0 || err != nil || n < 0 || n > len(row)-colon-1 {
			return fmt.Errorf("field %d (%s) of a roster row is malformed", i+1, rosterFields[i])
		}
		f[i], row = row[colon+1:colon+1+n], row[colon+1+n:]
	}
	var err error
	date := func(s string) model.Date {
		d, e := model.ParseDate(s)
		err = cmp.Or(err, e)
		return d
	}
	integer := func(s string) int64 {
		n, e := strconv.ParseInt(s, 10, 64)
		err = cmp.Or(err, e)
		return n
	}
	*m = model.Member{ID: f[0], GroupID: f[1], SubscriberID: f[2], EmployeeID: f[3], Relationship: model.Relationship(f[4]),
		FirstName: f[5], MiddleName: f[6], LastName: f[7], DateOfBirth: date(f[8]), Gender: model.Gender(f[9]), SSN: f[10],
		Tobacco: integer(f[11]) != 0, Email: f[12], Phone: f[13],
		Address: model.Address{Line1: f[14], Line2: f[15], City: f[16], State: f[17], ZIP: f[18]},
		Employment: model.Employment{HireDate: date(f[19]), Status: f[20], HoursWeekly: int(integer(f[21])), Department: f[22],
			Salary: model.Money(integer(f[23]))},
		PlanID: f[24], Tier: model.Tier(f[25]), Status: model.Status(f[26]), Effective: date(f[27]), Termination: date(f[28]),
		TermReason: f[29], Version: integer(f[30])}
	if err := (timeCol{&m.UpdatedAt}).Scan(f[31]); err != nil {
		return fmt.Errorf("member %s: %w", m.ID, err)
	}
	if err != nil {
		return fmt.Errorf("member %s: %w", m.ID, err)
	}
	return nil
}

// EachFamily calls fn with every family of a group, subscriber first, the
// families in the order of their subscribers' names. fn must not keep the
// slice, which is reused.
func (db *DB) EachFamily(ctx context.Context, groupID string, fn func(fam []model.Member) error) error {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return err
	}
	conn, done, err := db.rosterConn(ctx)
	if err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	defer done()
	cols := rosterRow
	if db.pg {
		cols = memberCols // PostgreSQL has no printf
	}
	rows, err := conn.QueryContext(ctx, `SELECT `+cols+rosterQuery, groupID)
	if err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	var fam []model.Member
	var row string
	for rows.Next() {
		var m model.Member
		if db.pg {
			err = scanMember(rows, &m)
		} else if err = rows.Scan(&row); err == nil {
			err = unpackMember(row, &m)
		}
		if err != nil {
			return fmt.Errorf("reading the roster: %w", err)
		}
		if m.SubscriberID == "" && len(fam) > 0 {
			if err := fn(fam); err != nil {
				return err
			}
			fam = fam[:0]
		}
		fam = append(fam, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	if len(fam) > 0 {
		return fn(fam)
	}
	return nil
}

// RosterCounts returns how many subscribers and dependents a group has, for
// an export. Counting subscribers needs each of the group's rows. When the
// group is most of the members table, the table is read in order: reading
// a large group's rows through its index took ten times as long. A smaller
// group is read through its index, so that the count reads that group and
// not the whole book.
func (db *DB) RosterCounts(ctx context.Context, groupID string) (subscribers, dependents int, err error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return 0, 0, err
	}
	conn, done, err := db.rosterConn(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("counting the roster: %w", err)
	}
	defer done()
	from := "members"
	if !db.pg { // PostgreSQL has no index hints
		// The group's entries of its name index, against the table's
		// highest row ID (rows are numbered in order): both cheap to read.
		var inGroup, rows int
		err = conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM members WHERE group_id = ?), (SELECT coalesce(max(rowid), 0) FROM members)`,
			groupID).Scan(&inGroup, &rows)
		if err != nil {
			return 0, 0, fmt.Errorf("counting the roster: %w", err)
		}
		if 2*inGroup > rows {
			from = "members NOT INDEXED"
		}
	}
	err = conn.QueryRowContext(ctx, `SELECT count(*) - count(subscriber_id), count(subscriber_id) FROM `+from+` WHERE group_id = ?`,
		groupID).Scan(&subscribers, &dependents)
	if err != nil {
		return 0, 0, fmt.Errorf("counting the roster: %w", err)
	}
	return subscribers, dependents, nil
}

// rosterConn opens a connection of the export's own, closed when it is
// done (on PostgreSQL, a reader from the pool). An export reads every member
// once, through SQLite's own page cache rather than the memory map the
// pool's readers use: pages read through the map count in the process's
// resident memory, and the kernel maps the file around each page faulted
// in (an export of 100,000 people had 180 MB of a 190 MB database
// resident).
func (db *DB) rosterConn(ctx context.Context) (*sql.Conn, func(), error) {
	if db.pg {
		conn, err := db.read.Conn(ctx)
		if err != nil {
			return nil, nil, err
		}
		return conn, func() { conn.Close() }, nil
	}
	pool, err := sql.Open(driverName, dsn(db.Path, readerOptions...))
	if err != nil {
		return nil, nil, err
	}
	conn, err := pool.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "PRAGMA mmap_size = 0")
	}
	done := func() {
		if conn != nil {
			conn.Close()
		}
		pool.Close()
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return conn, done, nil
}

// columnList splits a list of SQL columns at its top-level commas.
func columnList(cols string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range cols {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(cols[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(cols[start:]))
}
