package sqlite

import (
	"encoding/json"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// newMember is a member for insertMembers to write, with what its history
// entry holds and how an error names it.
type newMember struct {
	m       *model.Member // with its ID, version and time of change set
	key     string        // the folded name (foldKey)
	image   []byte        // the history's image of the member
	summary string        // the history's words for the change
	what    string        // how an error names the write ("adding Ann Lee (row 12)")
	// row and search are the member's values in its table (memberArgs)
	// and in the search index, all but the row's number, once prepare
	// made them. A first sync makes them on the goroutine that reads the
	// feed, beside the one that writes; the bulk writer makes the others.
	row, search []any
}

// prepare makes the member's row and search values.
func (nm *newMember) prepare() {
	m := nm.m
	nm.row = memberArgs(m, nm.key)
	nm.search = []any{groupToken(m.GroupID), nm.key, m.EmployeeID, m.SSNLast4()}
}

// addition is a member made here for insertMembers to write, its history
// image taken now. A member always encodes: its fields are text, numbers,
// dates and flags.
func addition(m *model.Member, summary, what string) newMember {
	image, _ := json.Marshal(m)
	return newMember{m: m, key: foldKey(m.LastName, m.FirstName, m.MiddleName), image: image, summary: summary, what: what}
}

// bulkRows is how many members one statement writes: enough that the cost
// of a statement is spread thin, few enough for SQLite's limit on
// placeholders.
const bulkRows = 64

// bulkIndexRows is how many members an import adds before the roster's
// ordering indexes are dropped and built again from the stored rows, when
// the table held no more members than that before: building an index from
// sorted rows costs a fraction of keeping it row by row.
const bulkIndexRows = 10_000

// withIndexesAfter runs write, an addition of adds members, with the
// deferred indexes dropped before and built after it in the transaction
// when that is cheaper.
func (tx *Tx) withIndexesAfter(adds int, write func() error) error {
	if adds < bulkIndexRows || tx.db.server || tx.db.pg {
		return write()
	}
	var held int
	if err := tx.queryRow(`SELECT count(*) FROM members`).Scan(&held); err != nil {
		return err
	}
	if held > adds {
		return write()
	}
	defs, err := dropDeferredIndexes(tx.ctx, tx.Tx)
	if err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	return createIndexes(tx.ctx, tx.Tx, defs)
}

// insertMembers writes new members with their search index rows, history
// entries and, for a change made here, their outbox operations, many to a
// statement: a first sync and an import write tens of thousands at once,
// and each statement costs something of its own beyond its rows (about a
// fifth of a first sync's storing). If a statement fails,
// its members are written one at a time to name the one at fault.
func (tx *Tx) insertMembers(ms []newMember) error {
	if tx.db.server || tx.db.pg {
		// The service publishes each change to its feed as it writes it.
		for i := range ms {
			if err := tx.insertMember(&ms[i]); err != nil {
				return err
			}
		}
		return nil
	}
	for start := 0; start < len(ms); start += bulkRows {
		if err := tx.done.Err(); err != nil {
			return err
		}
		if err := tx.insertMemberChunk(ms[start:min(start+bulkRows, len(ms))]); err != nil {
			return err
		}
	}
	return nil
}

// insertMember writes one new member the way insertMembers writes many.
func (tx *Tx) insertMember(nm *newMember) error {
	m := nm.m
	if err := tx.writeMember(m, true); err != nil {
		return fmt.Errorf("%s: %w", nm.what, formatError(err))
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate,
		after: m, summary: nm.summary})
}

func (tx *Tx) insertMemberChunk(chunk []newMember) error {
	var rowid int64
	if err := tx.queryRow(`SELECT coalesce(max(rowid), 0) FROM members`).Scan(&rowid); err != nil {
		return err
	}
	seq, err := tx.lastAuditSeq()
	if err != nil {
		return err
	}
	n := len(chunk)
	rows := make([]any, 0, n*35)
	search := make([]any, 0, n*5)
	for i := range chunk {
		nm := &chunk[i]
		if nm.row == nil {
			nm.prepare()
		}
		id := rowid + int64(i) + 1
		rows = append(append(rows, id), nm.row...)
		search = append(append(search, id), nm.search...)
	}
	if _, err := tx.exec(`INSERT INTO members (rowid, `+memberWriteCols+`, id) VALUES `+tuples(n, rows), rows...); err != nil {
		// Nothing of the statement was kept: one at a time, the member at
		// fault is named.
		for i := range chunk {
			if err := tx.insertMember(&chunk[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := tx.exec(`INSERT INTO member_search (rowid, grp, name, employee_id, ssn_last4) VALUES `+tuples(n, search), search...); err != nil {
		return fmt.Errorf("indexing members for search: %w", err)
	}
	audit := make([]any, 0, n*14)
	for i := range chunk {
		m := chunk[i].m
		e, err := tx.chain(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate,
			summary: chunk[i].summary}, nil, chunk[i].image)
		if err != nil {
			return err
		}
		audit = append(append(audit, seq+int64(i)+1), tx.auditArgs(&e)...)
	}
	if _, err := tx.exec(`INSERT INTO audit (seq, `+auditWriteCols+`) VALUES `+tuples(n, audit), audit...); err != nil {
		return fmt.Errorf("writing the audit entries: %w", err)
	}
	if tx.remote {
		return nil
	}
	ops := make([]any, 0, n*9)
	for i := range chunk {
		m := chunk[i].m
		// The payload is the audit entry's image (see opPayload).
		ops = append(ops, newID(), m.GroupID, model.EntityMember, m.ID, string(model.ActionCreate), 0, "", seq+int64(i)+1, tx.stamp())
	}
	if _, err := tx.exec(`INSERT INTO outbox (id, group_id, entity, entity_id, action, base_version, payload, audit_seq, created_at)
		VALUES `+tuples(n, ops), ops...); err != nil {
		return fmt.Errorf("queuing the changes for sync: %w", err)
	}
	return nil
}

// tuples is the VALUES list of n rows of placeholders for args, the rows'
// values one after another.
func tuples(n int, args []any) string {
	row := "(" + marks(len(args)/n) + ")"
	b := make([]byte, 0, n*(len(row)+1))
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, row...)
	}
	return string(b)
}
