package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

const allGroups = "Every group"

// bookScreen is the broker's view of the whole book of business: what needs
// attention in every group, most urgent first. Selecting an alert switches
// to its group and opens what acts on it.
type bookScreen struct {
	shell  *Shell
	all    []model.Alert
	groups []model.GroupSummary

	root    fyne.CanvasObject
	summary *widget.Label
	filter  *widget.Select
	urgent  *widget.Check
	list    *alertList
}

func newBookScreen(s *Shell) *bookScreen {
	b := &bookScreen{shell: s}
	b.root = b.build()
	return b
}

func (b *bookScreen) title() string               { return "Book of business" }
func (b *bookScreen) icon() fyne.Resource         { return theme.GridIcon() }
func (b *bookScreen) view() fyne.CanvasObject     { return b.root }
func (b *bookScreen) setGroup(model.GroupSummary) {}
func (b *bookScreen) shown()                      { b.load() }

// allowed shows the book to whoever works across groups: the owner of a
// local database, a broker, or someone with access to several groups.
func (b *bookScreen) allowed() bool {
	who := model.PrincipalFrom(b.shell.deps.Ctx)
	if who == nil {
		return false
	}
	if who.Owner || len(who.Grants) > 1 {
		return true
	}
	for _, r := range who.Grants {
		if r == model.RoleBroker {
			return true
		}
	}
	return false
}

func (b *bookScreen) build() fyne.CanvasObject {
	b.summary = widget.NewLabel("")
	b.summary.Wrapping = fyne.TextWrapWord
	b.filter = widget.NewSelect([]string{allGroups}, func(string) { b.show() })
	b.filter.SetSelectedIndex(0)
	b.urgent = widget.NewCheck("Urgent only", func(bool) { b.show() })
	refresh := widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), b.load)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(b.urgent, refresh), b.filter)
	b.list = newAlertList(b.shell, true, "Nothing needs attention in any group.")
	head := container.NewVBox(widget.NewRichTextFromMarkdown("## Book of business"), b.summary, bar)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewPadded(b.list.root))
}

// load reads every group's alerts in the background.
func (b *bookScreen) load() {
	var as []model.Alert
	var groups []model.GroupSummary
	var err error
	ctx := b.shell.deps.Ctx
	b.summary.SetText("Looking through the book…")
	b.shell.background(func() {
		if groups, err = b.shell.deps.Store.Groups(ctx, ""); err == nil {
			as, err = collectAlerts(alertScope{ctx: ctx, shell: b.shell, today: b.shell.deps.today(), groups: groups})
		}
	}, func() {
		if err != nil {
			b.shell.showError("Could not read every alert", err)
		}
		b.all, b.groups = as, groups
		b.fillFilter()
		b.show()
	})
}

func (b *bookScreen) fillFilter() {
	opts := []string{allGroups}
	for _, g := range b.groups {
		opts = append(opts, g.Name)
	}
	b.filter.Options = opts
	b.filter.Refresh()
}

// show lists the alerts the filters keep.
func (b *bookScreen) show() {
	if b.list == nil {
		return
	}
	var out []model.Alert
	for _, a := range b.all {
		if b.filter.Selected != allGroups && a.Group != b.filter.Selected {
			continue
		}
		if b.urgent.Checked && a.Severity != model.SeverityUrgent {
			continue
		}
		out = append(out, a)
	}
	b.list.set(out)
	urgent := "none of them urgent"
	if n := urgentCount(b.all); n > 0 {
		urgent = fmt.Sprintf("%d of them urgent", n)
	}
	text := fmt.Sprintf("%s across %s, %s. Most urgent first; select one to act on it.",
		plural(len(b.all), "item needs attention", "items need attention"), plural(len(b.groups), "group", "groups"), urgent)
	if len(out) != len(b.all) {
		text += fmt.Sprintf(" Showing %d.", len(out))
	}
	b.summary.SetText(text)
}
