package ui

import (
	"fmt"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// shortcutRow is one line of the shortcut sheet.
type shortcutRow struct{ keys, action string }

// modKey is how the shortcut modifier is written on this system.
func modKey() string {
	if runtime.GOOS == "darwin" {
		return "Cmd"
	}
	return "Ctrl"
}

// withModKey writes the shortcuts of a text ("Ctrl+F") as this system
// names them (Cmd+F on a Mac).
func withModKey(text string) string { return strings.ReplaceAll(text, "Ctrl+", modKey()+"+") }

// screenKey is the key that, with Ctrl, brings a screen forward: 1 to 9,
// then 0, -, =, [ and ], by the screen's place among every screen the
// sidebar may hold, hidden ones included.
func (s *Shell) screenKey(sc screen) (fyne.KeyName, bool) {
	for i, o := range s.all {
		if o == sc && i < len(screenKeys) {
			return screenKeys[i], true
		}
	}
	return "", false
}

// shortcuts lists every keyboard shortcut of the window as it is now.
func (s *Shell) shortcuts() []shortcutRow {
	m := modKey() + "+"
	rows := []shortcutRow{
		{m + "G", "Switch group"},
		{m + "F", "Find a member (Members screen)"},
		{m + "N", "Enroll an employee"},
		{m + "I", "Import a census or roster file"},
		{m + "E", "Export the roster"},
	}
	for _, sc := range s.screens {
		if k, ok := s.screenKey(sc); ok {
			rows = append(rows, shortcutRow{m + string(k), "Show " + sc.title()})
		}
	}
	return append(rows,
		shortcutRow{m + ",", "Show Settings"},
		shortcutRow{"F1", "Help for the screen in front"},
		shortcutRow{"Tab, Shift+Tab", "Move to the next or previous control"},
		shortcutRow{"Space", "Press the button or pick the row with the focus"},
		shortcutRow{"Enter", "In a dialog: its main action"},
		shortcutRow{"Escape", "Close a dialog or the group switcher; clear a search"},
		shortcutRow{"Down", "From a search box into its results"},
		shortcutRow{"Up, Down", "Move in a list or table"},
	)
}

// shortcutSheet is the sheet as text, one "keys<TAB>action" a line.
func (s *Shell) shortcutSheet() string {
	var lines []string
	for _, r := range s.shortcuts() {
		lines = append(lines, r.keys+"\t"+r.action)
	}
	return strings.Join(lines, "\n")
}

// showShortcuts opens Help → Keyboard shortcuts: a two-column table.
func (s *Shell) showShortcuts() *widget.Table {
	rows := s.shortcuts()
	t := widget.NewTable(func() (int, int) { return len(rows), 2 },
		func() fyne.CanvasObject { return widget.NewLabel("Ctrl+Shift+Tab") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle = fyne.TextStyle{Bold: id.Col == 0}
			l.SetText([]string{rows[id.Row].keys, rows[id.Row].action}[id.Col])
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText([]string{"Keys", "Does"}[id.Col])
	}
	t.SetColumnWidth(0, 170)
	t.SetColumnWidth(1, 420)
	d := dialog.NewCustom("Keyboard shortcuts", "Close", t, s.win)
	d.Resize(fyne.NewSize(640, 700))
	s.showDialog(d, func() { d.Hide() })
	return t
}

// helpMenu is the Help menu of the main menu.
func (s *Shell) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help",
		fyne.NewMenuItem("Help for this screen (F1)", s.openHelp),
		fyne.NewMenuItem("Tutorials…", s.openTutorialIndex),
		fyne.NewMenuItem("Take the tour", func() { s.startTour() }),
		fyne.NewMenuItem("Keyboard shortcuts", func() { s.showShortcuts() }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("About GroupDesk", func() {
			dialog.ShowInformation("About GroupDesk", fmt.Sprintf("GroupDesk %s\nYour employer group health plan account, on your desktop.", s.deps.Version), s.win)
		}))
}
