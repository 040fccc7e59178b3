package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// screen is one page of the main window.
type screen interface {
	title() string
	icon() fyne.Resource
	view() fyne.CanvasObject
	// setGroup is called when the selected group changes.
	setGroup(g model.GroupSummary)
	// shown is called each time the screen comes to the front.
	shown()
}

// gated is a screen shown only when its allowed method says so: the
// user's grants decide, offline too.
type gated interface {
	allowed() bool
}

const prefLastGroup = "last_group"

// Shell is the main window's frame: the sidebar of screens, the group
// switcher, and the keyboard shortcuts that move between them.
type Shell struct {
	deps Deps
	app  fyne.App
	win  fyne.Window
	// baseCtx is deps.Ctx without the principal, which changes on sign-in.
	baseCtx context.Context

	group model.GroupSummary
	// startScreen is the screen asked for on the command line while it
	// cannot show yet (Access shows once a group the user manages is
	// chosen); it comes forward as soon as it can.
	startScreen string
	all         []screen // every screen, in sidebar order
	screens     []screen // the screens the user may see now
	front       screen   // the screen in front

	nav      *widget.List
	content  *fyne.Container
	switcher *widget.Button
	sw       *switcher // the group switcher, while open
	status   *widget.Label

	home       *homeScreen
	members    *membersScreen
	syncScreen *syncScreen
	access     *accessScreen
	settings   *settingsScreen
	book       *bookScreen
	calendar   *calendarScreen
	info       *infoScreen
	help       *widget.Button // the tutorial of the screen in front (F1)
	dialogs    []shownDialog  // shown with showDialog, for Escape and Enter
}

// New builds the shell in the window. Call Start once the window is shown.
func New(a fyne.App, w fyne.Window, deps Deps) *Shell {
	s := &Shell{deps: deps, app: a, win: w, baseCtx: deps.Ctx}
	applyTheme(a, s.themeChoice())
	s.home = newHomeScreen(s)
	s.members = newMembersScreen(s)
	s.syncScreen = newSyncScreen(s)
	s.access = newAccessScreen(s)
	s.settings = newSettingsScreen(s)
	s.book, s.calendar, s.info = newBookScreen(s), newCalendarScreen(s), newInfoScreen(s)
	s.all = []screen{s.home, s.book, s.calendar, s.members, newRenewalsScreen(s), newBillingScreen(s), newContractsScreen(s), newDocumentsScreen(s),
		newQuoteScreen(s), newApplicationsScreen(s),
		s.syncScreen, s.access, s.info, s.settings}
	s.screens = s.visibleScreens()
	w.SetContent(s.build())
	w.SetOnDropped(s.dropped)
	if deps.Account != nil {
		deps.Account.Watch(func() { fyne.Do(s.onSynced) })
		deps.Account.WatchProgress(func(sent, received int) { fyne.Do(func() { s.onSyncProgress(sent, received) }) })
	}
	s.addShortcuts()
	s.buildMenu()
	return s
}

func (s *Shell) build() fyne.CanvasObject {
	s.nav = widget.NewList(
		func() int { return len(s.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Members and more"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.screens[i].icon())
			row.Objects[1].(*widget.Label).SetText(s.screens[i].title())
		})
	s.nav.OnSelected = func(i widget.ListItemID) { s.show(i) }

	s.switcher = widget.NewButtonWithIcon("Choose a group", theme.MenuDropDownIcon(), s.openSwitcher)
	s.switcher.IconPlacement = widget.ButtonIconTrailingText
	s.switcher.Importance = widget.LowImportance
	s.switcher.Alignment = widget.ButtonAlignLeading

	title := widget.NewLabelWithStyle("GroupDesk", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.help = widget.NewButtonWithIcon("", theme.QuestionIcon(), s.openHelp)
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(appIcon(s.app)), title), s.help, s.switcher)
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis

	s.content = container.NewStack()
	sidebar := container.NewBorder(nil, nil, nil, nil, s.nav)
	split := container.NewHSplit(sidebar, s.content)
	split.Offset = 0.16
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), s.status, nil, nil, split)
}

// visibleScreens lists the screens the acting user may see.
func (s *Shell) visibleScreens() []screen {
	var out []screen
	for _, sc := range s.all {
		if g, ok := sc.(gated); ok && !g.allowed() {
			continue
		}
		out = append(out, sc)
	}
	return out
}

