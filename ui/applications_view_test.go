package ui

import (
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// TestTheApplicationsListSaysWhenItIsEmpty: with no application yet the
// list says so and how to start one; the first saved draft takes its place.
func TestTheApplicationsListSaysWhenItIsEmpty(t *testing.T) {
	s, _, _ := newTestShell(t)
	if !s.ShowScreen("Applications") {
		t.Fatal("there is no Applications screen")
	}
	a := s.front.(*applicationsScreen)
	if len(a.apps) != 0 || !a.none.Visible() || a.none.Text == "" {
		t.Fatalf("%d applications; the empty list says %q (shown: %v)", len(a.apps), a.none.Text, a.none.Visible())
	}
	a.openWizard(&model.Application{})
	w := a.wizard
	for key, v := range map[string]string{"name": "Harbor Bakery LLC", "fein": "94-7654321", "industry": "Bakery",
		"line1": "1 Harbor Way", "city": "Oakland", "state": "CA", "zip": "94612"} {
		w.fields[key].SetText(v)
	}
	w.saveDraft()
	if len(a.apps) != 1 || a.none.Visible() {
		t.Fatalf("after saving a draft: %d applications, the empty note shown: %v", len(a.apps), a.none.Visible())
	}
}
