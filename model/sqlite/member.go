package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

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
	if err := checkPerm(ctx, m.GroupID, model.PermMembersView); err != nil {
		return model.Member{}, err // never hand out the record with the refusal
	}
	return m, nil
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
	undo := undoOnError(m)
	return undo(db.update(ctx, func(tx *Tx) error { return tx.createMember(m) }))
}

// CreateMembers adds many members in one transaction (an import, a seed):
// all of them or, on the first error, none.
func (db *DB) CreateMembers(ctx context.Context, ms []model.Member) (err error) {
	saved := make([]assigned, len(ms))
	for i := range ms {
		saved[i] = assignedOf(&ms[i])
	}
	defer func() {
		if err != nil {
			for i := range ms {
				saved[i].restore(&ms[i])
			}
		}
	}()
	return db.update(ctx, func(tx *Tx) error {
		for i := range ms {
			if err := tx.createMember(&ms[i]); err != nil {
				return fmt.Errorf("member %d (%s): %w", i+1, ms[i].FullName(), err)
			}
		}
		return nil
	})
}

// assigned holds the fields createMember fills in, so that a failed batch
// gives the caller back its members as they were without copying whole
// members (an import holds a hundred thousand).
type assigned struct {
	id        string
	version   int64
	status    model.Status
	gender    model.Gender
	updatedAt time.Time
}

func assignedOf(m *model.Member) assigned {
	return assigned{m.ID, m.Version, m.Status, m.Gender, m.UpdatedAt}
}

func (a assigned) restore(m *model.Member) {
	m.ID, m.Version, m.Status, m.Gender, m.UpdatedAt = a.id, a.version, a.status, a.gender, a.updatedAt
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
	tx.newMemberDefaults(m)
	if err := tx.writeMember(m, true); err != nil {
		return err
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate,
		after: m, summary: enrolled(m)})
}

// enrolled is the history's words for a new member.
func enrolled(m *model.Member) string {
	return fmt.Sprintf("%s enrolled (%s)", m.FullName(), m.Relationship.Label())
}

// newMemberDefaults fills in what a new member's record needs and the
// caller left out: its ID, version, status, gender and time of change.
func (tx *Tx) newMemberDefaults(m *model.Member) {
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
	if !tx.remote || m.UpdatedAt.IsZero() {
		m.UpdatedAt = tx.now // a member from the service keeps the time the service changed it
	}
}

// UpdateMember saves a changed member if nobody changed it first (the
// member's Version is the version it was read at).
func (db *DB) UpdateMember(ctx context.Context, m *model.Member) error {
	undo := undoOnError(m)
	return undo(db.update(ctx, func(tx *Tx) error {
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
	}))
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
	key := foldKey(m.LastName, m.FirstName, m.MiddleName)
	args := memberArgs(m, key)
	q := `UPDATE members SET ` + memberSets + ` WHERE id=?`
	if insert {
		q = `INSERT INTO members (` + memberWriteCols + `, id) VALUES (` + marks(len(args)) + `)`
	}
	if !insert && tx.db.server {
		// On the service the database itself refuses a write that does
		// not move the member's version forward: whichever instance of the
		// service runs it, a stale or repeated change cannot land.
		q += ` AND version < ?`
		args = append(args, m.Version)
	}
	res, err := tx.exec(q, args...)
	if err != nil {
		return err
	}
	if !insert && tx.db.server {
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return model.Errorf(model.ECONFLICT, "%s was changed by someone else (version %d is not newer). Reload and try again.", m.FullName(), m.Version)
		}
	}
	return tx.indexMember(m, key, res, insert)
}

// memberWriteCols are the columns a member write sets, in the order of
// memberArgs, which ends with the member's id.
const memberWriteCols = `group_id, subscriber_id, employee_id, relationship, first_name, middle_name, last_name,
	sort_key, date_of_birth, gender, ssn, ssn_last4, tobacco, email, phone, addr_line1, addr_line2, city,
	state, zip, hire_date, employment_status, hours_weekly, department, salary_cents, plan_id, tier, status,
	effective_date, termination_date, termination_reason, version, updated_at`

// memberSets is memberWriteCols as the SET list of an UPDATE.
var memberSets = strings.ReplaceAll(strings.Join(strings.Fields(memberWriteCols), " "), ",", "=?,") + "=?"

// memberArgs are a member's values for memberWriteCols, then its id.
func memberArgs(m *model.Member, key string) []any {
	var sub any
	if m.SubscriberID != "" {
		sub = m.SubscriberID
	}
	return []any{m.GroupID, sub, m.EmployeeID, string(m.Relationship), m.FirstName, m.MiddleName, m.LastName,
		key, m.DateOfBirth.String(), string(m.Gender), m.SSN, m.SSNLast4(), m.Tobacco,
		m.Email, m.Phone, m.Address.Line1, m.Address.Line2, m.Address.City, m.Address.State, m.Address.ZIP,
		m.Employment.HireDate.String(), m.Employment.Status, m.Employment.HoursWeekly, m.Employment.Department, int64(m.Employment.Salary),
		m.PlanID, string(m.Tier), string(m.Status), m.Effective.String(), m.Termination.String(), m.TermReason,
		m.Version, timeText(m.UpdatedAt), m.ID}
}

// marks is n question marks for a statement's placeholders.
func marks(n int) string { return "?" + strings.Repeat(",?", n-1) }

// indexMember writes the member's row of the search index. The store does
// it rather than a trigger: a trigger makes every member write a
// multi-table statement, for which SQLite keeps a statement journal (a copy
// of every page the statement touches), and bulk enrolment was several
// times slower for it (migration 0002).
func (tx *Tx) indexMember(m *model.Member, key string, res sql.Result, insert bool) error {
	if tx.db.pg {
		return nil // the service does not search members (see postgres/0001_schema.sql)
	}
	var rowid int64
	var err error
	if insert {
		rowid, err = res.LastInsertId()
	} else {
		err = tx.QueryRowContext(tx.ctx, `SELECT rowid FROM members WHERE id = ?`, m.ID).Scan(&rowid)
		if err == nil {
			_, err = tx.exec(`DELETE FROM member_search WHERE rowid = ?`, rowid)
		}
	}
	if err != nil {
		return fmt.Errorf("indexing %s for search: %w", m.FullName(), err)
	}
	_, err = tx.exec(`INSERT INTO member_search (rowid, grp, name, employee_id, ssn_last4) VALUES (?, ?, ?, ?, ?)`,
		rowid, groupToken(m.GroupID), key, m.EmployeeID, m.SSNLast4())
	return err
}