// refreshNav shows or hides screens after the user or the group changed;
// the screen in front stays there when it may.
func (s *Shell) refreshNav() {
	front := s.CurrentScreen()
	s.screens = s.visibleScreens()
	s.nav.Refresh()
	s.buildMenu()
	if s.startScreen != "" && s.ShowScreen(s.startScreen) {
		s.startScreen = ""
		return
	}
	if !s.ShowScreen(front) {
		s.show(0)
	}
}

// onSyncProgress runs on the UI goroutine while a sync round runs: the
// status bar and the Sync screen show what has gone and come so far.
func (s *Shell) onSyncProgress(sent, received int) {
	if !s.deps.Account.State(s.baseCtx).SignedIn {
		return // a round's last news, after signing out
	}
	text := syncProgressLine(sent, received)
	s.setStatus(text)
	s.syncScreen.showProgress(text)
}

// syncProgressLine is a round in progress in words.
func syncProgressLine(sent, received int) string {
	var parts []string
	if sent > 0 {
		parts = append(parts, plural(sent, "change", "changes")+" sent")
	}
	if received > 0 || sent == 0 {
		parts = append(parts, plural(received, "change", "changes")+" received")
	}
	return "Syncing… " + strings.Join(parts, ", ")
}

// onSynced runs on the UI goroutine after each sync round: new grants may
// show or hide screens and groups, pulled changes refresh what is shown.
func (s *Shell) onSynced() {
	st := s.deps.Account.State(s.baseCtx)
	s.syncScreen.hideProgress()
	s.setStatus(syncStatusLine(st, s.deps.DBPath))
	before := model.PrincipalFrom(s.deps.Ctx)
	after := s.deps.Account.Principal(s.baseCtx)
	if after != nil && (before == nil || before.Owner || !sameGrants(before, after)) {
		s.principalChanged()
	} else if st.Pulled > 0 && s.group.ID != "" {
		s.reloadGroup()
	}
	if s.CurrentScreen() == s.syncScreen.title() {
		s.syncScreen.refresh()
	}
}

func sameGrants(a, b *model.Principal) bool {
	if len(a.Grants) != len(b.Grants) {
		return false
	}
	for g, r := range a.Grants {
		if b.Grants[g] != r {
			return false
		}
	}
	return true
}

// reloadGroup reads the selected group again and shows it everywhere.
func (s *Shell) reloadGroup() {
	groups, err := s.deps.Store.Groups(s.deps.Ctx, "")
	if err != nil {
		return
	}
	for _, g := range groups {
		if g.ID == s.group.ID {
			s.SelectGroup(g)
			return
		}
	}
	s.loadGroups() // the group is gone (access removed)
}

func syncStatusLine(st SyncState, dbPath string) string {
	switch {
	case !st.SignedIn:
		return "Not signed in · " + dbPath
	case !st.Online:
		return "Offline, will retry · " + st.Server
	case st.LastError != "":
		return "Sync problem: " + st.LastError
	}
	return fmt.Sprintf("Synced with %s at %s", st.Server, st.LastSync.Local().Format("3:04 PM"))
}

func appIcon(a fyne.App) fyne.Resource {
	if r := a.Icon(); r != nil {
		return r
	}
	return theme.FyneLogo()
}

// Start shows the first screen and loads the groups; on an empty database
// it first runs the first-run set-up (the demo book) with a progress bar.
func (s *Shell) Start() {
	if s.deps.Account != nil {
		if p := s.deps.Account.Principal(s.baseCtx); p != nil {
			s.deps.Ctx = model.WithPrincipal(s.baseCtx, p)
			s.screens = s.visibleScreens()
			s.nav.Refresh()
		}
	}
	s.nav.Select(0)
	if s.deps.StartScreen != "" && !s.ShowScreen(s.deps.StartScreen) {
		s.startScreen = s.deps.StartScreen
	}
	if s.deps.FirstRun == nil {
		s.loadGroups()
		s.maybeTour()
		return
	}
	s.runFirstRun()
}

