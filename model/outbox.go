package model

import (
	"encoding/json"
	"time"
)

// OpState is where an outbox operation stands.
type OpState string

const (
	OpPending  OpState = "pending"  // waiting to be pushed
	OpConflict OpState = "conflict" // the server's copy changed first; the user decides
	OpRefused  OpState = "refused"  // the server refused it; the user decides
)

// Operation is a local change waiting to reach the account service. Its ID
// is the idempotency key: the server applies an ID once and replays its
// answer to a retry.
type Operation struct {
	ID          string          `json:"id"`
	Seq         int64           `json:"seq"` // push order
	GroupID     string          `json:"group_id"`
	Entity      string          `json:"entity"`
	EntityID    string          `json:"entity_id"`
	Action      Action          `json:"action"`
	BaseVersion int64           `json:"base_version"` // the version the change was made on
	Payload     json.RawMessage `json:"payload"`
	CreatedAt   time.Time       `json:"created_at"`
	State       OpState         `json:"state"`
	Reason      string          `json:"reason,omitempty"`
	Attempts    int             `json:"attempts"`
}

// Entity names, shared by the audit log, the outbox and the change feed.
const (
	EntityGroup  = "group"
	EntityPlan   = "plan"
	EntityMember = "member"
	EntityUser   = "user"
	EntityGrant  = "grant"
)
