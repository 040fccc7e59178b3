package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.MaintenanceService = (*DB)(nil)

// PreviewMemberChange runs a change on the family as it is now, without
// saving it, and returns the family after it and its premium effect.
func (db *DB) PreviewMemberChange(ctx context.Context, groupID string, ch model.FamilyChange) (model.Outcome, model.PremiumEffect, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersEdit); err != nil {
		return model.Outcome{}, model.PremiumEffect{}, err
	}
	today := model.DateOf(db.Now())
	return runChange(ctx, db.read, groupID, ch, today)
}

// SaveMemberChange runs a change and saves it in one transaction: every
// member it touches is written with its audit entry and outbox operation.
func (db *DB) SaveMemberChange(ctx context.Context, groupID string, ch model.FamilyChange) (model.Outcome, model.PremiumEffect, error) {
	var out model.Outcome
	var eff model.PremiumEffect
	err := db.update(ctx, func(tx *Tx) error {
		if err := tx.who.Check(groupID, model.PermMembersEdit); err != nil {
			return err
		}
		var before []model.Member
		var err error
		out, eff, before, err = runChangeIn(tx.ctx, tx.Tx, groupID, ch, model.DateOf(tx.now))
		if err != nil {
			return err
		}
		return tx.saveOutcome(before, &out)
	})
	if err != nil {
		return model.Outcome{}, model.PremiumEffect{}, err
	}
	return out, eff, nil
}

func runChange(ctx context.Context, q querier, groupID string, ch model.FamilyChange, today model.Date) (model.Outcome, model.PremiumEffect, error) {
	out, eff, _, err := runChangeIn(ctx, q, groupID, ch, today)
	return out, eff, err
}

// runChangeIn reads what the change needs, applies it, and rates the
// family before and after.
func runChangeIn(ctx context.Context, q querier, groupID string, ch model.FamilyChange, today model.Date) (model.Outcome, model.PremiumEffect, []model.Member, error) {
	cc, err := changeContext(ctx, q, groupID, today)
	if err != nil {
		return model.Outcome{}, model.PremiumEffect{}, nil, err
	}
	fam, err := familyOf(ctx, q, groupID, ch.SubscriberID())
	if err != nil {
		return model.Outcome{}, model.PremiumEffect{}, nil, err
	}
	out, err := ch.Apply(fam, cc)
	if err != nil {
		return model.Outcome{}, model.PremiumEffect{}, nil, err
	}
	eff := model.PremiumChange(cc.Plans, fam, out.Family, cc.Group.RatingArea, PlanYearStart(&cc.Group, today))
	return out, eff, fam, nil
}

// changeContext reads the group, its head count, the rules and the plans.
func changeContext(ctx context.Context, q querier, groupID string, today model.Date) (model.ChangeContext, error) {
	cc := model.ChangeContext{Today: today, NewID: newID}
	err := scanGroup(q.QueryRowContext(ctx, `SELECT `+groupCols+` FROM groups g WHERE g.id = ?`, groupID), &cc.Group)
	if errors.Is(err, sql.ErrNoRows) {
		return cc, model.Errorf(model.ENOTFOUND, "There is no group %s.", groupID)
	}
	if err != nil {
		return cc, fmt.Errorf("reading group %s: %w", groupID, err)
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM members WHERE group_id = ? AND relationship = 'employee' AND status != 'terminated'`,
		groupID).Scan(&cc.Subscribers); err != nil {
		return cc, fmt.Errorf("counting subscribers: %w", err)
	}
	rules, err := readRules(ctx, q)
	if err != nil {
		return cc, err
	}
	cc.Rules = &rules
	cc.Plans, err = planMap(ctx, q)
	return cc, err
}

// planMap reads the plan catalog by ID.
func planMap(ctx context.Context, q querier) (map[string]*model.Plan, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+planCols+` FROM plans`)
	if err != nil {
		return nil, fmt.Errorf("reading the plans: %w", err)
	}
	defer rows.Close()
	out := map[string]*model.Plan{}
	for rows.Next() {
		var p model.Plan
		if err := scanPlan(rows, &p); err != nil {
			return nil, err
		}
		out[p.ID] = &p
	}
	return out, rows.Err()
}

// familyOf reads a subscriber and their dependents (all of them, ended
// coverage included), subscriber first; nothing for "".
func familyOf(ctx context.Context, q querier, groupID, subscriberID string) ([]model.Member, error) {
	if subscriberID == "" {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+memberCols+` FROM members m WHERE m.id = ?1 OR m.subscriber_id = ?1
		ORDER BY m.subscriber_id IS NOT NULL, CASE m.relationship WHEN 'spouse' THEN 0 WHEN 'domestic_partner' THEN 0 ELSE 1 END,
		m.date_of_birth, m.rowid`, subscriberID)
	if err != nil {
		return nil, fmt.Errorf("reading the family of %s: %w", subscriberID, err)
	}
	defer rows.Close()
	var fam []model.Member
	for rows.Next() {
		var m model.Member
		if err := scanMember(rows, &m); err != nil {
			return nil, err
		}
		fam = append(fam, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(fam) == 0 || fam[0].ID != subscriberID || fam[0].GroupID != groupID {
		return nil, model.Errorf(model.ENOTFOUND, "There is no subscriber %s in this group.", subscriberID)
	}
	return fam, nil
}

// saveOutcome writes every member the change created or changed, and the
// life event it recorded; out's members take their new versions.
func (tx *Tx) saveOutcome(before []model.Member, out *model.Outcome) error {
	was := make(map[string]model.Member, len(before))
	for _, m := range before {
		was[m.ID] = m
	}
	for i := range out.Family {
		m := &out.Family[i]
		old, existed := was[m.ID]
		if existed && old == *m {
			continue
		}
		if err := tx.checkEmployeeID(m, old, existed); err != nil {
			return err
		}
		var prev *model.Member
		if existed {
			prev = &old
		}
		if err := tx.saveMemberImage(prev, m, out.Notes[m.ID]); err != nil {
			return fmt.Errorf("saving %s: %w", m.FullName(), err)
		}
	}
	if out.Event != nil {
		return tx.saveLifeEvent(out.Event)
	}
	return nil
}

// saveMemberImage writes a member as a change made it, after the one read
// before (nil for a new member), with its audit entry and outbox operation.
func (tx *Tx) saveMemberImage(before, m *model.Member, note string) error {
	m.UpdatedAt = tx.now
	if before == nil {
		m.Version = 1
		if note == "" {
			note = enrolled(m)
		}
		if err := tx.writeMember(m, true); err != nil {
			return err
		}
		return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate, after: m, summary: note})
	}
	m.Version = before.Version + 1
	if note == "" {
		note = fmt.Sprintf("%s updated", m.FullName())
	}
	if err := tx.writeMember(m, false); err != nil {
		return err
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionUpdate,
		before: before, after: m, baseVersion: before.Version, summary: note})
}

// checkEmployeeID refuses a second covered subscriber with the same
// employee ID in a group.
func (tx *Tx) checkEmployeeID(m *model.Member, old model.Member, existed bool) error {
	if !m.IsSubscriber() || m.Status == model.StatusTerminated || (existed && old.EmployeeID == m.EmployeeID) {
		return nil
	}
	var other string
	err := tx.QueryRowContext(tx.ctx, `SELECT first_name || ' ' || last_name FROM members WHERE group_id = ? AND employee_id = ?
		AND relationship = 'employee' AND status != 'terminated' AND id != ? LIMIT 1`, m.GroupID, m.EmployeeID, m.ID).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return model.FieldError("employee_id", "employee ID %s already belongs to %s", m.EmployeeID, other)
}
