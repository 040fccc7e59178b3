// Package api holds the wire types of GroupDesk's sync protocol between the
// desktop (sync/client) and the account service (sync/server), and its
// OpenAPI document. It imports model and the standard library only.
//
// Writes are batches of operations, each with an idempotency key (the
// operation ID) and the version of the entity it was made on; reads are a
// change feed with an opaque cursor. Errors are RFC 9457 problem documents.
package api

import (
	_ "embed"
	"encoding/json"

	"github.com/groupdesk/groupdesk/model"
)

// OpenAPI is the OpenAPI 3.1 document of the sync API, served at
// /v1/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

// Limits of the API, enforced by the server and respected by the client.
const (
	MaxOpsPerBatch   = 500
	MaxBodyBytes     = 8 << 20 // a batch of operations
	DefaultPageLimit = 2000
	MaxPageLimit     = 10000
)

// GroupAccess is one group a user may see, with their role in it.
type GroupAccess struct {
	GroupID     string             `json:"group_id"`
	GroupNumber string             `json:"group_number"`
	GroupName   string             `json:"group_name"`
	Role        model.Role         `json:"role"`
	Permissions []model.Permission `json:"permissions"`
}

// Me is the answer of GET /v1/me: who the caller is and what they may do.
type Me struct {
	User   model.User    `json:"user"`
	Groups []GroupAccess `json:"groups"`
}

// Change is one entry of the change feed (see model.Change).
type Change = model.Change

// ChangesPage is the answer of GET /v1/changes.
type ChangesPage struct {
	Changes []Change `json:"changes"`
	// Cursor is opaque: pass it back to read on from here.
	Cursor  string `json:"cursor"`
	HasMore bool   `json:"has_more"`
}

// A page of the change feed also carries its cursor and has_more in these
// headers, so that a reader can ask for the next page while it still
// reads this one.
const (
	HeaderCursor  = "GroupDesk-Cursor"
	HeaderHasMore = "GroupDesk-Has-More"
)

// Op is one operation of a batch: a change made on a desktop.
type Op struct {
	ID          string          `json:"id"` // idempotency key
	Entity      string          `json:"entity"`
	EntityID    string          `json:"entity_id"`
	GroupID     string          `json:"group_id"`
	Action      model.Action    `json:"action"`
	BaseVersion int64           `json:"base_version"`
	Data        json.RawMessage `json:"data"`
}

// OpsRequest is the body of POST /v1/ops.
type OpsRequest struct {
	Ops []Op `json:"ops"`
}

// Outcomes of an operation.
const (
	OpApplied  = model.ResultApplied
	OpConflict = model.ResultConflict
	OpRefused  = model.ResultRefused
)

// OpResult is the server's answer for one operation (see model.OpResult).
type OpResult = model.OpResult

// OpsResponse is the answer of POST /v1/ops: one result per operation, in
// the order of the request.
type OpsResponse struct {
	Results []OpResult `json:"results"`
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Instance string         `json:"instance,omitempty"`
	Code     string         `json:"code,omitempty"`
	Errors   []FieldProblem `json:"errors,omitempty"`
}

// FieldProblem names one bad input of a request.
type FieldProblem struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// ProblemContentType is the media type of problem documents.
const ProblemContentType = "application/problem+json"

func (p *Problem) Error() string {
	if p.Detail != "" {
		return p.Detail
	}
	return p.Title
}
