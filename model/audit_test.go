package model_test

import (
	"reflect"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestAuditEntryChanges(t *testing.T) {
	tests := []struct {
		name          string
		before, after string
		want          []model.FieldChange
	}{
		{
			"a changed name is listed with its old and new text",
			`{"first_name":"Anna","last_name":"Muller","version":1}`,
			`{"first_name":"Anna","last_name":"Müller","version":2}`,
			[]model.FieldChange{{Field: "last_name", Before: "Muller", After: "Müller"}},
		},
		{
			"version and updated_at are bookkeeping, not changes",
			`{"version":1,"updated_at":"2026-01-01T00:00:00Z"}`,
			`{"version":2,"updated_at":"2026-02-01T00:00:00Z"}`,
			nil,
		},
		{
			"nested objects compare as their JSON text and fields come sorted",
			`{"address":{"city":"Oakland"},"tobacco":false}`,
			`{"address":{"city":"Berkeley"},"tobacco":true,"email":"a@example.com"}`,
			[]model.FieldChange{
				{Field: "address", Before: `{"city":"Oakland"}`, After: `{"city":"Berkeley"}`},
				{Field: "email", Before: "", After: "a@example.com"},
				{Field: "tobacco", Before: "false", After: "true"},
			},
		},
		{
			"a creation lists every field as new",
			``,
			`{"first_name":"Łukasz","ssn":null}`,
			[]model.FieldChange{{Field: "first_name", Before: "", After: "Łukasz"}},
		},
		{
			"a deletion lists every field as gone",
			`{"first_name":"Łukasz"}`,
			``,
			[]model.FieldChange{{Field: "first_name", Before: "Łukasz", After: ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := model.AuditEntry{Before: []byte(tt.before), After: []byte(tt.after)}
			if got := e.Changes(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Changes() = %#v\nwant %#v", got, tt.want)
			}
		})
	}
	t.Run("an entry is described by its summary, or its action and entity", func(t *testing.T) {
		e := model.AuditEntry{Action: model.ActionUpdate, Entity: model.EntityMember}
		if e.Describe() != "update member" {
			t.Errorf("Describe() = %q", e.Describe())
		}
		e.Summary = "Anna Müller updated"
		if e.Describe() != e.Summary {
			t.Errorf("Describe() = %q", e.Describe())
		}
	})
}
