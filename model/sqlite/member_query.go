package sqlite

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"github.com/groupdesk/groupdesk/model"
)

// narrowMatches is the most search matches a page is fetched for by rowid
// and sorted; above it, the page is read in index order, checking each row
// against the matches, which stops as soon as the page is full.
const narrowMatches = 2000

// searchExpr turns what the user typed into an FTS5 query in which every
// word is a prefix: "mül ann" finds Anna Müller. Punctuation separates words
// (so E-1004 finds employee ID E-10042), as the index's tokenizer does.
func searchExpr(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) })
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// groupToken is the search index's token for a group: every member's row
// carries it, so a search of one group is answered by the index alone,
// however many other groups the database holds. It begins with U+E000, a
// private-use character that no search text contains (migration 0007).
func groupToken(groupID string) string { return "\ue000" + hex.EncodeToString([]byte(groupID)) }

// memberFilter is a member query as SQL conditions and their arguments.
type memberFilter struct {
	conds []string
	args  []any
	// total is the size of the selection when the search index alone
	// answered it (a search without other filters), or -1.
	total int
}

func (f memberFilter) where() string { return " WHERE " + strings.Join(f.conds, " AND ") }

// memberFilter builds the filter of a member query. A search is counted in
// the index first: that answers Total when nothing else filters, and says
// whether the matches are few enough to fetch by rowid (the "+" keeps the
// planner off the group's indexes) or so many that reading the group in
// sort order finds a page fastest.
func (db *DB) memberFilter(ctx context.Context, q model.MemberQuery) (memberFilter, error) {
	f := memberFilter{conds: []string{"m.group_id = ?"}, args: []any{q.GroupID}, total: -1}
	for _, c := range []struct{ col, val string }{
		{"m.status", string(q.Status)}, {"m.plan_id", q.PlanID}, {"m.tier", string(q.Tier)}, {"m.relationship", string(q.Relationship)},
	} {
		if c.val != "" {
			f.conds, f.args = append(f.conds, c.col+" = ?"), append(f.args, c.val)
		}
	}
	expr := searchExpr(foldKey(q.Search))
	if expr == "" {
		return f, nil
	}
	match := `grp : "` + groupToken(q.GroupID) + `" AND {name employee_id ssn_last4} : (` + expr + `)`
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM member_search WHERE member_search MATCH ?`, match).Scan(&n); err != nil {
		return f, fmt.Errorf("searching members: %w", err)
	}
	if len(f.conds) == 1 {
		f.total = n
	}
	if n <= narrowMatches {
		f.conds[0] = "+m.group_id = ?"
	}
	f.conds, f.args = append(f.conds, "m.rowid IN (SELECT rowid FROM member_search WHERE member_search MATCH ?)"), append(f.args, match)
	return f, nil
}

// memberOrder is the ORDER BY of a member query: the column, then the name,
// then the rowid so that pages never overlap, all in one direction so that
// an index on (group_id, column, sort_key) delivers the rows in order.
func memberOrder(q model.MemberQuery) string {
	col, ok := sortColumns[q.Sort]
	if !ok {
		col = sortColumns[model.SortName]
	}
	dir := ""
	if q.Descending {
		dir = " DESC"
	}
	order := col + dir
	if col != "m.sort_key" {
		order += ", m.sort_key" + dir
	}
	return order + ", m.rowid" + dir
}

// Members returns one page of a group's members, filtered, searched and
// sorted, with the size of the whole selection.
func (db *DB) Members(ctx context.Context, q model.MemberQuery) (model.MemberPage, error) {
	var page model.MemberPage
	if err := checkPerm(ctx, q.GroupID, model.PermMembersView); err != nil {
		return page, err
	}
	f, err := db.memberFilter(ctx, q)
	if err != nil {
		return page, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	// The page's rowids are found first, reading no more than the sort
	// needs (often an index alone); only the page's rows are read whole.
	order := memberOrder(q)
	query := `SELECT ` + memberCols + ` FROM members m JOIN (SELECT m.rowid AS r FROM members m` + f.where() +
		` ORDER BY ` + order + ` LIMIT ? OFFSET ?) page ON m.rowid = page.r ORDER BY ` + order
	rows, err := db.read.QueryContext(ctx, query, append(f.args, limit, max(q.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("listing members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
			return page, fmt.Errorf("reading a member: %w", err)
		}
		page.Members = append(page.Members, m)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	page.Total, err = db.countMembers(ctx, f)
	return page, err
}

// CountMembers returns how many members a query selects.
func (db *DB) CountMembers(ctx context.Context, q model.MemberQuery) (int, error) {
	if err := checkPerm(ctx, q.GroupID, model.PermMembersView); err != nil {
		return 0, err
	}
	f, err := db.memberFilter(ctx, q)
	if err != nil {
		return 0, err
	}
	return db.countMembers(ctx, f)
}

func (db *DB) countMembers(ctx context.Context, f memberFilter) (int, error) {
	if f.total >= 0 {
		return f.total, nil
	}
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM members m`+f.where(), f.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting members: %w", err)
	}
	return n, nil
}
