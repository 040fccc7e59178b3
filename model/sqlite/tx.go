package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/groupdesk/groupdesk/model"
)

// Tx is a write transaction with the time fixed at its start, the acting
// principal, and a cache of prepared statements for bulk writes.
type Tx struct {
	*sql.Tx
	db *DB
	// ctx carries the caller's values without its cancellation: SQLite's
	// driver runs each statement under a cancellable context on a
	// goroutine of its own, which made a first sync a third slower. Long
	// loops watch the caller's context (done) between statements instead.
	ctx   context.Context
	done  context.Context
	now   time.Time
	who   *model.Principal
	batch string
	// remote marks changes that came from the account service (a pull or a
	// seed): they are audited but not queued for pushing back.
	remote   bool
	lastHash string
	hashRead bool
	stmts    map[string]*sql.Stmt
	// stampText is now as stored, formatted when the transaction starts.
	stampText string
}

// update runs fn in one write transaction and commits it if fn returns nil.
func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) error {
	return db.updateWith(ctx, false, "", fn)
}

func (db *DB) updateWith(ctx context.Context, remote bool, batch string, fn func(tx *Tx) error) error {
	who := model.PrincipalFrom(ctx)
	if who == nil {
		return model.Errorf(model.EUNAUTH, "Sign in to make changes.")
	}
	run := context.WithoutCancel(ctx)
	sqlTx, err := db.write.BeginTx(run, nil)
	if err != nil {
		return fmt.Errorf("starting a transaction: %w", err)
	}
	now := db.Now().UTC()
	tx := &Tx{Tx: sqlTx, db: db, ctx: run, done: ctx, now: now, stampText: now.Format(time.RFC3339Nano), who: who, remote: remote, batch: batch}
	defer func() {
		for _, s := range tx.stmts {
			s.Close()
		}
		sqlTx.Rollback()
	}()
	if err := fn(tx); err != nil {
		return formatError(err)
	}
	if err := ctx.Err(); err != nil {
		return err // cancelled: nothing is kept
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", formatError(err))
	}
	return nil
}

// undoOnError returns a function that puts *v back as it was now when the
// transaction it is given the error of failed: the caller's copy (its
// version above all) must still match the store, or a retry of the same
// change would be refused as a conflict.
func undoOnError[T any](v *T) func(error) error {
	saved := *v
	return func(err error) error {
		if err != nil {
			*v = saved
		}
		return err
	}
}

// exec runs a statement through the transaction's statement cache.
func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	st, ok := tx.stmts[query]
	if !ok {
		var err error
		st, err = tx.PrepareContext(tx.ctx, query)
		if err != nil {
			return nil, err
		}
		tx.stmts[query] = st
	}
	return st.ExecContext(tx.ctx, args...)
}

// change is one entity change as the audit log and the outbox see it.
type change struct {
	groupID     string
	entity      string
	entityID    string
	action      model.Action
	before      any // nil for a create
	after       any // nil for a delete
	baseVersion int64
	summary     string
}

// record writes the audit entry of a change and, for a local change, its
// outbox operation. It is called in the same transaction as the entity write.
func (tx *Tx) record(c change) error {
	before, err := marshalOrNil(c.before)
	if err != nil {
		return err
	}
	after, err := marshalOrNil(c.after)
	if err != nil {
		return err
	}
	seq, err := tx.audit(c, before, after)
	if err != nil {
		return fmt.Errorf("writing the audit entry: %w", err)
	}
	if tx.db.server {
		return tx.publish(c, after)
	}
	if tx.remote {
		return nil
	}
	// The payload is the audit entry's image (see opPayload).
	_, err = tx.exec(`INSERT INTO outbox (id, group_id, entity, entity_id, action, base_version, payload, audit_seq, created_at)
		VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)`,
		newID(), c.groupID, c.entity, c.entityID, string(c.action), c.baseVersion, seq, tx.stamp())
	if err != nil {
		return fmt.Errorf("queuing the change for sync: %w", err)
	}
	return nil
}

// opPayload is the SQL of an outbox operation's payload: its own, or the
// image of the audit entry it names.
const opPayload = `CASE WHEN payload != '' THEN payload ELSE (SELECT coalesce(a.after, a.before, '') FROM audit a WHERE a.seq = audit_seq) END`

