package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

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
	// notJSON, when set, names the first member whose data is not JSON:
	// the page is refused, however storing it would have read the member.
	notJSON error
}

// incoming is a member of a page, as a desktop that has never held it
// stores it.
type incoming struct {
	m     model.Member
	write newMember // set once m is decoded; its image is the feed's own copy
}

// ready tells whether the member was decoded, ready to write in bulk.
func (in *incoming) ready() bool { return in.write.m != nil }

// NewIncomingPage decodes a page of the change feed ahead of storing it.
func NewIncomingPage(changes []model.Change, cursor string) *IncomingPage {
	p := &IncomingPage{Changes: changes, Cursor: cursor, members: make([]incoming, len(changes))}
	for i := range changes {
		if c := &changes[i]; c.Entity == model.EntityMember && !c.Deleted {
			if err := p.members[i].decode(c); err != nil && p.notJSON == nil {
				p.notJSON = fmt.Errorf("applying member %s: its data is not JSON: %w", c.ID, err)
			}
		}
	}
	return p
}

// decode reads a member of the feed. A member the service sent without
// the fields a store fills in (the version, status, gender or time of its
// last change), or under another ID, or that does not decode, is left to
// the general path; data that is not JSON at all is an error.
func (in *incoming) decode(c *model.Change) error {
	m := &in.m
	if err := json.Unmarshal(c.Data, m); err != nil {
		if syntax := (*json.SyntaxError)(nil); errors.As(err, &syntax) {
			return err
		}
		return nil
	}
	if m.ID != c.ID || m.Version == 0 || m.Status == "" || m.Gender == "" || m.UpdatedAt.IsZero() {
		return nil
	}
	in.write = newMember{m: m, key: foldKey(m.LastName, m.FirstName, m.MiddleName), image: c.Data, summary: enrolled(m),
		what: "applying member " + m.ID}
	in.write.prepare()
	return nil
}

// ApplyChanges applies one page of the change feed and saves the cursor in
// the same transaction, so a crash never applies a page twice or skips one.
func (db *DB) ApplyChanges(ctx context.Context, changes []model.Change, cursor string) error {
	return db.ApplyPages(ctx, NewIncomingPage(changes, cursor))
}

// ApplyPages stores pages of the change feed, in order, with the cursor
// after the last one in one transaction. An entity with local changes
// still waiting keeps them: the conflict, if any, shows when they are
// pushed; a conflict already waiting gets the newer server copy. Members
// this desktop has never held, with nothing waiting to be pushed, are
// written in bulk without looking first.
func (db *DB) ApplyPages(ctx context.Context, pages ...*IncomingPage) error {
	if len(pages) == 0 {
		return nil
	}
	return db.updateWith(ctx, true, "", func(tx *Tx) error {
		for _, p := range pages {
			if err := tx.applyPage(p); err != nil {
				return err
			}
		}
		return tx.setMeta(MetaSyncCursor, pages[len(pages)-1].Cursor)
	})
}

// applyPage stores the changes of one page, in order.
func (tx *Tx) applyPage(p *IncomingPage) error {
	if p.notJSON != nil {
		return p.notJSON
	}
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
		if fresh[c.ID] && in.ready() {
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
	return flush()
}

// insertIncoming writes members new to this desktop in bulk.
func (tx *Tx) insertIncoming(run []*incoming) error {
	ms := make([]newMember, len(run))
	for i, in := range run {
		ms[i] = in.write
	}
	return tx.insertMembers(ms)
}

// StartPull readies the desktop for storing a pull and returns what ends
// it. Until then SQLite does not copy the WAL into the database after each
// commit (a pull commits page after page, and copying after each one wrote
// the same index pages over and over). finish starts one copy of it, in
// the background on a connection of its own: after a first sync the WAL
// holds the whole roster, and copying it takes about a third of a second
// that the pulled roster need not wait for. On a first sync (no members,
// no cursor yet) the member indexes that only order and filter the roster
// are dropped and built once by finish from the stored rows, which costs
// a fraction of keeping them row by row.
func (db *DB) StartPull(ctx context.Context) (finish func() error) {
	if db.pg {
		return func() error { return nil }
	}
	held := true
	if _, err := db.write.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
		held = false
	}
	deferred, _ := db.deferIndexes(ctx) // if they cannot be, the pull keeps them as it goes
	return func() error {
		var err error
		if deferred {
			err = db.buildDeferredIndexes(context.WithoutCancel(ctx))
		}
		if held {
			_, _ = db.write.Exec("PRAGMA wal_autocheckpoint = 1000")
			db.copyWAL()
		}
		return err
	}
}

