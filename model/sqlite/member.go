package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.MemberService = (*DB)(nil)

const memberCols = `m.id, m.group_id, coalesce(m.subscriber_id, ''), m.employee_id, m.relationship, m.first_name, m.middle_name, m.last_name,
	m.date_of_birth, m.gender, m.ssn, m.tobacco, m.email, m.phone, m.addr_line1, m.addr_line2, m.city, m.state, m.zip,
	m.hire_date, m.employment_status, m.hours_weekly, m.department, m.salary_cents,
	m.plan_id, m.tier, m.status, m.effective_date, m.termination_date, m.termination_reason, m.version, m.updated_at`

func scanMember(s scanner, m *model.Member) error {
	return s.Scan(&m.ID, &m.GroupID, &m.SubscriberID, &m.EmployeeID, &m.Relationship, &m.FirstName, &m.MiddleName, &m.LastName,
		dateCol{&m.DateOfBirth}, &m.Gender, &m.SSN, &m.Tobacco, &m.Email, &m.Phone,
		&m.Address.Line1, &m.Address.Line2, &m.Address.City, &m.Address.State, &m.Address.ZIP,
		dateCol{&m.Employment.HireDate}, &m.Employment.Status, &m.Employment.HoursWeekly, &m.Employment.Department, &m.Employment.Salary,
		&m.PlanID, &m.Tier, &m.Status, dateCol{&m.Effective}, dateCol{&m.Termination}, &m.TermReason, &m.Version, timeCol{&m.UpdatedAt})
}

var sortColumns = map[model.MemberSort]string{
	model.SortName:         "m.sort_key",
	model.SortEmployeeID:   "m.employee_id",
	model.SortRelationship: "m.relationship",
	model.SortBirth:        "m.date_of_birth",
	model.SortPlan:         "m.plan_id",
	model.SortTier:         "m.tier",
	model.SortStatus:       "m.status",
	model.SortEffective:    "m.effective_date",
}

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

// memberWhere builds the filter of a member query.
func memberWhere(q model.MemberQuery) (string, []any) {
	conds := []string{"m.group_id = ?"}
	args := []any{q.GroupID}
	if q.Status != "" {
		conds, args = append(conds, "m.status = ?"), append(args, string(q.Status))
	}
	if q.PlanID != "" {
		conds, args = append(conds, "m.plan_id = ?"), append(args, q.PlanID)
	}
	if q.Tier != "" {
		conds, args = append(conds, "m.tier = ?"), append(args, string(q.Tier))
	}
	if q.Relationship != "" {
		conds, args = append(conds, "m.relationship = ?"), append(args, string(q.Relationship))
	}
	if expr := searchExpr(foldKey(q.Search)); expr != "" {
		conds = append(conds, "m.rowid IN (SELECT rowid FROM member_search WHERE member_search MATCH ?)")
		args = append(args, expr)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Members returns one page of a group's members, filtered, searched and
// sorted, with the size of the whole selection.
func (db *DB) Members(ctx context.Context, q model.MemberQuery) (model.MemberPage, error) {
	var page model.MemberPage
	if err := checkPerm(ctx, q.GroupID, model.PermMembersView); err != nil {
		return page, err
	}
	where, args := memberWhere(q)
	col, ok := sortColumns[q.Sort]
	if !ok {
		col = sortColumns[model.SortName]
	}
	dir := ""
	if q.Descending {
		dir = " DESC"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	query := `SELECT ` + memberCols + ` FROM members m` + where + ` ORDER BY ` + col + dir + `, m.sort_key` + dir + `, m.rowid LIMIT ? OFFSET ?`
	rows, err := db.read.QueryContext(ctx, query, append(args, limit, max(q.Offset, 0))...)
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
	page.Total, err = db.countMembers(ctx, where, args)
	return page, err
}

// CountMembers returns how many members a query selects.
func (db *DB) CountMembers(ctx context.Context, q model.MemberQuery) (int, error) {
	if err := checkPerm(ctx, q.GroupID, model.PermMembersView); err != nil {
		return 0, err
	}
	where, args := memberWhere(q)
	return db.countMembers(ctx, where, args)
}

func (db *DB) countMembers(ctx context.Context, where string, args []any) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM members m`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting members: %w", err)
	}
	return n, nil
}

func checkPerm(ctx context.Context, groupID string, perm model.Permission) error {
	who := model.PrincipalFrom(ctx)
	if who == nil {
		return model.Errorf(model.EUNAUTH, "Sign in to continue.")
	}
	return who.Check(groupID, perm)
}

// Member returns one member.
func (db *DB) Member(ctx context.Context, id string) (model.Member, error) {
	var m model.Member
	err := scanMember(db.read.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members m WHERE m.id = ?`, id), &m)
	if errors.Is(err, sql.ErrNoRows) {
		return m, model.Errorf(model.ENOTFOUND, "There is no member %s.", id)
	}
	if err != nil {
		return m, fmt.Errorf("reading member %s: %w", id, err)
	}
	return m, checkPerm(ctx, m.GroupID, model.PermMembersView)
}

