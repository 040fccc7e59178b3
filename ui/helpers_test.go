package ui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
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
