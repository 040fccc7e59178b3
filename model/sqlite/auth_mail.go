package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// The reference account service does not send mail: it keeps outgoing
// messages in a table and prints them to its log.

func (tx *Tx) queueMail(m *model.Mail) error {
	m.ID, m.CreatedAt = newID(), tx.now
	_, err := tx.exec(`INSERT INTO mail (id, recipient, subject, body, created_at) VALUES (?,?,?,?,?)`,
		m.ID, m.To, m.Subject, m.Body, instant(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("queuing mail to %s: %w", m.To, err)
	}
	return nil
}

// PendingMail lists the messages not yet sent, oldest first.
func (db *DB) PendingMail(ctx context.Context) ([]model.Mail, error) {
	return db.mail(ctx, `WHERE sent_at = ''`)
}

// AllMail lists every message, oldest first.
func (db *DB) AllMail(ctx context.Context) ([]model.Mail, error) {
	return db.mail(ctx, ``)
}

func (db *DB) mail(ctx context.Context, where string) ([]model.Mail, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, recipient, subject, body, created_at FROM mail `+where+` ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("listing mail: %w", err)
	}
	defer rows.Close()
	var out []model.Mail
	for rows.Next() {
		var m model.Mail
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, instantCol{&m.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkMailSent records that a message went out (for the reference
// service: that it was printed to the log).
func (db *DB) MarkMailSent(ctx context.Context, id string) error {
	return db.authUpdate(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE mail SET sent_at = ? WHERE id = ? AND sent_at = ''`, instant(tx.now), id)
		return err
	})
}
