package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

const lifeEventCols = `id, group_id, subscriber_id, member_id, event, event_date, reported_on, window_closes, status, note, version`

func scanLifeEvent(s scanner, e *model.LifeEventRecord) error {
	return s.Scan(&e.ID, &e.GroupID, &e.SubscriberID, &e.MemberID, &e.Event, dateCol{&e.EventDate}, dateCol{&e.ReportedOn},
		dateCol{&e.WindowCloses}, &e.Status, &e.Note, &e.Version)
}

// saveLifeEvent records a life event, audited and queued. A dependent
// added for an event that was reported before uses that report.
func (tx *Tx) saveLifeEvent(e *model.LifeEventRecord) error {
	if e.Status == model.LifeEventEnrolled {
		used, err := tx.useOpenEvent(e)
		if used || err != nil {
			return err
		}
	}
	e.Version = 1
	if err := tx.writeLifeEvent(e, true); err != nil {
		return err
	}
	return tx.record(change{groupID: e.GroupID, entity: model.EntityLifeEvent, entityID: e.ID, action: model.ActionCreate, after: e,
		summary: lifeEventSummary(e)})
}

// useOpenEvent marks the family's open report of the event as used, and
// reports whether there was one.
func (tx *Tx) useOpenEvent(e *model.LifeEventRecord) (bool, error) {
	var open model.LifeEventRecord
	err := scanLifeEvent(tx.QueryRowContext(tx.ctx, `SELECT `+lifeEventCols+` FROM life_events
		WHERE subscriber_id = ? AND event = ? AND event_date = ? AND status = 'open' LIMIT 1`,
		e.SubscriberID, string(e.Event), e.EventDate.String()), &open)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading the open life events: %w", err)
	}
	after := open
	after.Status, after.MemberID, after.Version = model.LifeEventEnrolled, e.MemberID, open.Version+1
	if err := tx.writeLifeEvent(&after, false); err != nil {
		return false, err
	}
	*e = after
	return true, tx.record(change{groupID: open.GroupID, entity: model.EntityLifeEvent, entityID: open.ID, action: model.ActionUpdate,
		before: open, after: after, baseVersion: open.Version, summary: lifeEventSummary(&after)})
}

// MemberDeadlines lists the group's children who turn 26 within horizon
// days, and the reported life events whose window closes within it.
func (db *DB) MemberDeadlines(ctx context.Context, groupID string, horizon int) (model.Deadlines, error) {
	var d model.Deadlines
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return d, err
	}
	today := model.DateOf(db.Now())
	kids, err := db.childrenBornBetween(ctx, groupID, today.AddYears(-model.DependentAgeLimit).AddDays(-2),
		today.AddDays(horizon).AddYears(-model.DependentAgeLimit).AddDays(2))
	if err != nil {
		return d, err
	}
	d.AgingOut = model.AgingOutSoon(kids, today, horizon)
	events, names, err := db.openEvents(ctx, groupID, today, today.AddDays(horizon))
	if err != nil {
		return d, err
	}
	d.Windows = model.WindowsClosingSoon(events, names, today, horizon)
	return d, nil
}

func (db *DB) childrenBornBetween(ctx context.Context, groupID string, from, to model.Date) ([]model.Member, error) {
	out, err := queryAll(ctx, db.read, scanMember, `SELECT `+memberCols+` FROM members m WHERE m.group_id = ? AND m.date_of_birth BETWEEN ? AND ?
		AND m.relationship = 'child' AND m.status != 'terminated'`, groupID, from.String(), to.String())
	if err != nil {
		return nil, fmt.Errorf("reading the children turning 26: %w", err)
	}
	return out, nil
}

// openEvents reads the open life events closing in a period, with the
// names of their subscribers.
func (db *DB) openEvents(ctx context.Context, groupID string, from, to model.Date) ([]model.LifeEventRecord, map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+lifeEventCols+`, (SELECT s.first_name || ' ' || s.last_name FROM members s WHERE s.id = life_events.subscriber_id)
		FROM life_events WHERE group_id = ? AND status = 'open' AND window_closes BETWEEN ? AND ?`, groupID, from.String(), to.String())
	if err != nil {
		return nil, nil, fmt.Errorf("reading the open life events: %w", err)
	}
	defer rows.Close()
	var out []model.LifeEventRecord
	names := map[string]string{}
	for rows.Next() {
		var e model.LifeEventRecord
		var name string
		if err := rows.Scan(&e.ID, &e.GroupID, &e.SubscriberID, &e.MemberID, &e.Event, dateCol{&e.EventDate}, dateCol{&e.ReportedOn},
			dateCol{&e.WindowCloses}, &e.Status, &e.Note, &e.Version, &name); err != nil {
			return nil, nil, err
		}
		out = append(out, e)
		names[e.SubscriberID] = name
	}
	return out, names, rows.Err()
}
