package sqlite

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite/packed"
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
	// and in the search index, all but the row's number, packed once
	// prepare made them. A first sync makes them on the goroutine that
	// reads the feed, beside the one that writes; the bulk writer makes
	// the others.
	row, search packed.Row
}

// prepare makes the member's row and search values.
func (nm *newMember) prepare() {
	m := nm.m
	nm.row = mustPack(memberArgs(m, nm.key)...)
	nm.search = mustPack(groupToken(m.GroupID), nm.key, m.EmployeeID, m.SSNLast4())
}

// mustPack packs a row of the store's own values: text, numbers, flags
// and NULL, which always pack.
func mustPack(values ...any) packed.Row {
	r, err := packed.Encode(values...)
	if err != nil {
		panic(err)
	}
	return r
}

// addition is a member made here for insertMembers to write, its history
// image taken now. A member always encodes: its fields are text, numbers,
// dates and flags.
func addition(m *model.Member, summary, what string) newMember {
	image, _ := json.Marshal(m)
	return newMember{m: m, key: foldKey(m.LastName, m.FirstName, m.MiddleName), image: image, summary: summary, what: what}
}

// bulkRows is how many members one statement writes: enough that the cost
// of a statement is spread thin, few enough that a statement that fails,
// written again one member at a time to name the one at fault, costs
// little.
const bulkRows = 512

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
// statement with their values packed in one blob: a first sync and an
// import write tens of thousands at once, and both a statement and each
// value bound to it cost something of their own. If a statement fails,
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

// The statements of insertMemberChunk. Each takes its rows packed in one
// blob (see package packed), numbered from the last row or entry there.
var (
	memberValues = len(columnList(memberWriteCols)) + 1 // and the id
	bulkMembers  = `INSERT INTO members (rowid, ` + memberWriteCols + `, id)
		SELECT ? + i + 1, ` + packed.Columns(memberValues) + ` FROM packed_rows(?)`
	bulkSearch = `INSERT INTO member_search (rowid, grp, name, employee_id, ssn_last4)
		SELECT ? + i + 1, c0, c1, c2, c3 FROM packed_rows(?)`
	// The entries of a chunk share their time, actor, entity, action and
	// batch; their rows hold the rest.
	bulkAudit = `INSERT INTO audit (seq, ` + auditWriteCols + `)
		SELECT ? + i + 1, ?, ?, ?, c0, ?, c1, ?, c2, NULL, c3, ?, c4, c5 FROM packed_rows(?)`
	bulkOutbox = `INSERT INTO outbox (id, group_id, entity, entity_id, action, base_version, payload, audit_seq, created_at)
		SELECT c0, c1, ?, c2, ?, 0, '', ? + i + 1, ? FROM packed_rows(?)`
)

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
	rows := packed.NewRows(memberValues, n*512)
	search := packed.NewRows(4, n*96)
	for i := range chunk {
		nm := &chunk[i]
		if nm.row.Values() == 0 {
			nm.prepare()
		}
		if err := errors.Join(rows.Add(nm.row), search.Add(nm.search)); err != nil {
			return err
		}
	}
	if _, err := tx.exec(bulkMembers, rowid, rows.Blob()); err != nil {
		// Nothing of the statement was kept: one at a time, the member at
		// fault is named.
		for i := range chunk {
			if err := tx.insertMember(&chunk[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := tx.exec(bulkSearch, rowid, search.Blob()); err != nil {
		return fmt.Errorf("indexing members for search: %w", err)
	}
	audit := packed.NewRows(6, n*1024)
	for i := range chunk {
		m := chunk[i].m
		e, err := tx.chain(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionCreate,
			summary: chunk[i].summary}, nil, chunk[i].image)
		if err != nil {
			return err
		}
		if err := audit.Append(e.GroupID, e.EntityID, e.Summary, packed.Text(e.After), e.PrevHash, e.Hash); err != nil {
			return err
		}
	}
	if _, err := tx.exec(bulkAudit, seq, tx.stamp(), tx.who.Name, tx.who.UserID, model.EntityMember, string(model.ActionCreate),
		tx.batch, audit.Blob()); err != nil {
		return fmt.Errorf("writing the audit entries: %w", err)
	}
	if tx.remote {
		return nil
	}
	// The payload of an operation is its audit entry's image (see opPayload).
	ops := packed.NewRows(3, n*96)
	for i := range chunk {
		m := chunk[i].m
		if err := ops.Append(newID(), m.GroupID, m.ID); err != nil {
			return err
		}
	}
	if _, err := tx.exec(bulkOutbox, model.EntityMember, string(model.ActionCreate), seq, tx.stamp(), ops.Blob()); err != nil {
		return fmt.Errorf("queuing the changes for sync: %w", err)
	}
	return nil
}
