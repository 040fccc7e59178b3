package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// OpenServer opens the database of an account service: every change is
// published to the change feed that desktops pull, instead of being queued
// in an outbox. path is an SQLite file, or a postgres:// URL for a service
// whose instances share one PostgreSQL database.
func OpenServer(ctx context.Context, path string) (*DB, error) {
	open := Open
	if IsPostgres(path) {
		open = OpenPostgres
	}
	db, err := open(ctx, path)
	if err != nil {
		return nil, err
	}
	db.server = true
	return db, nil
}

// IsServer reports whether the database belongs to an account service.
func (db *DB) IsServer() bool { return db.server }

// publish writes a change to the feed, replacing the entity's earlier entry:
// the feed holds each entity's latest state once.
func (tx *Tx) publish(c change, after []byte) error {
	if c.entity == model.EntityUser {
		return nil // users reach desktops inside the grants that name them
	}
	var v struct {
		Version int64 `json:"version"`
	}
	if after != nil {
		if err := json.Unmarshal(after, &v); err != nil {
			return fmt.Errorf("reading the version of %s %s: %w", c.entity, c.entityID, err)
		}
	}
	deleted := c.action == model.ActionDelete
	var data any
	if !deleted {
		data = string(after)
	}
	args := []any{c.groupID, c.entity, c.entityID, v.Version, deleted, data, tx.stamp()}
	if tx.db.pg {
		// One statement, one round trip: the entity's entry takes the next
		// number of the feed (see postgres.go on why numbers follow commits).
		_, err := tx.exec(`INSERT INTO changes (group_id, entity, entity_id, version, deleted, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (entity_id) DO UPDATE SET seq = DEFAULT, group_id = excluded.group_id, entity = excluded.entity,
			version = excluded.version, deleted = excluded.deleted, data = excluded.data, at = excluded.at`, args...)
		return err
	}
	if _, err := tx.exec(`DELETE FROM changes WHERE entity_id = ?`, c.entityID); err != nil {
		return err
	}
	_, err := tx.exec(`INSERT INTO changes (group_id, entity, entity_id, version, deleted, data, at) VALUES (?, ?, ?, ?, ?, ?, ?)`, args...)
	return err
}

// FeedScope is one group a reader may see, with the kinds of entity they
// may see in it. The plan catalog is the group "".
type FeedScope struct {
	GroupID  string
	Entities map[string]bool
}

// FeedHead returns the sequence number of the newest change.
func (db *DB) FeedHead(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT max(seq) FROM changes`).Scan(&seq); err != nil {
		return 0, fmt.Errorf("reading the change feed: %w", err)
	}
	return seq.Int64, nil
}

// GroupChanges reads up to limit changes of one group with after < seq ≤
// upTo, in order: the backfill of a group a reader has just gained. It
// returns those of kinds the reader may see, the sequence number read up
// to, and whether the read stopped at the limit (so that more may follow:
// the changes it leaves out do not count as the end of the group).
func (db *DB) GroupChanges(ctx context.Context, scope FeedScope, after, upTo int64, limit int) ([]model.Change, int64, bool, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT seq, group_id, entity, entity_id, version, deleted, coalesce(data, ''), at
		FROM changes WHERE group_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`, scope.GroupID, after, upTo, limit)
	if err != nil {
		return nil, after, false, fmt.Errorf("reading the change feed: %w", err)
	}
	last, read := after, 0
	out, err := scanChanges(rows, func(c *model.Change) bool {
		last, read = c.Seq, read+1
		return scope.Entities[c.Entity]
	})
	if err != nil {
		return nil, after, false, err
	}
	out, err = db.withParents(ctx, out, func(c *model.Change) bool { return scope.Entities[c.Entity] })
	return out, last, read == limit, err
}

