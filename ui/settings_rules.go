package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// rulesView shows the rules table in force — life-event windows and the
// limits on backdating a termination — and lets the owner of a local
// database or a Primary Group Administrator change them. Grace periods and
// renewal lead times join it when billing and renewals bring them.
type rulesView struct {
	shell  *Shell
	rules  model.Rules
	events *widget.Table
	retro  *widget.Table
	edit   *widget.Button
	note   *widget.Label
}

var (
	eventColumns = []tableColumn[model.EventRule]{
		{"Event", 230, func(r model.EventRule) string { return r.Event.Label() }},
		{"State", 60, func(r model.EventRule) string { return orAny(r.State) }},
		{"Segment", 80, func(r model.EventRule) string { return orAny(string(r.Segment)) }},
		{"Window", 80, func(r model.EventRule) string { return strconv.Itoa(r.WindowDays) + " days" }},
		{"Coverage starts", 260, func(r model.EventRule) string { return r.Effective.Label() }},
		{"Source", 420, func(r model.EventRule) string { return r.Source }},
	}
	retroColumns = []tableColumn[model.RetroRule]{
		{"Carrier", 100, func(r model.RetroRule) string { return orAny(r.Carrier) }},
		{"State", 60, func(r model.RetroRule) string { return orAny(r.State) }},
		{"Termination may be dated", 280, retroText},
		{"Source", 560, func(r model.RetroRule) string { return r.Source }},
	}
)

func retroText(r model.RetroRule) string {
	if r.Limit == model.RetroDays {
		return strconv.Itoa(r.Days) + " days back"
	}
	return r.Limit.Label()
}

func orAny(s string) string {
	if s == "" {
		return "Any"
	}
	return s
}

func (st *settingsScreen) buildRules() fyne.CanvasObject {
	v := &rulesView{shell: st.shell}
	st.rules = v
	v.events = newRowTable(eventColumns, func() []model.EventRule { return v.rules.Events })
	v.retro = newRowTable(retroColumns, func() []model.RetroRule { return v.rules.Retro })
	v.edit = widget.NewButtonWithIcon("Change the rules…", theme.DocumentCreateIcon(), func() { v.openEditor() })
	v.note = widget.NewLabel("")
	v.note.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		widget.NewLabelWithStyle("Life-event windows", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		minHeight(v.events, 8*rowHeight()),
		widget.NewLabelWithStyle("Backdating a termination", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		minHeight(v.retro, 3*rowHeight()),
		v.note, container.NewHBox(v.edit))
	return widget.NewCard("Rules in force", "Every change to a member is checked against these. The most specific row wins: state and segment, then state, then Any.", body)
}

// load reads the rules and whether the user may change them.
func (v *rulesView) load() {
	store, ok := v.shell.deps.Store.(model.RulesService)
	if !ok {
		v.note.SetText("This database has no rules table.")
		setVisible(v.edit, false)
		return
	}
	rs, err := store.Rules(v.shell.deps.Ctx)
	if err != nil {
		v.note.SetText(model.ErrorMessage(err))
		return
	}
	v.rules = rs
	v.events.Refresh()
	v.retro.Refresh()
	_, canSave := v.shell.deps.Store.(model.RulesEditor)
	may := canSave && model.MayEditRules(model.PrincipalFrom(v.shell.deps.Ctx))
	setVisible(v.edit, may)
	v.note.SetText("Only the owner of this database or a Primary Group Administrator may change the rules.")
	if may {
		v.note.SetText("Changes apply to this computer at once, and are kept in the audit log.")
	}
}

// tableColumn is one column of a read-only table of rows of type T.
type tableColumn[T any] struct {
	title string
	width float32
	value func(T) string
}

// newRowTable is a read-only table with a header, one row per item.
func newRowTable[T any](cols []tableColumn[T], rows func() []T) *widget.Table {
	t := widget.NewTable(func() (int, int) { return len(rows()), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(cols[id.Col].value(rows()[id.Row]))
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cols[id.Col].title) }
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}
