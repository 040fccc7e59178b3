package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/groupdesk/groupdesk/model"
)

// triggerShortcut sends Ctrl+key to the window's canvas as the desktop
// driver does. The test canvas wraps the software canvas, which holds the
// registered shortcuts, without exposing TypedShortcut; reach through.
func triggerShortcut(t *testing.T, w fyne.Window, key fyne.KeyName) {
	t.Helper()
	type handler interface{ TypedShortcut(fyne.Shortcut) }
	c := any(w.Canvas())
	if _, ok := c.(handler); !ok {
		v := reflect.ValueOf(c)
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if f := v.FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
			c = f.Interface()
		}
	}
	h, ok := c.(handler)
	if !ok {
		t.Fatalf("the canvas %T takes no shortcuts", w.Canvas())
	}
	h.TypedShortcut(ctrl(key))
}

// columnLabels are the words a table column of that title shows for a
// relationship, a tier or a status.
func columnLabels(title string) []string {
	var out []string
	switch title {
	case "Relationship":
		for _, r := range model.Relationships {
			out = append(out, r.Label())
		}
	case "Tier":
		for _, tier := range model.Tiers {
			out = append(out, tier.Label())
		}
	case "Status":
		for _, st := range model.Statuses {
			out = append(out, st.Label())
		}
	}
	return out
}

// labelsFit fails when a word the column shows is cut short, upright or
// italic (as a terminated member's row is drawn).
func labelsFit(t *testing.T, title string, width float32) {
	t.Helper()
	for _, text := range columnLabels(title) {
		for _, style := range []fyne.TextStyle{{}, {Italic: true}} {
			if !fitsIn(text, style, width) {
				t.Errorf("%q is cut short in the %s column, %v wide", text, title, width)
			}
		}
	}
}