func (s *Shell) runFirstRun() {
	bar := widget.NewProgressBar()
	msg := widget.NewLabel("This database is empty. GroupDesk is loading a demo book of business so that you can explore every screen.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Setting up GroupDesk", container.NewVBox(msg, bar), s.win)
	d.Resize(fyne.NewSize(460, 160))
	d.Show()
	var summary string
	var err error
	s.background(func() {
		summary, err = s.deps.FirstRun(s.deps.Ctx, func(done, total int) {
			fyne.Do(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
		})
	}, func() {
		d.Hide()
		s.loadGroups()
		if err != nil {
			s.showError("Loading the demo book failed", err)
			return
		}
		if summary == "" {
			s.maybeTour()
			return
		}
		// The tour follows once the user has read what was loaded, rather
		// than opening over it.
		info := dialog.NewInformation("Demo book of business loaded", summary, s.win)
		info.SetOnClosed(s.maybeTour)
		info.Show()
	})
}

// loadGroups selects the last group used, or the first one.
func (s *Shell) loadGroups() {
	groups, err := s.deps.Store.Groups(s.deps.Ctx, "")
	if err != nil {
		s.showError("Could not read the groups", err)
		return
	}
	if len(groups) == 0 {
		s.group = model.GroupSummary{}
		s.switcher.SetText("No groups yet")
		s.win.SetTitle("GroupDesk")
		s.setStatus("This database has no groups you may see.")
		for _, sc := range s.all {
			sc.setGroup(s.group)
		}
		return
	}
	pick := groups[0]
	last := s.app.Preferences().String(prefLastGroup)
	for _, g := range groups {
		if g.ID == last {
			pick = g
		}
	}
	s.setStatus(fmt.Sprintf("%s in this book · %s", plural(len(groups), "group", "groups"), s.deps.DBPath))
	s.SelectGroup(pick)
}

// SelectGroup makes g the group every screen shows.
func (s *Shell) SelectGroup(g model.GroupSummary) {
	s.group = g
	s.app.Preferences().SetString(prefLastGroup, g.ID)
	s.switcher.SetText(fmt.Sprintf("%s  ·  %s", g.Name, g.Number))
	s.win.SetTitle("GroupDesk — " + g.Name)
	for _, sc := range s.all {
		sc.setGroup(g)
	}
	if s.nav != nil {
		s.refreshNav()
	}
}

// show brings screen i to the front.
func (s *Shell) show(i int) {
	if i < 0 || i >= len(s.screens) {
		return
	}
	s.front = s.screens[i]
	s.content.Objects = []fyne.CanvasObject{s.screens[i].view()}
	s.content.Refresh()
	s.screens[i].shown()
	if s.nav != nil {
		s.nav.Select(i)
	}
	s.win.Canvas().Unfocus()
}

// ShowScreen brings the screen with the given title to the front.
func (s *Shell) ShowScreen(title string) bool {
	for i, sc := range s.screens {
		if strings.EqualFold(sc.title(), title) {
			s.show(i)
			return true
		}
	}
	return false
}

// CurrentScreen is the title of the screen in front.
func (s *Shell) CurrentScreen() string {
	if s.front == nil {
		return ""
	}
	return s.front.title()
}

// focusSearch brings the Members screen forward with its search focused.
func (s *Shell) focusSearch() {
	s.ShowScreen(s.members.title())
	s.win.Canvas().Focus(s.members.search)
}

func (s *Shell) setStatus(text string) { s.status.SetText(text) }

// background runs slow work (database reads of a large group) off the UI
// goroutine; done runs back on it.
func (s *Shell) background(work func(), done func()) {
	if s.deps.Synchronous {
		work()
		done()
		return
	}
	go func() {
		work()
		fyne.Do(done)
	}()
}

// debounce runs f once the user has paused for delay; each call restarts
// the wait.
func (s *Shell) debounce(t **time.Timer, delay time.Duration, f func()) {
	if s.deps.Synchronous {
		f()
		return
	}
	if *t != nil {
		(*t).Stop()
	}
	*t = time.AfterFunc(delay, func() { fyne.Do(f) })
}

// showError shows a person's message; internal details go to the log.
func (s *Shell) showError(title string, err error) {
	fyne.LogError(title, err)
	d := dialog.NewInformation(title, model.ErrorMessage(err), s.win)
	d.Show()
}
