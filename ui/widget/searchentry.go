package widget

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SearchEntry is a one-line entry for search-as-you-type: Escape clears it
// (or, when it is already empty, calls OnEscape), and the Down arrow calls
// OnDown so that a list of results can take the focus.
type SearchEntry struct {
	widget.Entry
	OnEscape func()
	OnDown   func()
}

var _ fyne.Focusable = (*SearchEntry)(nil)

// NewSearchEntry returns an empty search entry with a magnifier icon.
func NewSearchEntry(placeholder string) *SearchEntry {
	e := &SearchEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	e.ActionItem = widget.NewIcon(theme.SearchIcon())
	return e
}

// TypedKey handles Escape and Down before the entry's own keys.
func (e *SearchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.Text != "" {
			e.SetText("")
			return
		}
		if e.OnEscape != nil {
			e.OnEscape()
		}
		return
	case fyne.KeyDown:
		if e.OnDown != nil {
			e.OnDown()
			return
		}
	}
	e.Entry.TypedKey(k)
}