// TailChanges reads up to limit changes after seq in the given groups, in
// order. It returns those of kinds the reader may see, the sequence number
// read up to (which moves past changes the reader may not see, so they are
// not read again), and whether the read stopped at the limit.
func (db *DB) TailChanges(ctx context.Context, scopes []FeedScope, after int64, limit int) ([]model.Change, int64, bool, error) {
	if len(scopes) == 0 {
		return nil, after, false, nil
	}
	byGroup := map[string]FeedScope{}
	args := []any{after}
	marks := ""
	for i, s := range scopes {
		byGroup[s.GroupID] = s
		if i > 0 {
			marks += ","
		}
		marks += "?"
		args = append(args, s.GroupID)
	}
	args = append(args, limit)
	rows, err := db.read.QueryContext(ctx, `SELECT seq, group_id, entity, entity_id, version, deleted, coalesce(data, ''), at
		FROM changes WHERE seq > ? AND group_id IN (`+marks+`) ORDER BY seq LIMIT ?`, args...)
	if err != nil {
		return nil, after, false, fmt.Errorf("reading the change feed: %w", err)
	}
	last, read := after, 0
	out, err := scanChanges(rows, func(c *model.Change) bool {
		last, read = c.Seq, read+1
		return byGroup[c.GroupID].Entities[c.Entity]
	})
	if err != nil {
		return nil, after, false, err
	}
	out, err = db.withParents(ctx, out, func(c *model.Change) bool { return byGroup[c.GroupID].Entities[c.Entity] })
	return out, last, read == limit, err
}

// withParents puts before each change the latest state of the records it
// refers to (its group; a dependent's subscriber) when that state comes
// later in the feed: the feed holds each entity once, at its latest
// change, so a group or subscriber changed after its members were written
// would otherwise reach a desktop after them, and the desktop could not
// store them. A record sent early this way is not sent again in the page;
// a later page sends it again, which a desktop takes as the same state.
func (db *DB) withParents(ctx context.Context, page []model.Change, visible func(*model.Change) bool) ([]model.Change, error) {
	at := make(map[string]int64, len(page)) // where each entity of the page is
	parents := make([][]string, len(page))
	for i := range page {
		at[page[i].ID] = page[i].Seq
		parents[i] = parentsOf(&page[i])
	}
	var ask []any
	asked := map[string]bool{}
	for i := range page {
		for _, p := range parents[i] {
			if seq, ok := at[p]; (ok && seq < page[i].Seq) || asked[p] {
				continue
			}
			asked[p] = true
			ask = append(ask, p)
		}
	}
	if len(ask) == 0 {
		return page, nil
	}
	late := map[string]model.Change{}
	for len(ask) > 0 {
		n := min(len(ask), 500)
		rows, err := db.read.QueryContext(ctx, `SELECT seq, group_id, entity, entity_id, version, deleted, coalesce(data, ''), at
			FROM changes WHERE entity_id IN (?`+strings.Repeat(",?", n-1)+`)`, ask[:n]...)
		if err != nil {
			return nil, fmt.Errorf("reading the change feed: %w", err)
		}
		found, err := scanChanges(rows, func(c *model.Change) bool { return !c.Deleted && visible(c) })
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			late[c.ID] = c
		}
		ask = ask[n:]
	}
	out := make([]model.Change, 0, len(page)+len(late))
	sent := map[string]bool{}
	var put func(c *model.Change, parents []string)
	put = func(c *model.Change, parents []string) {
		for _, p := range parents {
			if pc, ok := late[p]; ok && pc.Seq > c.Seq && !sent[p] {
				sent[p] = true
				put(&pc, parentsOf(&pc))
			}
		}
		out = append(out, *c)
	}
	for i := range page {
		if !sent[page[i].ID] {
			put(&page[i], parents[i])
		}
	}
	return out, nil
}

// parentsOf lists the records a change refers to: a member's or grant's
// group, and a dependent's subscriber.
func parentsOf(c *model.Change) []string {
	switch c.Entity {
	case model.EntityMember:
		if sub := subscriberOf(c); sub != "" {
			return []string{c.GroupID, sub}
		}
		return []string{c.GroupID}
	case model.EntityGrant, model.EntityRenewal, model.EntityInvoice, model.EntityPayment, model.EntityBillingAccount,
		model.EntityContract, model.EntityDocument:
		return []string{c.GroupID}
	}
	return nil
}

