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

// Change is one entry of the account service's change feed: the latest
// state of an entity, or a tombstone when it was deleted (or, with Entity
// "group" and a Reason, when the reader lost access to that group).
type Change struct {
	Seq     int64           `json:"seq"`
	Entity  string          `json:"entity"`
	ID      string          `json:"id"`
	GroupID string          `json:"group_id,omitempty"`
	Version int64           `json:"version"`
	Deleted bool            `json:"deleted,omitempty"`
	Reason  string          `json:"reason,omitempty"`
	At      time.Time       `json:"at"`
	Data    json.RawMessage `json:"data,omitempty"`
}

// Outcomes of an operation pushed to the account service.
const (
	ResultApplied  = "applied"
	ResultConflict = "conflict"
	ResultRefused  = "refused"
)

// OpResult is the account service's answer for one operation. A retry of
// an operation ID gets the stored answer again.
type OpResult struct {
	ID      string          `json:"id"`
	Status  string          `json:"status"`
	Version int64           `json:"version,omitempty"` // the entity's new version, when applied
	Current json.RawMessage `json:"current,omitempty"` // the server's copy, on a conflict
	Code    string          `json:"code,omitempty"`    // an error code, when refused
	Reason  string          `json:"reason,omitempty"`  // a person's message, when refused or in conflict
}

// HeldOp is an operation waiting for the user's decision (a conflict or a
// refusal), with the server's copy of the entity when it sent one.
type HeldOp struct {
	Operation
	ServerCopy json.RawMessage `json:"server_copy,omitempty"`
}
