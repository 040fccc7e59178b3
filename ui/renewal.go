package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// renewalsScreen shows the selected group's renewal: the offer per plan
// and per member (Review), options worked out as scenarios (Explore), the
// answer with its member changes and checks (Submit), and where it stands
// (Status).
type renewalsScreen struct {
	shell *Shell
	group model.GroupSummary

	renewal   *model.Renewal       // the group's latest renewal; nil when none
	roster    [][]model.Member     // the roster as it stands
	offered   *model.RenewalReview // the offer as it stands
	work      model.RenewalScenario
	fams      [][]model.Member // the roster after work's member changes
	changeErr map[int]error
	review    *model.RenewalReview // work rated at renewal
	scenarios []model.RenewalScenario

	root      fyne.CanvasObject
	heading   *widget.Label
	summary   *widget.Label
	countdown *widget.Label
	tabs      *container.AppTabs
	body      *fyne.Container
	empty     *widget.Label
	offer     *renewalReviewTab
	members   *renewalMembersTab
	explore   *renewalExploreTab
	answer    *renewalSubmitTab
	history   *renewalStatusTab
}

func newRenewalsScreen(s *Shell) *renewalsScreen {
	rs := &renewalsScreen{shell: s}
	rs.root = rs.build()
	return rs
}

func (rs *renewalsScreen) title() string           { return "Renewals" }
func (rs *renewalsScreen) icon() fyne.Resource     { return theme.HistoryIcon() }
func (rs *renewalsScreen) view() fyne.CanvasObject { return rs.root }
func (rs *renewalsScreen) allowed() bool           { return rs.shell.mayRenew(rs.shell.group.ID) }

// setGroup reads the group's renewal again: a new group, or what a sync
// round pulled (the carrier's decision, another desktop's answer).
func (rs *renewalsScreen) setGroup(g model.GroupSummary) {
	rs.group = g
	rs.load()
}
func (rs *renewalsScreen) shown() {}

func (rs *renewalsScreen) build() fyne.CanvasObject {
	rs.heading = widget.NewLabelWithStyle("Renewal", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rs.heading.SizeName = theme.SizeNameSubHeadingText
	rs.summary, rs.countdown = wrapped(""), widget.NewLabel("")
	rs.countdown.Importance = widget.WarningImportance
	rs.empty = wrapped("")
	rs.offer, rs.members, rs.explore = newRenewalReviewTab(rs), newRenewalMembersTab(rs), newRenewalExploreTab(rs)
	rs.answer, rs.history = newRenewalSubmitTab(rs), newRenewalStatusTab(rs)
	rs.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Review", theme.VisibilityIcon(), rs.offer.root),
		container.NewTabItemWithIcon("Members", theme.AccountIcon(), rs.members.root),
		container.NewTabItemWithIcon("Explore", theme.SearchIcon(), rs.explore.root),
		container.NewTabItemWithIcon("Submit", theme.MailSendIcon(), rs.answer.root),
		container.NewTabItemWithIcon("Status", theme.HistoryIcon(), rs.history.root))
	rs.tabs.OnSelected = func(*container.TabItem) { rs.onTab() }
	head := container.NewVBox(rs.heading, container.NewHBox(rs.countdown), rs.summary)
	rs.body = container.NewStack(rs.empty)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, rs.body)
}

// load reads the group's latest renewal, the roster and the saved
// scenarios, and works the offer out.
func (rs *renewalsScreen) load() {
	st, g := rs.shell.renewalsStore(), rs.group
	if st == nil || !rs.shell.mayRenew(g.ID) {
		rs.show(nil, nil, nil)
		return
	}
	var l renewalLoad
	changes := rs.work.Changes // kept while the same renewal is shown again
	rs.shell.background(func() { l = loadRenewal(rs.shell, st, g, changes) }, func() {
		if rs.group.ID != g.ID {
			return // the user moved on to another group
		}
		if l.err != nil {
			rs.shell.showError("Could not read the renewal", l.err)
		}
		rs.roster, rs.offered, rs.scenarios = l.roster, l.offered, l.scenarios
		rs.show(l.renewal, l.fams, l.changeErr)
	})
}

// renewalLoad is what load reads in the background.
type renewalLoad struct {
	renewal   *model.Renewal
	roster    [][]model.Member // as it stands
	fams      [][]model.Member // after the member changes of the scenario worked on
	changeErr map[int]error
	offered   *model.RenewalReview
	scenarios []model.RenewalScenario
	err       error
}

func loadRenewal(s *Shell, st renewalStore, g model.GroupSummary, changes []model.RenewalChange) (l renewalLoad) {
	ctx := s.deps.Ctx
	rs, err := st.Renewals(ctx, g.ID)
	if err != nil || len(rs) == 0 {
		l.err = err
		return l
	}
	l.renewal = &rs[0]
	if l.roster, _, l.err = st.RenewalRoster(ctx, l.renewal, nil); l.err != nil {
		return l
	}
	l.fams = l.roster
	if len(changes) > 0 {
		if l.fams, l.changeErr, l.err = st.RenewalRoster(ctx, l.renewal, changes); l.err != nil {
			return l
		}
	}
	if l.offered, l.err = l.renewal.Offer.Review(l.roster, l.renewal.Effective, l.renewal.Offer.DefaultMapping()); l.err != nil {
		return l
	}
	l.scenarios, l.err = st.RenewalScenarios(ctx, l.renewal.ID)
	return l
}