// copyWAL starts copying the WAL into the database in the background,
// unless the database is closing (its own checkpoint copies it then).
// Writes go on meanwhile: a commit's own checkpoint finds this one
// running and leaves the WAL to it.
func (db *DB) copyWAL() {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closing {
		return
	}
	db.copying.Go(func() { _, _ = db.read.Exec("PRAGMA wal_checkpoint(PASSIVE)") })
}

// deferredIndexes are the member indexes a first sync builds at its end.
var deferredIndexes = []any{"members_by_name", "members_by_employee", "members_by_birth"}

// metaDeferredIndexes keeps the definitions of the indexes a first sync
// dropped until they are built again: by the sync's end or, after a crash,
// by the next Open.
const metaDeferredIndexes = "deferred_indexes"

// deferIndexes drops the deferred indexes on a desktop's first sync (no
// members, no cursor, no indexes still to build), keeping their
// definitions in the same transaction.
func (db *DB) deferIndexes(ctx context.Context) (bool, error) {
	tx, err := db.write.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var held bool
	if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM members) OR EXISTS (SELECT 1 FROM meta WHERE key IN (?, ?))`,
		MetaSyncCursor, metaDeferredIndexes).Scan(&held); err != nil || held {
		return false, err
	}
	defs, err := dropDeferredIndexes(ctx, tx)
	if err != nil || defs == nil {
		return false, err
	}
	b, _ := json.Marshal(defs)
	if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, metaDeferredIndexes, string(b)); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// buildDeferredIndexes builds the indexes a first sync dropped, if any.
func (db *DB) buildDeferredIndexes(ctx context.Context) error {
	var left bool // asked first without a write transaction: Open asks every time
	if err := db.write.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?)`, metaDeferredIndexes).Scan(&left); err != nil || !left {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var value string
	err = tx.QueryRow(`SELECT value FROM meta WHERE key = ?`, metaDeferredIndexes).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var defs map[string]string
	if err := json.Unmarshal([]byte(value), &defs); err != nil {
		return fmt.Errorf("reading the member indexes to build: %w", err)
	}
	if err := createIndexes(ctx, tx, defs); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM meta WHERE key = ?`, metaDeferredIndexes); err != nil {
		return err
	}
	return tx.Commit()
}

// dropDeferredIndexes drops the deferred indexes and returns their
// definitions, or nil (and drops nothing) when one of them is missing.
func dropDeferredIndexes(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN (`+marks(len(deferredIndexes))+`)`, deferredIndexes...)
	if err != nil {
		return nil, err
	}
	defs := map[string]string{}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		defs[name] = def
	}
	if err := rows.Close(); err != nil || len(defs) != len(deferredIndexes) {
		return nil, err
	}
	for name := range defs {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+name); err != nil {
			return nil, err
		}
	}
	return defs, nil
}

// createIndexes builds indexes from their definitions, those that are not
// there already.
func createIndexes(ctx context.Context, tx *sql.Tx, defs map[string]string) error {
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, strings.Replace(def, "CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)); err != nil {
			return fmt.Errorf("building the member indexes: %w", err)
		}
	}
	return nil
}