// subscriberOf returns the subscriber of a dependent's change. The store's
// JSON of a member begins with its ID, group and (for a dependent)
// subscriber: for those, only that place is looked at.
func subscriberOf(c *model.Change) string {
	const key = `"subscriber_id":"`
	head := `{"id":"` + c.ID + `","group_id":"` + c.GroupID + `",`
	if !bytes.HasPrefix(c.Data, []byte(head)) {
		return jsonString(c.Data, key)
	}
	rest := c.Data[len(head):]
	if !bytes.HasPrefix(rest, []byte(key)) {
		return ""
	}
	return jsonString(rest, key)
}

// jsonString returns the string after key in data (a key with its colon
// and opening quote), without unmarshalling the whole of data: the feed
// stores the store's own JSON, whose IDs need no unescaping.
func jsonString(data []byte, key string) string {
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return ""
	}
	rest := data[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

func scanChanges(rows *sql.Rows, keep func(*model.Change) bool) ([]model.Change, error) {
	defer rows.Close()
	var out []model.Change
	for rows.Next() {
		var c model.Change
		var data string
		if err := rows.Scan(&c.Seq, &c.GroupID, &c.Entity, &c.ID, &c.Version, &c.Deleted, &data, timeCol{&c.At}); err != nil {
			return nil, err
		}
		if data != "" {
			c.Data = json.RawMessage(data)
		}
		if keep(&c) {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// ApplyOps applies a batch of operations pushed by a desktop, in one
// transaction, and returns one result per operation. An operation ID seen
// before gets its stored result again and is not applied twice; an
// operation made on an older version than the server's is a conflict and
// carries the server's copy; one the caller may not make is refused.
//
// A batch is first applied without a savepoint per operation: a savepoint
// makes the search index write out what it holds, at a cost of about a
// millisecond an operation. When an operation is refused, the batch is
// applied again from the start with savepoints, so that the refused
// operation leaves nothing behind.
func (db *DB) ApplyOps(ctx context.Context, ops []model.Operation) ([]model.OpResult, error) {
	results, err := db.applyOps(ctx, ops, false)
	if errors.Is(err, errRefusedInBatch) {
		results, err = db.applyOps(ctx, ops, true)
	}
	return results, err
}

// errRefusedInBatch ends a batch applied without savepoints at its first
// refusal.
var errRefusedInBatch = errors.New("an operation of the batch was refused")

func (db *DB) applyOps(ctx context.Context, ops []model.Operation, savepoints bool) ([]model.OpResult, error) {
	results := make([]model.OpResult, len(ops))
	err := db.update(ctx, func(tx *Tx) error {
		seen, err := tx.appliedBefore(ops)
		if err != nil {
			return err
		}
		for i := range ops {
			r, err := tx.applyOp(&ops[i], savepoints, seen)
			if errors.Is(err, errRefusedInBatch) {
				return err
			}
			if err != nil {
				return fmt.Errorf("operation %s: %w", ops[i].ID, err)
			}
			results[i] = r
		}
		return tx.keepResults(ops, seen)
	})
	return results, err
}

// appliedOp is the stored answer to an operation applied before; kept
// marks one this batch applied, whose answer is stored at its end.
type appliedOp struct {
	result, owner string
	kept          bool
}

// appliedBefore reads the stored answers to the batch's operations that
// were applied before, in one query per 500 operations rather than one
// per operation: on PostgreSQL each query is a round trip made while every
// other writer waits.
func (tx *Tx) appliedBefore(ops []model.Operation) (map[string]appliedOp, error) {
	seen := map[string]appliedOp{}
	for start := 0; start < len(ops); start += 500 {
		chunk := ops[start:min(start+500, len(ops))]
		args := make([]any, len(chunk))
		for i := range chunk {
			args[i] = chunk[i].ID
		}
		rows, err := tx.QueryContext(tx.ctx, `SELECT id, result, user_id FROM applied_ops WHERE id IN (?`+strings.Repeat(",?", len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var a appliedOp
			if err := rows.Scan(&id, &a.result, &a.owner); err != nil {
				rows.Close()
				return nil, err
			}
			seen[id] = a
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

// applyOp applies one operation of a batch, or answers it again from seen
// (the operations applied before, to which it adds its own answer).
func (tx *Tx) applyOp(op *model.Operation, savepoints bool, seen map[string]appliedOp) (model.OpResult, error) {
	if a, ok := seen[op.ID]; ok {
		if a.owner != tx.who.UserID {
			return refused(op, model.Errorf(model.EINVALID, "Operation ID %s was already used by someone else.", op.ID)), nil
		}
		var r model.OpResult
		return r, json.Unmarshal([]byte(a.result), &r)
	}
	if !savepoints {
		r, err := tx.applyOne(op)
		var me *model.Error
		if errors.As(err, &me) {
			return r, errRefusedInBatch
		}
		if err != nil {
			return r, err
		}
		return r, tx.keepResult(op, r, seen)
	}
	if _, err := tx.Exec(`SAVEPOINT op`); err != nil {
		return model.OpResult{}, err
	}
	r, err := tx.applyOne(op)
	if err != nil {
		if _, rerr := tx.Exec(`ROLLBACK TO op`); rerr != nil {
			return model.OpResult{}, rerr
		}
		var me *model.Error
		if !errors.As(err, &me) {
			return model.OpResult{}, err
		}
		r = refused(op, err)
	}
	if _, err := tx.Exec(`RELEASE op`); err != nil {
		return model.OpResult{}, err
	}
	return r, tx.keepResult(op, r, seen)
}

// queryRow runs a query of one row through the transaction's statement
// cache, for the queries made once per operation of a batch.
func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	st, ok := tx.stmts[query]
	if !ok {
		var err error
		if st, err = tx.PrepareContext(tx.ctx, query); err != nil {
			return tx.QueryRowContext(tx.ctx, query, args...) // reports the error on Scan
		}
		tx.stmts[query] = st
	}
	return st.QueryRowContext(tx.ctx, args...)
}

// keepResult notes the answer to an operation, given again if it comes
// again later in the batch; keepResults stores the batch's answers.
func (tx *Tx) keepResult(op *model.Operation, r model.OpResult, seen map[string]appliedOp) error {
	b, err := json.Marshal(r)
	seen[op.ID] = appliedOp{result: string(b), owner: tx.who.UserID, kept: true}
	return err
}

// keepResults stores the answers to the operations the batch applied, in
// the batch's transaction and a few statements. The operation ID is the
// table's primary key: no operation can be recorded as applied twice, on
// any instance of the service.
func (tx *Tx) keepResults(ops []model.Operation, seen map[string]appliedOp) error {
	const perStatement = 200
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		rows := len(args) / 4
		_, err := tx.ExecContext(tx.ctx, `INSERT INTO applied_ops (id, user_id, result, applied_at) VALUES (?, ?, ?, ?)`+
			strings.Repeat(", (?, ?, ?, ?)", rows-1), args...)
		args = args[:0]
		return err
	}
	for i := range ops {
		a, ok := seen[ops[i].ID]
		if !ok || !a.kept {
			continue
		}
		a.kept = false // an ID twice in the batch is stored once
		seen[ops[i].ID] = a
		args = append(args, ops[i].ID, a.owner, a.result, tx.stamp())
		if len(args) == perStatement*4 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func refused(op *model.Operation, err error) model.OpResult {
	return model.OpResult{ID: op.ID, Status: model.ResultRefused, Code: model.ErrorCode(err), Reason: model.ErrorMessage(err)}
}

// applyOne applies one operation; a *model.Error refuses it.
func (tx *Tx) applyOne(op *model.Operation) (model.OpResult, error) {
	switch op.Entity {
	case model.EntityMember:
		return tx.applyMemberOp(op)
	case model.EntityGroup:
		return tx.applyGroupOp(op)
	case model.EntityApplication:
		return tx.applyApplicationOp(op)
	case model.EntityRenewal:
		return tx.applyRenewalOp(op)
	case model.EntityPayment:
		return tx.applyPaymentOp(op)
	case model.EntityBillingAccount:
		return tx.applyBillingAccountOp(op)
	case model.EntityDocument:
		return tx.applyDocumentOp(op)
	case model.EntityLifeEvent:
		return tx.applyLifeEventOp(op)
	}
	return model.OpResult{}, model.Errorf(model.EINVALID, "Changes to %q cannot be sent from a desktop.", op.Entity)
}

func (tx *Tx) applyMemberOp(op *model.Operation) (model.OpResult, error) {
	if err := tx.who.Check(op.GroupID, model.PermMembersEdit); err != nil {
		return model.OpResult{}, err
	}
	var m model.Member
	if op.Action != model.ActionDelete {
		if err := decodeStrict(op.Payload, &m); err != nil {
			return model.OpResult{}, err
		}
		if m.ID != op.EntityID || m.GroupID != op.GroupID {
			return model.OpResult{}, model.Errorf(model.EINVALID, "The member in the operation does not match its entity or group.")
		}
	}
	current, err := tx.memberForUpdate(op.EntityID)
	exists := err == nil
	if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
		return model.OpResult{}, err
	}
	if exists && current.GroupID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "That member belongs to another group.")
	}
	if conflict, ok := versionConflict(op, exists, current.Version, current); ok {
		return conflict, nil
	}
	switch op.Action {
	case model.ActionCreate:
		m.Version = 0
		if err := tx.createMember(&m); err != nil {
			return model.OpResult{}, err
		}
		return applied(op, m.Version), nil
	case model.ActionUpdate:
		m.Version = current.Version
		if err := tx.updateMember(&m, current); err != nil {
			return model.OpResult{}, err
		}
		return applied(op, m.Version), nil
	}
	return model.OpResult{}, model.Errorf(model.EINVALID, "Members are terminated, not deleted.")
}

// versionConflict compares the operation's base version with the server's.
func versionConflict(op *model.Operation, exists bool, version int64, current any) (model.OpResult, bool) {
	switch {
	case op.Action == model.ActionCreate && !exists:
		return model.OpResult{}, false
	case op.Action == model.ActionCreate:
		b, _ := json.Marshal(current)
		return model.OpResult{ID: op.ID, Status: model.ResultConflict, Current: b, Reason: "It already exists on the server."}, true
	case !exists:
		return model.OpResult{ID: op.ID, Status: model.ResultConflict, Reason: "It no longer exists on the server."}, true
	case version != op.BaseVersion:
		b, _ := json.Marshal(current)
		return model.OpResult{ID: op.ID, Status: model.ResultConflict, Current: b,
			Reason: fmt.Sprintf("Someone else changed it first (server version %d, yours was made on version %d).", version, op.BaseVersion)}, true
	}
	return model.OpResult{}, false
}

func applied(op *model.Operation, version int64) model.OpResult {
	return model.OpResult{ID: op.ID, Status: model.ResultApplied, Version: version}
}

func (tx *Tx) applyGroupOp(op *model.Operation) (model.OpResult, error) {
	if op.Action != model.ActionUpdate {
		return model.OpResult{}, model.Errorf(model.EFORBIDDEN, "Only the carrier creates or removes groups.")
	}
	if err := tx.who.Check(op.GroupID, model.PermAccessManage); err != nil {
		return model.OpResult{}, err
	}
	var g model.Group
	if err := decodeStrict(op.Payload, &g); err != nil {
		return model.OpResult{}, err
	}
	if g.ID != op.EntityID || g.ID != op.GroupID {
		return model.OpResult{}, model.Errorf(model.EINVALID, "The group in the operation does not match its entity.")
	}
	current, err := tx.groupForUpdate(g.ID)
	if err != nil && model.ErrorCode(err) != model.ENOTFOUND {
		return model.OpResult{}, err
	}
	if conflict, ok := versionConflict(op, err == nil, current.Version, current); ok {
		return conflict, nil
	}
	g.Number, g.Segment = current.Number, current.Segment // the carrier's to change
	g.Version = current.Version
	if err := tx.updateGroup(&g, current); err != nil {
		return model.OpResult{}, err
	}
	return applied(op, g.Version), nil
}

// decodeStrict reads an entity from an operation, refusing unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return model.Errorf(model.EINVALID, "The operation's data is not valid: %v", err)
	}
	return nil
}
