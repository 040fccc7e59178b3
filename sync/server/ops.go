package server

import (
	"net/http"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

func (s *Server) ops(w http.ResponseWriter, r *http.Request, c *call) error {
	var req api.OpsRequest
	if err := readJSON(w, r, &req); err != nil {
		return err
	}
	ops, err := checkOps(req.Ops)
	if err != nil {
		return err
	}
	// Batches take the store's one writer in the order they came:
	// database/sql hands a freed connection to a random waiter, which left
	// some desktops waiting many times longer than others under load.
	s.opsMu.Lock()
	results, err := s.DB.ApplyOps(r.Context(), ops)
	s.opsMu.Unlock()
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, api.OpsResponse{Results: results})
}

// checkOps checks the shape of a batch before anything is applied: a batch
// with a malformed operation changes nothing.
func checkOps(in []api.Op) ([]model.Operation, error) {
	var p model.Problems
	if len(in) == 0 {
		p.Add("ops", "the batch has no operations")
	}
	if len(in) > api.MaxOpsPerBatch {
		p.Add("ops", "a batch has at most %d operations, this one has %d", api.MaxOpsPerBatch, len(in))
	}
	seen := map[string]bool{}
	out := make([]model.Operation, 0, len(in))
	for i, op := range in {
		field := func(name string) string { return "ops[" + itoa(i) + "]." + name }
		switch {
		case len(op.ID) < 8 || len(op.ID) > 64:
			p.Add(field("id"), "an operation needs an ID of 8 to 64 characters (its idempotency key)")
		case seen[op.ID]:
			p.Add(field("id"), "operation ID %s appears twice in the batch", op.ID)
		}
		seen[op.ID] = true
		if op.EntityID == "" {
			p.Add(field("entity_id"), "the entity ID is missing")
		}
		if op.GroupID == "" {
			p.Add(field("group_id"), "the group ID is missing")
		}
		switch op.Action {
		case model.ActionCreate, model.ActionUpdate, model.ActionDelete:
		default:
			p.Add(field("action"), "action must be create, update or delete, not %q", op.Action)
		}
		if op.Action != model.ActionDelete && len(op.Data) == 0 {
			p.Add(field("data"), "the data is missing")
		}
		if op.BaseVersion < 0 {
			p.Add(field("base_version"), "the base version cannot be negative")
		}
		out = append(out, model.Operation{ID: op.ID, GroupID: op.GroupID, Entity: op.Entity, EntityID: op.EntityID,
			Action: op.Action, BaseVersion: op.BaseVersion, Payload: op.Data})
	}
	return out, p.Err()
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
