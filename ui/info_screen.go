package ui

import (
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// infoScreen shows the information pages — individual and family, small
// business, large business, workforce health — each with buttons to the
// screens that act on what it explains.
type infoScreen struct {
	shell   *Shell
	root    fyne.CanvasObject
	list    *widget.List
	page    *fyne.Container
	goTo    *fyne.Container
	current int // the page shown
}

func newInfoScreen(s *Shell) *infoScreen {
	in := &infoScreen{shell: s, current: -1}
	in.root = in.build()
	return in
}

func (in *infoScreen) title() string               { return "Information" }
func (in *infoScreen) icon() fyne.Resource         { return theme.InfoIcon() }
func (in *infoScreen) view() fyne.CanvasObject     { return in.root }
func (in *infoScreen) setGroup(model.GroupSummary) {}
func (in *infoScreen) shown()                      { in.showPage(max(in.current, 0)) }

func (in *infoScreen) build() fyne.CanvasObject {
	in.list = widget.NewList(func() int { return len(infoPages) },
		func() fyne.CanvasObject { return widget.NewLabel("Individual and family coverage") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(infoPages[i].title) })
	in.list.OnSelected = in.showPage
	in.page = container.NewStack()
	in.goTo = container.NewHBox()
	right := container.NewBorder(nil, container.NewPadded(in.goTo), nil, nil, container.NewVScroll(container.NewPadded(in.page)))
	split := container.NewHSplit(in.list, right)
	split.Offset = 0.25
	in.list.Select(0)
	return split
}

var screenLink = regexp.MustCompile(`\]\(screen:([a-z-]+)\)`)

// showPage shows page i and a button for each screen it links to that the
// user may open.
func (in *infoScreen) showPage(i widget.ListItemID) {
	p := infoPages[i]
	in.current = i
	in.page.Objects = []fyne.CanvasObject{in.shell.helpText(p.markdown, nil)}
	in.page.Refresh()
	in.goTo.Objects = []fyne.CanvasObject{widget.NewLabel("Go to:")}
	seen := map[string]bool{}
	for _, m := range screenLink.FindAllStringSubmatch(p.markdown, -1) {
		if sc := in.shell.screenBySlug(m[1]); sc != nil && !seen[m[1]] {
			seen[m[1]] = true
			title := sc.title()
			in.goTo.Add(widget.NewButtonWithIcon(title, sc.icon(), func() { in.shell.ShowScreen(title) }))
		}
	}
	in.goTo.Refresh()
}

// screenBySlug returns the visible screen with the slug, or nil.
func (s *Shell) screenBySlug(slug string) screen {
	for _, sc := range s.screens {
		if slugOf(sc.title()) == slug {
			return sc
		}
	}
	return nil
}
