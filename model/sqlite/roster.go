package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.RosterService = (*DB)(nil)

// rosterBatch is how many members EachFamily reads per query.
const rosterBatch = 500

// EachFamily calls fn with every family of a group, subscriber first, the
// families in the order of their subscribers' names. A group of 100,000
// people is never held in memory at once: SQLite sorts only the row IDs
// (sorting whole rows took hundreds of megabytes), and the rows are read in
// batches in that order. fn must not keep the slice, which is reused.
func (db *DB) EachFamily(ctx context.Context, groupID string, fn func(fam []model.Member) error) error {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return err
	}
	order, err := db.rosterOrder(ctx, groupID)
	if err != nil {
		return err
	}
	st, err := db.read.PrepareContext(ctx, `SELECT m.rowid, `+memberCols+` FROM members m WHERE m.rowid IN (?`+strings.Repeat(",?", rosterBatch-1)+`)`)
	if err != nil {
		return fmt.Errorf("reading the roster: %w", err)
	}
	defer st.Close()
	var fam []model.Member
	for start := 0; start < len(order); start += rosterBatch {
		batch, err := membersByRowid(ctx, st, order[start:min(start+rosterBatch, len(order))])
		if err != nil {
			return err
		}
		for i := range batch {
			if batch[i].IsSubscriber() && len(fam) > 0 {
				if err := fn(fam); err != nil {
					return err
				}
				fam = fam[:0]
			}
			fam = append(fam, batch[i])
		}
	}
	if len(fam) > 0 {
		return fn(fam)
	}
	return nil
}

// rosterOrder returns the group's member row IDs in roster order: families
// by subscriber name, subscriber first, then spouse or partner, then
// children from the oldest.
func (db *DB) rosterOrder(ctx context.Context, groupID string) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT m.rowid FROM members m JOIN members s ON s.id = coalesce(m.subscriber_id, m.id)
		WHERE m.group_id = ? ORDER BY s.sort_key, s.id, m.subscriber_id IS NOT NULL,
		CASE m.relationship WHEN 'spouse' THEN 0 WHEN 'domestic_partner' THEN 0 ELSE 1 END, m.date_of_birth, m.rowid`, groupID)
	if err != nil {
		return nil, fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// membersByRowid reads members by row ID, in the order given, with the
// statement that reads rosterBatch of them (a short batch repeats its last
// ID to fill the statement).
func membersByRowid(ctx context.Context, st *sql.Stmt, ids []int64) ([]model.Member, error) {
	args := make([]any, rosterBatch)
	pos := make(map[int64]int, len(ids))
	for i := range args {
		id := ids[min(i, len(ids)-1)]
		args[i] = id
		if i < len(ids) {
			pos[id] = i
		}
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the roster: %w", err)
	}
	defer rows.Close()
	out := make([]model.Member, len(ids))
	for rows.Next() {
		var id int64
		var m model.Member
		if err := scanMember(rowidScanner{rows, &id}, &m); err != nil {
			return nil, err
		}
		out[pos[id]] = m
	}
	return out, rows.Err()
}

// rowidScanner scans a leading rowid column before the member's columns.
type rowidScanner struct {
	s  scanner
	id *int64
}

func (r rowidScanner) Scan(dest ...any) error { return r.s.Scan(append([]any{r.id}, dest...)...) }
