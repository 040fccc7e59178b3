package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

var _ model.ContractService = (*DB)(nil)

// Contracts lists a group's contract versions, newest first.
func (db *DB) Contracts(ctx context.Context, groupID string) ([]model.Contract, error) {
	if err := checkPerm(ctx, groupID, model.PermDocumentsView); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, db.read, scanContract, `SELECT data, version FROM contracts WHERE group_id = ? ORDER BY number DESC`, groupID)
	if err != nil {
		return nil, fmt.Errorf("listing contracts: %w", err)
	}
	return out, nil
}

// Contract returns one contract version.
func (db *DB) Contract(ctx context.Context, id string) (model.Contract, error) {
	var c model.Contract
	if err := contractIn(ctx, db.read, id, &c); err != nil {
		return c, err
	}
	return c, checkPerm(ctx, c.GroupID, model.PermDocumentsView)
}

func scanContract(s scanner, c *model.Contract) error {
	var data string
	if err := s.Scan(&data, &c.Version); err != nil {
		return err
	}
	v := c.Version
	if err := json.Unmarshal([]byte(data), c); err != nil {
		return fmt.Errorf("reading a contract: %w", err)
	}
	c.Version = v
	return nil
}

func contractIn(ctx context.Context, q querier, id string, c *model.Contract) error {
	err := scanContract(q.QueryRowContext(ctx, `SELECT data, version FROM contracts WHERE id = ?`, id), c)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.ENOTFOUND, "There is no contract %s.", id)
	}
	return err
}

// SaveContracts files contract versions (the carrier's): new ones are
// added, changed ones take the next version; each goes to the change feed.
// On a desktop (the demo book) they are kept as if pulled.
func (db *DB) SaveContracts(ctx context.Context, cs []model.Contract) error {
	var p model.Problems
	for i := range cs {
		if err := cs[i].Validate(); err != nil {
			p = append(p, model.Errorf(model.EINVALID, "%s", model.ErrorMessage(err)))
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	return db.updateWith(ctx, !db.server, "", func(tx *Tx) error {
		if !tx.who.System {
			return model.Errorf(model.EFORBIDDEN, "Only the carrier files contracts.")
		}
		for i := range cs {
			if err := tx.fileContract(&cs[i]); err != nil {
				return fmt.Errorf("contract %d of group %s: %w", cs[i].Number, cs[i].GroupID, err)
			}
		}
		return nil
	})
}

func (tx *Tx) fileContract(c *model.Contract) error {
	var before model.Contract
	err := contractIn(tx.ctx, tx, c.ID, &before)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		c.Version = 1
		return tx.storeContract(c, nil)
	case err != nil:
		return err
	}
	c.Version = before.Version + 1
	return tx.storeContract(c, &before)
}

// storeContract writes a contract version and records it in the group's
// scope: the audit log and, on the service, the change feed.
func (tx *Tx) storeContract(c *model.Contract, before *model.Contract) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO contracts (id, group_id, number, starts, data, version, updated_at) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET number=excluded.number, starts=excluded.starts, data=excluded.data,
		version=excluded.version, updated_at=excluded.updated_at`,
		c.ID, c.GroupID, c.Number, c.Starts.String(), string(data), c.Version, tx.stamp()); err != nil {
		return fmt.Errorf("saving the contract: %w", err)
	}
	ch := change{groupID: c.GroupID, entity: model.EntityContract, entityID: c.ID, action: model.ActionCreate, after: c,
		summary: fmt.Sprintf("Contract version %d (%s) %s", c.Number, c.Kind.Label(), c.Period())}
	if before != nil {
		ch.action, ch.before, ch.baseVersion = model.ActionUpdate, before, before.Version
	}
	return tx.record(ch)
}

// applyContractChange stores a contract version from the change feed.
func (tx *Tx) applyContractChange(c *model.Change) error {
	var k model.Contract
	if err := json.Unmarshal(c.Data, &k); err != nil {
		return err
	}
	var before model.Contract
	err := contractIn(tx.ctx, tx, k.ID, &before)
	switch {
	case model.ErrorCode(err) == model.ENOTFOUND:
		return tx.storeContract(&k, nil)
	case err != nil:
		return err
	case before.Version >= k.Version:
		return nil // this copy or a newer one is here already
	}
	return tx.storeContract(&k, &before)
}
