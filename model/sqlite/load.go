package sqlite

import (
	"context"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// Load writes a whole book of business as it came from the account service
// (or the demo generator): in one transaction, all or nothing, audited with
// one batch ID and not queued for sync. progress, when not nil, is called
// with the number of records written so far and the total.
func (db *DB) Load(ctx context.Context, b *model.Book, progress func(done, total int)) error {
	total := len(b.Plans) + len(b.Groups) + len(b.Members) + len(b.Users) + len(b.Grants)
	done := 0
	step := func() {
		done++
		if progress != nil && (done%500 == 0 || done == total) {
			progress(done, total)
		}
	}
	return db.updateWith(ctx, true, newID(), func(tx *Tx) error {
		if err := tx.saveBookAreas(b); err != nil {
			return err
		}
		for i := range b.Plans {
			if err := tx.savePlan(&b.Plans[i]); err != nil {
				return fmt.Errorf("plan %s: %w", b.Plans[i].ID, err)
			}
			step()
		}
		for i := range b.Groups {
			if err := tx.createGroup(&b.Groups[i]); err != nil {
				return fmt.Errorf("group %s: %w", b.Groups[i].Number, err)
			}
			step()
		}
		if err := tx.withIndexesAfter(len(b.Members), func() error { return tx.loadMembers(b.Members, step) }); err != nil {
			return err
		}
		for i := range b.Users {
			if err := tx.saveUser(&b.Users[i]); err != nil {
				return fmt.Errorf("user %s: %w", b.Users[i].Email, err)
			}
			step()
		}
		for i := range b.Grants {
			if err := tx.saveGrant(&b.Grants[i]); err != nil {
				return fmt.Errorf("grant %s: %w", b.Grants[i].ID, err)
			}
			step()
		}
		return nil
	})
}

// loadMembers writes a book's members in bulk, subscribers before their
// dependents as the book lists them, and steps the progress for each.
func (tx *Tx) loadMembers(ms []model.Member, step func()) error {
	chunk := make([]newMember, 0, bulkRows)
	flush := func() error {
		if err := tx.insertMembers(chunk); err != nil {
			return err
		}
		for range chunk {
			step()
		}
		chunk = chunk[:0]
		return nil
	}
	for i := range ms {
		m := &ms[i]
		tx.newMemberDefaults(m)
		chunk = append(chunk, addition(m, enrolled(m), "member "+m.FullName()))
		if len(chunk) == bulkRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
