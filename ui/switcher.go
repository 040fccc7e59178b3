package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	gdwidget "github.com/groupdesk/groupdesk/ui/widget"
)

// switcher is the group picker: a search over the whole book (a broker has
// many groups) that narrows as the user types; Enter picks the first match.
type switcher struct {
	shell   *Shell
	search  *gdwidget.SearchEntry
	list    *widget.List
	empty   *widget.Label
	results []model.GroupSummary
	popup   *widget.PopUp
}

func (s *Shell) openSwitcher() {
	sw := &switcher{shell: s}
	s.sw = sw
	sw.popup = widget.NewModalPopUp(sw.build(), s.win.Canvas())
	size := s.win.Canvas().Size()
	sw.popup.Resize(fyne.NewSize(min(640, size.Width-40), min(480, size.Height-80)))
	sw.popup.Show()
	sw.filter("")
	s.win.Canvas().Focus(sw.search)
}

func (sw *switcher) build() fyne.CanvasObject {
	sw.search = gdwidget.NewSearchEntry("Search groups by name or number")
	sw.search.OnEscape = func() { sw.popup.Hide() }
	sw.search.OnDown = func() { sw.shell.win.Canvas().Focus(sw.list) }
	sw.search.OnChanged = sw.filter
	sw.search.OnSubmitted = func(string) {
		if len(sw.results) > 0 {
			sw.pick(sw.results[0])
		}
	}
	sw.list = widget.NewList(
		func() int { return len(sw.results) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("Group name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("GRP-000000 · South San Francisco · 9,999 subscribers")
			detail.TextStyle = quietStyle
			return container.NewBorder(nil, nil, nil, detail, name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			g := sw.results[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(g.Name)
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", g.Number, orDash(g.Address.City), plural(g.Subscribers, "subscriber", "subscribers")))
			box.Refresh() // the details take the width they now need from the name
		})
	sw.list.OnSelected = func(i widget.ListItemID) { sw.pick(sw.results[i]) }
	sw.empty = widget.NewLabel("No group matches.")
	sw.empty.Hide()
	cancel := widget.NewButton("Cancel", func() { sw.popup.Hide() })
	head := widget.NewLabelWithStyle("Switch group", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(head, sw.search), container.NewHBox(sw.empty, container.NewStack(), cancel), nil, nil, sw.list)
}

func (sw *switcher) filter(text string) {
	groups, err := sw.shell.deps.Store.Groups(sw.shell.deps.Ctx, text)
	if err != nil {
		sw.shell.showError("Could not search the groups", err)
		return
	}
	sw.results = groups
	sw.list.UnselectAll()
	sw.list.Refresh()
	if len(groups) == 0 {
		sw.empty.Show()
	} else {
		sw.empty.Hide()
	}
}

func (sw *switcher) pick(g model.GroupSummary) {
	sw.popup.Hide()
	sw.shell.SelectGroup(g)
}
