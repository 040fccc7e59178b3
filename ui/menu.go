package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// screenKeys are the keys that, with Ctrl, bring a screen forward, in the
// order of every screen the sidebar may hold (Shell.all): a screen keeps its
// key when another is hidden from the user, so Ctrl+4 is always Members.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9, fyne.Key0, fyne.KeyMinus,
	fyne.KeyEqual, fyne.KeyLeftBracket, fyne.KeyRightBracket}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts registers the window's keyboard shortcuts: Ctrl+1…9, 0, -,
// =, [ and ] bring a screen forward (when the user may see it), Ctrl+F
// searches members, Ctrl+G switches group, Ctrl+N enrolls, Ctrl+I imports,
// Ctrl+E exports and Ctrl+, opens Settings.
func (s *Shell) addShortcuts() {
	c := s.win.Canvas()
	for i, sc := range s.all[:min(len(s.all), len(screenKeys))] {
		c.AddShortcut(ctrl(screenKeys[i]), func(fyne.Shortcut) { s.ShowScreen(sc.title()) })
	}
	c.AddShortcut(ctrl(fyne.KeyF), func(fyne.Shortcut) { s.focusSearch() })
	c.AddShortcut(ctrl(fyne.KeyG), func(fyne.Shortcut) { s.openSwitcher() })
	c.AddShortcut(ctrl(fyne.KeyN), func(fyne.Shortcut) { s.onMembers(func(m *membersScreen) { m.openEnroll() }) })
	c.AddShortcut(ctrl(fyne.KeyI), func(fyne.Shortcut) { s.onMembers((*membersScreen).chooseImport) })
	c.AddShortcut(ctrl(fyne.KeyE), func(fyne.Shortcut) { s.onMembers(func(m *membersScreen) { m.openExport() }) })
	c.AddShortcut(ctrl(fyne.KeyComma), func(fyne.Shortcut) { s.ShowScreen(s.settings.title()) })
	s.addKeyboard()
}

// onMembers brings the Members screen forward and runs an action on it.
func (s *Shell) onMembers(action func(m *membersScreen)) {
	s.ShowScreen(s.members.title())
	action(s.members)
}

// buildMenu sets the window's main menu; each item shows its shortcut.
func (s *Shell) buildMenu() {
	sw := fyne.NewMenuItem("Switch group…", s.openSwitcher)
	sw.Shortcut = ctrl(fyne.KeyG)
	find := fyne.NewMenuItem("Find member…", s.focusSearch)
	find.Shortcut = ctrl(fyne.KeyF)
	enroll := fyne.NewMenuItem("Enroll an employee…", func() { s.onMembers(func(m *membersScreen) { m.openEnroll() }) })
	enroll.Shortcut = ctrl(fyne.KeyN)
	imp := fyne.NewMenuItem("Import a census…", func() { s.onMembers((*membersScreen).chooseImport) })
	imp.Shortcut = ctrl(fyne.KeyI)
	exp := fyne.NewMenuItem("Export the roster…", func() { s.onMembers(func(m *membersScreen) { m.openExport() }) })
	exp.Shortcut = ctrl(fyne.KeyE)
	undo := fyne.NewMenuItem("Undo the last import…", func() { s.onMembers((*membersScreen).confirmUndoImport) })
	deadlines := fyne.NewMenuItem("Deadlines…", func() { s.onMembers(func(m *membersScreen) { m.openDeadlines() }) })
	file := fyne.NewMenu("File", sw, find, fyne.NewMenuItemSeparator(), enroll, imp, exp, undo, deadlines)

	var views []*fyne.MenuItem
	for i, sc := range s.screens {
		it := fyne.NewMenuItem(sc.title(), func() { s.show(i) })
		if k, ok := s.screenKey(sc); ok {
			it.Shortcut = ctrl(k)
		}
		views = append(views, it)
	}
	view := fyne.NewMenu("View", views...)
	s.win.SetMainMenu(fyne.NewMainMenu(file, view, s.helpMenu()))
}
