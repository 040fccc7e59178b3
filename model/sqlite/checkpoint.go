package sqlite

import (
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// checkpointer copies committed pages from the write-ahead log into the
// database file on its own connection, beside the writer. SQLite's own
// automatic checkpoint runs inside the commit that crosses its threshold,
// so every few commits a write (a page of an initial sync, an import) also
// waited for the copy and two syncs to disk. Here the commit returns at
// once and the checkpoint follows: PASSIVE, so it never blocks a reader or
// the writer, and what it cannot copy yet it copies after the next commit.
type checkpointer struct {
	conn  *sql.DB
	kicks chan struct{}
	quit  chan struct{}
	done  chan struct{}
	once  sync.Once
	err   error
}

// checkpointPause is the least time between two checkpoints: commits in
// quick succession share one.
const checkpointPause = 50 * time.Millisecond

func startCheckpointer(path string) (*checkpointer, error) {
	conn, err := sql.Open(driverName, dsn(path))
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	conn.SetMaxOpenConns(1)
	c := &checkpointer{conn: conn, kicks: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.quit:
			return
		case <-c.kicks:
		}
		// A checkpoint that fails (the disk is full, say) leaves the
		// pages in the log, where readers and the next checkpoint still
		// find them; the writer reports the disk's trouble itself.
		_, _ = c.conn.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		select {
		case <-c.quit:
			return
		case <-time.After(checkpointPause):
		}
	}
}

// kick asks for a checkpoint after a commit without waiting for it. It does
// nothing on a database without a checkpointer (PostgreSQL).
func (c *checkpointer) kick() {
	if c == nil {
		return
	}
	select {
	case c.kicks <- struct{}{}:
	default: // one is already asked for
	}
}

// stop waits for the checkpoint under way and closes the connection; the
// store's Close then checkpoints what is left. Stopping twice is stopping
// once.
func (c *checkpointer) stop() error {
	c.once.Do(func() {
		close(c.quit)
		<-c.done
		c.err = c.conn.Close()
	})
	return c.err
}
