package model_test

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestRulesEditingIsForOwnersAndPrimaryAdministrators(t *testing.T) {
	for _, tc := range []struct {
		name string
		who  *model.Principal
		want bool
	}{
		{"the owner of a local database may", model.LocalOwner, true},
		{"a PGA of any group may", &model.Principal{UserID: "u", Grants: map[string]model.Role{"g1": model.RoleReadOnly, "g2": model.RolePGA}}, true},
		{"a broker may not", &model.Principal{UserID: "u", Grants: map[string]model.Role{"g1": model.RoleBroker}}, false},
		{"nobody signed in may not", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.MayEditRules(tc.who); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRulesValidation(t *testing.T) {
	ok := model.EventRule{Event: model.EventBirth, WindowDays: 30, Effective: model.EffectiveOnEvent}
	for _, tc := range []struct {
		name  string
		rules model.Rules
		field string // "" when valid
	}{
		{"a sound table passes", model.Rules{Events: []model.EventRule{ok}, Retro: []model.RetroRule{{Limit: model.RetroDays, Days: 60}}}, ""},
		{"a window of no days is refused", model.Rules{Events: []model.EventRule{{Event: model.EventBirth, Effective: model.EffectiveOnEvent}}}, "window_days"},
		{"an unknown start rule is refused", model.Rules{Events: []model.EventRule{{Event: model.EventBirth, WindowDays: 30, Effective: "someday"}}}, "effective_rule"},
		{"two rows for one event are refused", model.Rules{Events: []model.EventRule{ok, ok}}, "events"},
		{"negative retro days are refused", model.Rules{Retro: []model.RetroRule{{Limit: model.RetroDays, Days: -1}}}, "retro"},
		{"an unknown retro limit is refused", model.Rules{Retro: []model.RetroRule{{Limit: "forever"}}}, "retro"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.rules.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if model.ErrorCode(err) != model.EINVALID || !hasField(err, tc.field) {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
		})
	}
}

func hasField(err error, field string) bool {
	e, ok := err.(*model.Error)
	if !ok {
		return false
	}
	if e.Field == field {
		return true
	}
	for _, d := range e.Details {
		if d.Field == field {
			return true
		}
	}
	return false
}
