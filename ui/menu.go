package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts registers the window's keyboard shortcuts: Ctrl+1…9 bring a
// screen forward, Ctrl+F searches members, Ctrl+G switches group.
func (s *Shell) addShortcuts() {
	c := s.win.Canvas()
	for i := range s.screens {
		i := i
		c.AddShortcut(ctrl(screenKeys[i]), func(fyne.Shortcut) { s.show(i) })
	}
	c.AddShortcut(ctrl(fyne.KeyF), func(fyne.Shortcut) { s.focusSearch() })
	c.AddShortcut(ctrl(fyne.KeyG), func(fyne.Shortcut) { s.openSwitcher() })
}

// buildMenu sets the window's main menu; each item shows its shortcut.
func (s *Shell) buildMenu() {
	sw := fyne.NewMenuItem("Switch group…", s.openSwitcher)
	sw.Shortcut = ctrl(fyne.KeyG)
	find := fyne.NewMenuItem("Find member…", s.focusSearch)
	find.Shortcut = ctrl(fyne.KeyF)
	file := fyne.NewMenu("File", sw, find)

	var views []*fyne.MenuItem
	for i, sc := range s.screens {
		i := i
		it := fyne.NewMenuItem(sc.title(), func() { s.show(i) })
		it.Shortcut = ctrl(screenKeys[i])
		views = append(views, it)
	}
	view := fyne.NewMenu("View", views...)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", s.showShortcuts),
		fyne.NewMenuItem("About GroupDesk", func() {
			dialog.ShowInformation("About GroupDesk", fmt.Sprintf("GroupDesk %s\nYour employer group health plan account, on your desktop.", s.deps.Version), s.win)
		}))
	s.win.SetMainMenu(fyne.NewMainMenu(file, view, help))
}

// shortcutSheet lists every keyboard shortcut, for Help → Keyboard shortcuts.
func (s *Shell) shortcutSheet() string {
	lines := []string{"Ctrl+G\tSwitch group", "Ctrl+F\tFind a member (Members screen)"}
	for i, sc := range s.screens {
		lines = append(lines, fmt.Sprintf("Ctrl+%d\t%s", i+1, sc.title()))
	}
	lines = append(lines, "Escape\tClear a search, close the group switcher", "Down\tFrom a search box into its results", "Tab\tMove to the next control")
	return strings.Join(lines, "\n")
}

func (s *Shell) showShortcuts() {
	dialog.ShowInformation("Keyboard shortcuts", strings.ReplaceAll(s.shortcutSheet(), "\t", "   "), s.win)
}