// Family returns a subscriber and their dependents, subscriber first, then
// spouse or partner, then children from the oldest.
func (db *DB) Family(ctx context.Context, subscriberID string) ([]model.Member, error) {
	sub, err := db.Member(ctx, subscriberID)
	if err != nil {
		return nil, err
	}
	if sub.SubscriberID != "" {
		return db.Family(ctx, sub.SubscriberID)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+memberCols+` FROM members m WHERE m.subscriber_id = ?
		ORDER BY CASE m.relationship WHEN 'spouse' THEN 0 WHEN 'domestic_partner' THEN 0 ELSE 1 END, m.date_of_birth, m.rowid`, subscriberID)
	if err != nil {
		return nil, fmt.Errorf("reading the family of %s: %w", subscriberID, err)
	}
	defer rows.Close()
	out := []model.Member{sub}
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreateMember adds a subscriber or a dependent.
func (db *DB) CreateMember(ctx context.Context, m *model.Member) error {
	return db.update(ctx, func(tx *Tx) error { return tx.createMember(m) })
}

// CreateMembers adds many members in one transaction (an import, a seed):
// all of them or, on the first error, none.
func (db *DB) CreateMembers(ctx context.Context, ms []model.Member) error {
	return db.update(ctx, func(tx *Tx) error {
		for i := range ms {
			if err := tx.createMember(&ms[i]); err != nil {
				return fmt.Errorf("member %d (%s): %w", i+1, ms[i].FullName(), err)
			}
		}
		return nil
	})
}

func (tx *Tx) createMember(m *model.Member) error {
	if !tx.remote {
		if err := tx.who.Check(m.GroupID, model.PermMembersEdit); err != nil {
			return err
		}
		if err := m.Validate(model.DateOf(tx.now)); err != nil {
			return err
		}
	}
	if m.ID == "" {
		m.ID = newID()
	}
	if !tx.remote || m.Version == 0 {
		m.Version = 1
	}
	if m.Status == "" {
		m.Status = model.StatusActive
	}
	if m.Gender == "" {
		m.Gender = model.GenderUnknown
	}
	m.UpdatedAt = tx.now
	if err := tx.writeMember(m, true); err != nil {
		return err
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate,
		after: m, summary: fmt.Sprintf("%s enrolled (%s)", m.FullName(), m.Relationship.Label())})
}

// UpdateMember saves a changed member if nobody changed it first (the
// member's Version is the version it was read at).
func (db *DB) UpdateMember(ctx context.Context, m *model.Member) error {
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(m.GroupID, model.PermMembersEdit); err != nil {
			return err
		}
		if err := m.Validate(model.DateOf(tx.now)); err != nil {
			return err
		}
		before, err := tx.memberForUpdate(m.ID)
		if err != nil {
			return err
		}
		if before.GroupID != m.GroupID {
			return model.Errorf(model.EINVALID, "A member cannot move to another group.")
		}
		if before.Version != m.Version {
			return model.Errorf(model.ECONFLICT, "%s was changed by someone else. Reload and try again.", before.FullName())
		}
		base := m.Version
		m.Version++
		m.UpdatedAt = tx.now
		if err := tx.writeMember(m, false); err != nil {
			return err
		}
		return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionUpdate,
			before: before, after: m, baseVersion: base, summary: fmt.Sprintf("%s updated", m.FullName())})
	})
}

func (tx *Tx) memberForUpdate(id string) (model.Member, error) {
	var m model.Member
	err := scanMember(tx.QueryRowContext(tx.ctx, `SELECT `+memberCols+` FROM members m WHERE m.id = ?`, id), &m)
	if errors.Is(err, sql.ErrNoRows) {
		return m, model.Errorf(model.ENOTFOUND, "There is no member %s.", id)
	}
	return m, err
}

func (tx *Tx) writeMember(m *model.Member, insert bool) error {
	var sub any
	if m.SubscriberID != "" {
		sub = m.SubscriberID
	}
	args := []any{m.GroupID, sub, m.EmployeeID, string(m.Relationship), m.FirstName, m.MiddleName, m.LastName,
		foldKey(m.LastName, m.FirstName, m.MiddleName), m.DateOfBirth.String(), string(m.Gender), m.SSN, m.SSNLast4(), m.Tobacco,
		m.Email, m.Phone, m.Address.Line1, m.Address.Line2, m.Address.City, m.Address.State, m.Address.ZIP,
		m.Employment.HireDate.String(), m.Employment.Status, m.Employment.HoursWeekly, m.Employment.Department, int64(m.Employment.Salary),
		m.PlanID, string(m.Tier), string(m.Status), m.Effective.String(), m.Termination.String(), m.TermReason,
		m.Version, timeText(m.UpdatedAt), m.ID}
	q := `UPDATE members SET group_id=?, subscriber_id=?, employee_id=?, relationship=?, first_name=?, middle_name=?, last_name=?,
		sort_key=?, date_of_birth=?, gender=?, ssn=?, ssn_last4=?, tobacco=?, email=?, phone=?, addr_line1=?, addr_line2=?, city=?,
		state=?, zip=?, hire_date=?, employment_status=?, hours_weekly=?, department=?, salary_cents=?, plan_id=?, tier=?, status=?,
		effective_date=?, termination_date=?, termination_reason=?, version=?, updated_at=? WHERE id=?`
	if insert {
		q = `INSERT INTO members (group_id, subscriber_id, employee_id, relationship, first_name, middle_name, last_name,
			sort_key, date_of_birth, gender, ssn, ssn_last4, tobacco, email, phone, addr_line1, addr_line2, city,
			state, zip, hire_date, employment_status, hours_weekly, department, salary_cents, plan_id, tier, status,
			effective_date, termination_date, termination_reason, version, updated_at, id)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	}
	_, err := tx.exec(q, args...)
	return err
}
