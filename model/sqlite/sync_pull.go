package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// IncomingPage is one page of the change feed made ready to store. The
// members in it are decoded when the page arrives, on the goroutine that
// fetched it, so that the transaction storing the page mostly writes: on
// a first sync that is nearly every change, and the desktop's two kinds of
// work (reading the feed, writing the database) run side by side.
type IncomingPage struct {
	Changes []model.Change
	Cursor  string
	members []incoming // by change; zero for changes of other entities
}

// incoming is a member of a page, as a desktop that has never held it
// stores it.
type incoming struct {
	ready bool // decoded, with an image to record
	m     model.Member
	key   string // the folded name (foldKey)
	image []byte // the history's image of the member: the feed's own copy
}

// NewIncomingPage decodes a page of the change feed ahead of storing it.
func NewIncomingPage(changes []model.Change, cursor string) *IncomingPage {
	p := &IncomingPage{Changes: changes, Cursor: cursor, members: make([]incoming, len(changes))}
	for i := range changes {
		if c := &changes[i]; c.Entity == model.EntityMember && !c.Deleted {
			p.members[i].decode(c)
		}
	}
	return p
}

// decode reads a member of the feed. A member the service sent without
// the fields a store fills in (the version, status, gender or time of its
// last change), or under another ID, is left to the general path.
func (in *incoming) decode(c *model.Change) {
	m := &in.m
	if json.Unmarshal(c.Data, m) != nil || m.ID != c.ID || m.Version == 0 || m.Status == "" || m.Gender == "" || m.UpdatedAt.IsZero() {
		return
	}
	in.key = foldKey(m.LastName, m.FirstName, m.MiddleName)
	in.image = c.Data
	in.ready = true
}

// ApplyChanges applies one page of the change feed and saves the cursor in
// the same transaction, so a crash never applies a page twice or skips one.
func (db *DB) ApplyChanges(ctx context.Context, changes []model.Change, cursor string) error {
	return db.ApplyPage(ctx, NewIncomingPage(changes, cursor))
}

// ApplyPage stores a page of the change feed with its cursor in one
// transaction. An entity with local changes still waiting keeps them: the
// conflict, if any, shows when they are pushed; a conflict already waiting
// gets the newer server copy. Members this desktop has never held, with
// nothing waiting to be pushed, are written in bulk without looking first.
func (db *DB) ApplyPage(ctx context.Context, p *IncomingPage) error {
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		fresh, err := tx.newMembers(p.Changes)
		if err != nil {
			return err
		}
		var run []*incoming
		flush := func() error {
			err := tx.insertIncoming(run)
			run = run[:0]
			return err
		}
		for i := range p.Changes {
			c, in := &p.Changes[i], &p.members[i]
			if fresh[c.ID] && in.ready {
				delete(fresh, c.ID)
				run = append(run, in)
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			if fresh[c.ID] {
				// New here, but not as the feed usually sends it.
				delete(fresh, c.ID)
				var m model.Member
				if err = json.Unmarshal(c.Data, &m); err == nil {
					err = tx.createMember(&m)
				}
			} else {
				err = tx.applyChange(c)
			}
			if err != nil {
				return fmt.Errorf("applying %s %s: %w", c.Entity, c.ID, formatError(err))
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return tx.setMeta(MetaSyncCursor, p.Cursor)
	})
}

// bulkRows is how many members one statement writes: enough that the cost
// of a statement is spread thin, few enough for SQLite's limit on
// placeholders.
const bulkRows = 64

// insertIncoming writes members new to this desktop, their search index
// rows and their history entries, many to a statement. If a statement
// fails, its members are written one at a time to name the one at fault.
func (tx *Tx) insertIncoming(run []*incoming) error {
	if len(run) == 0 {
		return nil
	}
	var last int64
	if err := tx.queryRow(`SELECT coalesce(max(rowid), 0) FROM members`).Scan(&last); err != nil {
		return err
	}
	for start := 0; start < len(run); start += bulkRows {
		chunk := run[start:min(start+bulkRows, len(run))]
		if err := tx.insertIncomingChunk(chunk, last); err != nil {
			return err
		}
		last += int64(len(chunk))
	}
	return nil
}

func (tx *Tx) insertIncomingChunk(chunk []*incoming, last int64) error {
	n := len(chunk)
	rows := make([]any, 0, n*35)
	search := make([]any, 0, n*5)
	for i, in := range chunk {
		m := &in.m
		rowid := last + int64(i) + 1
		rows = append(append(rows, rowid), memberArgs(m, in.key)...)
		search = append(search, rowid, groupToken(m.GroupID), in.key, m.EmployeeID, m.SSNLast4())
	}
	if _, err := tx.exec(`INSERT INTO members (rowid, `+memberWriteCols+`, id) VALUES `+tuples(n, 35), rows...); err != nil {
		// Nothing of the statement was kept: one at a time, the member at
		// fault is named.
		for _, in := range chunk {
			if err := tx.createMember(&in.m); err != nil {
				return fmt.Errorf("applying member %s: %w", in.m.ID, formatError(err))
			}
		}
		return nil
	}
	if _, err := tx.exec(`INSERT INTO member_search (rowid, grp, name, employee_id, ssn_last4) VALUES `+tuples(n, 5), search...); err != nil {
		return fmt.Errorf("indexing members for search: %w", err)
	}
	audit := make([]any, 0, n*13)
	for _, in := range chunk {
		m := &in.m
		e, err := tx.chain(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate,
			summary: fmt.Sprintf("%s enrolled (%s)", m.FullName(), m.Relationship.Label())}, nil, in.image)
		if err != nil {
			return err
		}
		audit = append(audit, tx.auditArgs(&e)...)
	}
	if _, err := tx.exec(`INSERT INTO audit (`+auditWriteCols+`) VALUES `+tuples(n, 13), audit...); err != nil {
		return fmt.Errorf("writing the audit entries: %w", err)
	}
	return nil
}

// tuples is the VALUES list of n rows of width placeholders each.
func tuples(n, width int) string {
	row := "(" + marks(width) + ")"
	b := make([]byte, 0, n*(len(row)+1))
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, row...)
	}
	return string(b)
}

// HoldCheckpoints keeps SQLite from copying the WAL into the database
// after each commit until release is called, which copies it once. A
// first sync commits page after page, and copying after each one wrote
// the same index pages over and over.
func (db *DB) HoldCheckpoints(ctx context.Context) (release func()) {
	if db.pg {
		return func() {}
	}
	if _, err := db.write.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
		return func() {}
	}
	return func() {
		_, _ = db.write.Exec("PRAGMA wal_autocheckpoint = 1000")
		_, _ = db.write.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	}
}
