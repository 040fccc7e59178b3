package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// LinkCandidates lists the records of a group a document can be linked to,
// of one kind, whose label holds every word searched for (at most limit):
// members by name or employee ID, the enrollment application the group
// came from, its renewals, its members' life events.
func (db *DB) LinkCandidates(ctx context.Context, groupID string, kind model.LinkKind, search string, limit int) ([]model.DocumentLink, error) {
	if err := checkPerm(ctx, groupID, model.PermDocumentsView); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 50
	}
	var out []model.DocumentLink
	var err error
	switch kind {
	case model.LinkMember:
		return db.memberLinks(ctx, groupID, search, limit)
	case model.LinkApplication:
		out, err = db.applicationLinks(ctx, groupID)
	case model.LinkRenewal:
		out, err = db.renewalLinks(ctx, groupID)
	case model.LinkLifeEvent:
		out, err = db.lifeEventLinks(ctx, groupID)
	default:
		return nil, model.Errorf(model.EINVALID, "%q is not something a document links to", kind)
	}
	if err != nil {
		return nil, err
	}
	return matching(out, search, limit), nil
}

func (db *DB) memberLinks(ctx context.Context, groupID, search string, limit int) ([]model.DocumentLink, error) {
	page, err := db.Members(ctx, model.MemberQuery{GroupID: groupID, Search: search, Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]model.DocumentLink, 0, len(page.Members))
	for i := range page.Members {
		m := &page.Members[i]
		label := m.FullName()
		if m.EmployeeID != "" {
			label += " (" + m.EmployeeID + ")"
		}
		out = append(out, model.DocumentLink{Kind: model.LinkMember, ID: m.ID, Label: label})
	}
	return out, nil
}

func (db *DB) applicationLinks(ctx context.Context, groupID string) ([]model.DocumentLink, error) {
	apps, err := db.Applications(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.DocumentLink
	for _, a := range apps {
		if a.GroupID == groupID {
			out = append(out, model.DocumentLink{Kind: model.LinkApplication, ID: a.ID,
				Label: fmt.Sprintf("Application of %s, effective %s", a.Company.LegalName, a.Effective.US())})
		}
	}
	return out, nil
}

func (db *DB) renewalLinks(ctx context.Context, groupID string) ([]model.DocumentLink, error) {
	rs, err := db.Renewals(ctx, groupID)
	if err != nil {
		return nil, err
	}
	out := make([]model.DocumentLink, 0, len(rs))
	for _, r := range rs {
		out = append(out, model.DocumentLink{Kind: model.LinkRenewal, ID: r.ID,
			Label: fmt.Sprintf("Renewal effective %s (%s)", r.Effective.US(), r.Status.Label())})
	}
	return out, nil
}

func (db *DB) lifeEventLinks(ctx context.Context, groupID string) ([]model.DocumentLink, error) {
	if err := checkPerm(ctx, groupID, model.PermMembersView); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.event, e.event_date, coalesce(s.first_name || ' ' || s.last_name, '')
		FROM life_events e LEFT JOIN members s ON s.id = e.subscriber_id WHERE e.group_id = ? ORDER BY e.event_date DESC`, groupID)
	if err != nil {
		return nil, fmt.Errorf("reading the life events: %w", err)
	}
	defer rows.Close()
	var out []model.DocumentLink
	for rows.Next() {
		var id, name string
		var ev model.LifeEvent
		var on model.Date
		if err := rows.Scan(&id, &ev, dateCol{&on}, &name); err != nil {
			return nil, err
		}
		out = append(out, model.DocumentLink{Kind: model.LinkLifeEvent, ID: id, Label: fmt.Sprintf("%s: %s on %s", name, ev.Label(), on.US())})
	}
	return out, rows.Err()
}

// matching keeps the links whose label holds every word searched for.
func matching(links []model.DocumentLink, search string, limit int) []model.DocumentLink {
	words := strings.Fields(strings.ToLower(search))
	var out []model.DocumentLink
	for _, l := range links {
		label := strings.ToLower(l.Label)
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(label, w)
		}
		if ok && len(out) < limit {
			out = append(out, l)
		}
	}
	return out
}
