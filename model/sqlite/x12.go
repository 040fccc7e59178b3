package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// MetaX12Control is the meta key of the last X12 interchange control
// number this database gave out.
const MetaX12Control = "x12_control"

// NextX12Control gives out the next interchange control number (ISA13):
// one more than the last, kept in the meta table, so every file written
// from this database has its own.
func (db *DB) NextX12Control(ctx context.Context) (int64, error) {
	var v string
	err := db.write.QueryRowContext(ctx, `INSERT INTO meta (key, value) VALUES (?, '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) RETURNING value`, MetaX12Control).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("numbering the X12 file: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("the X12 control number %q in the meta table is not a number", v)
	}
	return n, nil
}

// MemberChange is a recorded change to one of a group's members, with the
// member's ID (also when it was removed).
type MemberChange struct {
	MemberID string
	model.MemberChange
}

// MemberChangesSince lists the changes to a group's members recorded from
// since on, oldest first, from the audit log.
func (db *DB) MemberChangesSince(ctx context.Context, groupID string, since time.Time) ([]MemberChange, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT entity_id, at, coalesce(before, ''), coalesce(after, '') FROM audit
		WHERE group_id = ? AND entity = ? AND at >= ? ORDER BY seq`, groupID, model.EntityMember, timeText(since.Add(-time.Second)))
	if err != nil {
		return nil, fmt.Errorf("reading the changes to the members: %w", err)
	}
	defer rows.Close()
	var out []MemberChange
	for rows.Next() {
		var c MemberChange
		var before, after string
		if err := rows.Scan(&c.MemberID, timeCol{&c.At}, &before, &after); err != nil {
			return nil, err
		}
		if c.At.Before(since) {
			continue // the times are compared as text above, to the second
		}
		c.Before, c.After = memberImage(before), memberImage(after)
		out = append(out, c)
	}
	return out, rows.Err()
}

// GroupFamilies reads a group's whole roster at once as families,
// subscriber first (then the spouse or partner, then the children from the
// oldest), the families by the subscriber's name: one query in the table's
// order, for the enrollment files, which are written or compared whole.
// A dependent whose subscriber is not in the group stands alone.
func (db *DB) GroupFamilies(ctx context.Context, groupID string) ([][]model.Member, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return nil, err
	}
	var n, total int
	if err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM members WHERE group_id = ?), (SELECT count(*) FROM members)`,
		groupID).Scan(&n, &total); err != nil {
		return nil, fmt.Errorf("counting the roster: %w", err)
	}
	// A group that holds a good part of the table is read faster by
	// scanning the table in order than through the index, row by row.
	where := `m.group_id = ?`
	if n*3 >= total {
		where = `+m.group_id = ?`
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+memberCols+` FROM members m WHERE `+where, groupID)
	if err != nil {
		return nil, fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	all := make([]model.Member, 0, n)
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
			return nil, err
		}
		all = append(all, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Members sorted by family (the subscriber's ID), subscriber first,
	// then the spouse or partner, then the children from the oldest; the
	// members are sorted by index and copied once, and the families are
	// slices of the one array.
	keys := make([]string, len(all))
	ranks := make([]int8, len(all))
	order := make([]int, len(all))
	for i := range all {
		m := &all[i]
		order[i], keys[i] = i, m.ID
		switch {
		case m.IsSubscriber():
		case m.Relationship.IsAdultPartner():
			keys[i], ranks[i] = m.SubscriberID, 1
		default:
			keys[i], ranks[i] = m.SubscriberID, 2
		}
		if keys[i] == "" {
			keys[i] = m.ID
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if keys[a] != keys[b] {
			return keys[a] < keys[b]
		}
		if ranks[a] != ranks[b] {
			return ranks[a] < ranks[b]
		}
		if all[a].DateOfBirth != all[b].DateOfBirth {
			return all[a].DateOfBirth.Before(all[b].DateOfBirth)
		}
		return all[a].ID < all[b].ID
	})
	sorted := make([]model.Member, len(all))
	for i, k := range order {
		sorted[i] = all[k]
	}
	var fams [][]model.Member
	for start := 0; start < len(sorted); {
		end := start + 1
		for end < len(sorted) && keys[order[end]] == keys[order[start]] {
			end++
		}
		if sorted[start].IsSubscriber() {
			fams = append(fams, sorted[start:end:end])
		} else {
			for k := start; k < end; k++ { // dependents whose subscriber is not in the group
				fams = append(fams, sorted[k:k+1:k+1])
			}
		}
		start = end
	}
	sort.Slice(fams, func(i, j int) bool {
		a, b := &fams[i][0], &fams[j][0]
		switch {
		case a.LastName != b.LastName:
			return a.LastName < b.LastName
		case a.FirstName != b.FirstName:
			return a.FirstName < b.FirstName
		case a.EmployeeID != b.EmployeeID:
			return a.EmployeeID < b.EmployeeID
		}
		return a.ID < b.ID
	})
	return fams, nil
}
