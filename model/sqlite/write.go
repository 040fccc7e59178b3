package sqlite

import (
	"fmt"

	"github.com/groupdesk/groupdesk/model"
)

// updateMember writes m over current in the transaction. A change made here
// (on the desktop, or applied by the account service from a desktop's
// operation) is checked, validated and takes the next version; a change
// pulled from the account service keeps the server's version and time.
func (tx *Tx) updateMember(m *model.Member, current model.Member) error {
	base := current.Version
	if !tx.remote {
		if err := tx.who.Check(m.GroupID, model.PermMembersEdit); err != nil {
			return err
		}
		if err := m.Validate(model.DateOf(tx.now)); err != nil {
			return err
		}
		if current.GroupID != m.GroupID {
			return model.Errorf(model.EINVALID, "A member cannot move to another group.")
		}
		if current.Version != m.Version {
			return model.Errorf(model.ECONFLICT, "%s was changed by someone else. Reload and try again.", current.FullName())
		}
		m.Version = current.Version + 1
		m.UpdatedAt = tx.now
	}
	if err := tx.writeMember(m, false); err != nil {
		return err
	}
	return tx.record(change{groupID: m.GroupID, entity: model.EntityMember, entityID: m.ID, action: model.ActionUpdate,
		before: current, after: m, baseVersion: base, summary: fmt.Sprintf("%s updated", m.FullName())})
}

// updateGroup writes g over current in the transaction, like updateMember.
func (tx *Tx) updateGroup(g *model.Group, current model.Group) error {
	base := current.Version
	if !tx.remote {
		if err := tx.who.Check(g.ID, model.PermAccessManage); err != nil {
			return err
		}
		if err := g.Validate(); err != nil {
			return err
		}
		if current.Version != g.Version {
			return model.Errorf(model.ECONFLICT, "%s was changed by someone else. Reload it and try again.", g.Name)
		}
		g.Version = current.Version + 1
	}
	if err := tx.writeGroup(g, false); err != nil {
		return err
	}
	return tx.record(change{groupID: g.ID, entity: model.EntityGroup, entityID: g.ID, action: model.ActionUpdate,
		before: current, after: g, baseVersion: base, summary: "Group details changed"})
}