// audit writes the audit entry of a change and returns its sequence number.
func (tx *Tx) audit(c change, before, after []byte) (int64, error) {
	e, err := tx.chain(c, before, after)
	if err != nil {
		return 0, err
	}
	args := tx.auditArgs(&e)
	var seq int64
	if tx.db.pg {
		// PostgreSQL has no last insert ID; the statement returns it.
		if err := tx.QueryRowContext(tx.ctx, auditInsert+" RETURNING seq", args...).Scan(&seq); err != nil {
			return 0, err
		}
	} else {
		res, err := tx.exec(auditInsert, args...)
		if err != nil {
			return 0, err
		}
		if seq, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// lastAuditSeq is the sequence number of the newest audit entry: the one
// AUTOINCREMENT goes on from.
func (tx *Tx) lastAuditSeq() (int64, error) {
	q := `SELECT max((SELECT coalesce(max(seq), 0) FROM audit),
		(SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'audit'))`
	if tx.db.pg {
		q = `SELECT coalesce(max(seq), 0) FROM audit`
	}
	var seq int64
	err := tx.queryRow(q).Scan(&seq)
	return seq, err
}

// auditWriteCols are the columns of an audit entry as auditArgs gives them.
const auditWriteCols = `at, actor, actor_id, group_id, entity, entity_id, action, summary, before, after, batch, prev_hash, hash`

// auditInsert writes one audit entry, auditArgs its values.
var auditInsert = `INSERT INTO audit (` + auditWriteCols + `) VALUES (` + marks(len(columnList(auditWriteCols))) + `)`

func (tx *Tx) auditArgs(e *model.AuditEntry) []any {
	return []any{tx.stamp(), e.Actor, e.ActorID, e.GroupID, e.Entity, e.EntityID, string(e.Action), e.Summary,
		nullJSON(e.Before), nullJSON(e.After), e.Batch, e.PrevHash, e.Hash}
}

// chain makes the audit entry of a change as the next link of the log:
// it carries the hash of the entry before it, and its own.
func (tx *Tx) chain(c change, before, after []byte) (model.AuditEntry, error) {
	if !tx.hashRead {
		err := tx.QueryRowContext(tx.ctx, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").Scan(&tx.lastHash)
		if err != nil && err != sql.ErrNoRows {
			return model.AuditEntry{}, err
		}
		tx.hashRead = true
	}
	e := model.AuditEntry{
		At: tx.now, Actor: tx.who.Name, ActorID: tx.who.UserID, GroupID: c.groupID,
		Entity: c.entity, EntityID: c.entityID, Action: c.action, Summary: c.summary,
		Before: before, After: after, Batch: tx.batch, PrevHash: tx.lastHash,
	}
	e.Hash = auditHashAt(&e, tx.stampText)
	tx.lastHash = e.Hash
	return e, nil
}

// auditHash is SHA-256 over the previous hash and every field of the entry,
// each length-prefixed so that no two entries hash alike by shifting text
// between fields.
func auditHash(e *model.AuditEntry) string {
	return auditHashAt(e, e.At.UTC().Format(time.RFC3339Nano))
}

// auditHashAt is auditHash with the entry's time as stored: the entries
// of a transaction share theirs, and a first sync hashes tens of thousands.
func auditHashAt(e *model.AuditEntry, at string) string {
	buf := make([]byte, 0, 12*24+len(e.PrevHash)+len(at)+len(e.Actor)+len(e.ActorID)+len(e.GroupID)+
		len(e.Entity)+len(e.EntityID)+len(e.Action)+len(e.Summary)+len(e.Before)+len(e.After)+len(e.Batch))
	for _, f := range [...]string{e.PrevHash, at, e.Actor, e.ActorID, e.GroupID, e.Entity, e.EntityID, string(e.Action), e.Summary} {
		buf = appendField(buf, f)
	}
	buf = appendField(appendField(buf, e.Before), e.After)
	sum := sha256.Sum256(appendField(buf, e.Batch))
	return hex.EncodeToString(sum[:])
}

// appendField appends a field of an audit entry as its hash reads it.
func appendField[T ~string | ~[]byte](buf []byte, f T) []byte {
	buf = strconv.AppendInt(buf, int64(len(f)), 10)
	buf = append(buf, ':')
	buf = append(buf, f...)
	return append(buf, ';')
}

// stamp is the transaction's time as stored.
func (tx *Tx) stamp() string { return tx.stampText }

func marshalOrNil(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

func nullJSON(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// newID returns a time-ordered UUIDv7, so records created offline on
// different desktops never collide and sort roughly by creation.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// NewID is newID for other packages that create records for this store.
func NewID() string { return newID() }