// show puts a renewal (or its absence) on the screen with the roster at
// renewal. A renewal shown again keeps the scenario being worked out; a
// new one starts a scenario from its offer.
func (rs *renewalsScreen) show(r *model.Renewal, fams [][]model.Member, changeErr map[int]error) {
	again := r != nil && rs.renewal != nil && rs.renewal.ID == r.ID
	rs.renewal = r
	if r == nil || rs.offered == nil {
		rs.showNone()
		return
	}
	if !again {
		rs.work, fams, changeErr = model.NewRenewalScenario(r), rs.roster, nil
		rs.answer.reset()
	}
	rs.fams, rs.changeErr = fams, changeErr
	rs.showHeader()
	rs.body.Objects = []fyne.CanvasObject{rs.tabs}
	rs.body.Refresh()
	rs.offer.show()
	rs.members.show()
	rs.history.show()
	rs.rerate()
}

func (rs *renewalsScreen) showNone() {
	rs.heading.SetText("Renewal")
	rs.summary.SetText("")
	rs.countdown.SetText("")
	g := rs.group
	text := "Choose a group to see its renewal."
	if g.ID != "" && !g.RenewalDate.IsZero() {
		text = fmt.Sprintf("%s has no renewal offer yet. It comes out online %d days before the renewal date of %s, on %s.",
			g.Name, model.DefaultRenewalLeadDays, longDate(g.RenewalDate), longDate(g.RenewalDate.AddDays(-model.DefaultRenewalLeadDays)))
	}
	rs.empty.SetText(text)
	rs.body.Objects = []fyne.CanvasObject{container.NewPadded(rs.empty)}
	rs.body.Refresh()
}

// showHeader shows the renewal's date, status and countdown to the cutoff.
func (rs *renewalsScreen) showHeader() {
	r, today := rs.renewal, rs.shell.deps.today()
	rs.heading.SetText(fmt.Sprintf("Renewal of %s on %s · %s", rs.group.Name, longDate(r.Effective), r.Status.Label()))
	cur, ren := r.Offer.Totals()
	rs.summary.SetText(fmt.Sprintf("%s a month at renewal, %s today: %s. %s", ren, cur, change(cur, ren), deliveryLine(r)))
	rs.countdown.SetText(countdownText(r, today))
}

// countdownText counts the days left to answer.
func countdownText(r *model.Renewal, today model.Date) string {
	left := r.DaysToCutoff(today)
	switch {
	case !r.Status.Open():
		return "Answered: " + r.Status.Label()
	case left < 0:
		return "The cutoff of " + longDate(r.Cutoff) + " has passed"
	case left == 0:
		return "Answer today: the cutoff is " + longDate(r.Cutoff)
	}
	return fmt.Sprintf("%s left to answer (cutoff %s)", plural(left, "day", "days"), longDate(r.Cutoff))
}

func deliveryLine(r *model.Renewal) string {
	line := "Delivered online on " + longDate(r.DeliveredOn) + "."
	if r.Delivery == model.DeliveryPaper {
		line = "Mailed on " + longDate(r.DeliveredOn) + " (the group chose paper) and shown here."
	}
	if r.DeliveredOn.After(r.NoticeBy) {
		line += fmt.Sprintf(" The law asked for it by %s: it came %s late.", longDate(r.NoticeBy), plural(r.NoticeBy.DaysUntil(r.DeliveredOn), "day", "days"))
	}
	return line
}

// onTab refreshes what the tab in front shows.
func (rs *renewalsScreen) onTab() {
	if rs.renewal != nil && rs.tabs.Selected() != nil && rs.tabs.Selected().Text == "Submit" {
		rs.answer.check()
	}
}

// rerate works the scenario out again after its plans or member changes
// changed, then shows it.
func (rs *renewalsScreen) rerate() {
	rv, err := rs.renewal.Offer.Review(rs.fams, rs.renewal.Effective, rs.work.Plans)
	if err != nil {
		rs.explore.problem(model.ErrorMessage(err))
		return
	}
	rs.review = rv
	rs.explore.show()
	rs.answer.show()
}

// reloadRoster reads the roster after the scenario's member changes.
func (rs *renewalsScreen) reloadRoster() {
	fams, errs, err := rs.shell.renewalsStore().RenewalRoster(rs.shell.deps.Ctx, rs.renewal, rs.work.Changes)
	if err != nil {
		rs.shell.showError("Could not apply the member changes", err)
		return
	}
	rs.fams, rs.changeErr = fams, errs
	rs.rerate()
}

// saved takes the renewal as the store saved it.
func (rs *renewalsScreen) saved(r model.Renewal) {
	rs.renewal = &r
	rs.showHeader()
	rs.history.show()
	rs.answer.show()
	if rs.shell.deps.Account != nil {
		rs.shell.deps.Account.SyncNow()
	}
}
