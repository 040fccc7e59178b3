package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RosterService = (*DB)(nil)

// rosterQuery reads a group's members in roster order: families by
// subscriber name, subscriber first, then spouse or partner, then children
// from the oldest. The subscribers come in name order from members_by_name,
// each followed by the family (by row ID and members_by_subscriber), so
// SQLite sorts only the people who share a name and streams the rest: a
// group of 100,000 people is never held in memory (sorting the group's rows
// took hundreds of megabytes), and the first family comes at once.
const rosterQuery = `SELECT ` + memberCols + ` FROM members s INDEXED BY members_by_name
	JOIN members m ON m.rowid = s.rowid OR m.subscriber_id = s.id
	WHERE s.group_id = ? AND s.subscriber_id IS NULL
	ORDER BY s.sort_key, s.id, m.subscriber_id IS NOT NULL,
	CASE m.relationship WHEN 'spouse' THEN 0 WHEN 'domestic_partner' THEN 0 ELSE 1 END, m.date_of_birth, m.rowid`

// EachFamily calls fn with every family of a group, subscriber first, the
// families in the order of their subscribers' names. fn must not keep the
// slice, which is reused.
func (db *DB) EachFamily(ctx context.Context, groupID string, fn func(fam []model.Member) error) error {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return err
	}
	conn, err := db.rosterConn(ctx)
	if err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	defer conn.release()
	rows, err := conn.QueryContext(ctx, rosterQuery, groupID)
	if err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	var fam []model.Member
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
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
// an export. The members table is read in order, not through the group's
// index: counting subscribers needs each row, and reading the group's rows
// in index order took ten times as long.
func (db *DB) RosterCounts(ctx context.Context, groupID string) (subscribers, dependents int, err error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return 0, 0, err
	}
	conn, err := db.rosterConn(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("counting the roster: %w", err)
	}
	defer conn.release()
	err = conn.QueryRowContext(ctx, `SELECT count(*) - count(subscriber_id), count(subscriber_id) FROM members NOT INDEXED
		WHERE group_id = ?`, groupID).Scan(&subscribers, &dependents)
	if err != nil {
		return 0, 0, fmt.Errorf("counting the roster: %w", err)
	}
	return subscribers, dependents, nil
}

// rosterConn is a reader for an export, which reads every member once:
// through SQLite's own page cache rather than the memory map the other
// reads use. Pages read through the map stay in the process's resident
// memory, and the kernel maps the file around each one it faults in: an
// export of 100,000 people had 180 MB of a 190 MB database resident.
func (db *DB) rosterConn(ctx context.Context) (*rosterConn, error) {
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return nil, err
	}
	c := &rosterConn{Conn: conn}
	if err := conn.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&c.mmap); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 0"); err != nil {
		c.release()
		return nil, err
	}
	return c, nil
}

type rosterConn struct {
	*sql.Conn
	mmap int64 // the connection's memory map, to restore
}

// release gives the connection back to the pool with its memory map, or
// closes it if that fails.
func (c *rosterConn) release() {
	if _, err := c.ExecContext(context.Background(), fmt.Sprintf("PRAGMA mmap_size = %d", c.mmap)); err != nil {
		c.Raw(func(any) error { return driver.ErrBadConn })
	}
	c.Close()
}
