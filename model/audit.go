package model

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Action names what a change did.
type Action string

const (
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	ActionDelete Action = "delete"
)

// AuditEntry records one change to one entity: who, when, what, before and
// after. Entries are hash-chained: each carries the hash of the one before,
// so an entry altered afterwards breaks the chain.
type AuditEntry struct {
	Seq      int64           `json:"seq"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	ActorID  string          `json:"actor_id"`
	GroupID  string          `json:"group_id"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Action   Action          `json:"action"`
	Summary  string          `json:"summary"`
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	Batch    string          `json:"batch,omitempty"` // entries written together (an import) share a batch
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// FieldChange is one field's before and after in an audit entry.
type FieldChange struct {
	Field  string
	Before string
	After  string
}

// Changes lists the top-level fields that differ between Before and After,
// by name. Nested objects are compared as their JSON text.
func (e *AuditEntry) Changes() []FieldChange { return DiffJSON(e.Before, e.After) }

// DiffJSON lists the top-level fields that differ between two JSON objects
// (two versions of one record), by name, leaving out the bookkeeping fields
// version and updated_at. Strings are shown without quotes; nested objects
// as their JSON text.
func DiffJSON(before, after json.RawMessage) []FieldChange {
	b, a := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	_ = json.Unmarshal(before, &b)
	_ = json.Unmarshal(after, &a)
	names := map[string]bool{}
	for k := range b {
		names[k] = true
	}
	for k := range a {
		names[k] = true
	}
	var out []FieldChange
	for k := range names {
		if k == "version" || k == "updated_at" {
			continue
		}
		if pb, pa := PlainJSON(b[k]), PlainJSON(a[k]); pb != pa {
			out = append(out, FieldChange{Field: k, Before: pb, After: pa})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// PlainJSON shows a JSON value as text: a string without its quotes, null
// as "", anything else as its JSON.
func PlainJSON(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// Describe is a one-line account of the entry for a timeline.
func (e *AuditEntry) Describe() string {
	if e.Summary != "" {
		return e.Summary
	}
	return fmt.Sprintf("%s %s", e.Action, e.Entity)
}

// AuditService reads the audit log.
type AuditService interface {
	// History returns the entries about one entity, oldest first.
	History(ctx context.Context, entity, id string) ([]AuditEntry, error)
}
