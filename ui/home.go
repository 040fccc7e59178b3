package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// homeScreen summarises the selected group: head counts, the estimated
// monthly premium, the renewal date, and members by plan and tier.
type homeScreen struct {
	shell *Shell
	group model.GroupSummary
	stats model.GroupStats

	root        fyne.CanvasObject
	name        *widget.RichText
	subtitle    *widget.Label
	subscribers *widget.Card
	dependents  *widget.Card
	premium     *widget.Card
	renewal     *widget.Card
	byPlan      *fyne.Container
	note        *widget.Label
	details     *widget.Form
	loading     *widget.ProgressBarInfinite
	alerts      *alertList
	alertCard   *widget.Card
	alertBox    *fyne.Container
	alertRows   *atLeast // as tall as the alerts, up to homeAlertRows
	charts      *homeCharts
}

// planRow is one plan in the plan-and-tier table.
type planRow struct {
	name    string
	byTier  map[model.Tier]int
	members int
}

func newHomeScreen(s *Shell) *homeScreen {
	h := &homeScreen{shell: s}
	h.root = h.build()
	return h
}

func (h *homeScreen) title() string           { return "Home" }
func (h *homeScreen) icon() fyne.Resource     { return theme.HomeIcon() }
func (h *homeScreen) view() fyne.CanvasObject { return h.root }
func (h *homeScreen) shown() {
	h.loadAlerts(h.group)
	if h.charts.stale() && h.group.ID != "" {
		h.showCharts(h.stats)
	}
}

func (h *homeScreen) build() fyne.CanvasObject {
	h.name = widget.NewRichText(&widget.TextSegment{Text: "No group selected", Style: widget.RichTextStyleHeading})
	h.subtitle = widget.NewLabel("")
	h.subscribers = widget.NewCard("—", "Subscribers", nil)
	h.dependents = widget.NewCard("—", "Dependents", nil)
	h.premium = widget.NewCard("—", "Monthly premium (estimated)", nil)
	h.renewal = widget.NewCard("—", "Renewal", nil)
	tiles := container.NewGridWithColumns(4, h.subscribers, h.dependents, h.premium, h.renewal)

	h.byPlan = container.NewVBox()
	h.note = widget.NewLabel("")
	h.note.Wrapping = fyne.TextWrapWord
	h.details = widget.NewForm()
	h.loading = widget.NewProgressBarInfinite()
	h.loading.Hide()

	planCard := widget.NewCard("Members by plan and tier", "Active subscribers in each coverage tier; covered people in the last column", h.byPlan)
	detailCard := widget.NewCard("Group details", "", h.details)
	h.charts = newHomeCharts(h.shell)
	body := container.NewVBox(h.name, h.subtitle, h.loading, h.newHomeAlerts(), tiles, h.note, planCard, h.charts.grid, detailCard)
	return container.NewVScroll(container.NewPadded(body))
}

// planHeaders head the plan-by-tier table: the tiers named as everywhere
// else (the Members filter, the charts, the invoices).
var planHeaders = func() []string {
	h := []string{"Plan"}
	for _, t := range model.Tiers {
		h = append(h, t.Label())
	}
	return append(h, "People")
}()

func (h *homeScreen) setGroup(g model.GroupSummary) {
	h.group = g
	h.name.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: g.Name, Style: widget.RichTextStyleHeading}}
	h.name.Refresh()
	seg := "Small group"
	if g.Segment == model.SegmentLarge {
		seg = "Large group"
	}
	parts := []string{g.Number, seg, g.Address.String()}
	if g.RatingArea != "" {
		parts = append(parts, "Rating area "+g.RatingArea)
	}
	h.subtitle.SetText(strings.Join(parts, "  ·  "))
	today := h.shell.deps.today()
	h.renewal.SetTitle(longDate(g.RenewalDate))
	h.renewal.SetSubTitle("Renewal, " + relativeDays(today, g.RenewalDate))
	h.fillDetails(g)
	h.loadAlerts(g)
	if g.ID != "" { // no group: a book with none the user may see
		h.loadStats(g, today)
	}
}

// loadStats reads the statistics in the background: a large group has
// tens of thousands of members to rate.
func (h *homeScreen) loadStats(g model.GroupSummary, today model.Date) {
	h.loading.Show()
	h.loading.Start()
	var st model.GroupStats
	var err error
	h.shell.background(func() {
		st, err = h.shell.deps.Store.Stats(h.shell.deps.Ctx, g.ID, today)
	}, func() {
		h.loading.Stop()
		h.loading.Hide()
		if h.group.ID != g.ID {
			return // the user moved on to another group
		}
		if err != nil {
			h.shell.showError("Could not compute the group's figures", err)
			return
		}
		h.showStats(st)
	})
}

func (h *homeScreen) showStats(st model.GroupStats) {
	h.stats = st
	h.subscribers.SetTitle(count(st.Subscribers))
	h.subscribers.SetSubTitle("Subscribers")
	h.dependents.SetTitle(count(st.Dependents))
	h.premium.SetTitle(st.MonthlyPremium.String())
	terminated := "No member is terminated."
	if st.Terminated > 0 {
		terminated = plural(st.Terminated, "member is", "members are") + " terminated."
	}
	note := fmt.Sprintf("The premium is estimated from the plans' rates, with every member rated at their age on %s, the start of the plan year. %s",
		longDate(st.RatingDate), terminated)
	if st.UnratedMembers > 0 {
		note += fmt.Sprintf(" %s could not be rated: their plan has no rate for the group's area.", plural(st.UnratedMembers, "member", "members"))
	}
	h.note.SetText(note)
	h.showPlans(st.ByPlanTier)
	h.showCharts(st)
}

func (h *homeScreen) showCharts(st model.GroupStats) {
	g := h.group
	h.charts.show(g, st, func() bool { return h.group.ID == g.ID })
}

// showPlans fills the plan-by-tier grid, one row per plan and a total.
func (h *homeScreen) showPlans(counts []model.PlanTierCount) {
	type row struct {
		name    string
		byTier  map[model.Tier]int
		members int
	}
	rows := map[string]*row{}
	var order []string
	total := &row{name: "Total", byTier: map[model.Tier]int{}}
	for _, c := range counts {
		name := c.PlanName
		if name == "" {
			name = orDash(c.PlanID)
		}
		r, ok := rows[name]
		if !ok {
			r = &row{name: name, byTier: map[model.Tier]int{}}
			rows[name] = r
			order = append(order, name)
		}
		for _, x := range []*row{r, total} {
			x.byTier[c.Tier] += c.Subscribers
			x.members += c.Members
		}
	}
	h.byPlan.Objects = nil
	h.byPlan.Add(planRowView(planHeaders, true, true))
	for _, name := range append(order, "Total") {
		r := total
		if name != "Total" {
			r = rows[name]
		}
		cells := []string{r.name}
		for _, t := range model.Tiers {
			cells = append(cells, count(r.byTier[t]))
		}
		h.byPlan.Add(planRowView(append(cells, count(r.members)), name == "Total", false))
	}
	h.byPlan.Refresh()
}

// planRowView is one row of the plan-and-tier table: the plan's name in a
// column of its own, shortened with an ellipsis when it is long (so that a
// long plan name never widens the window), and the counts in equal columns.
func planRowView(cells []string, boldName, boldCounts bool) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(cells[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: boldName})
	name.Truncation = fyne.TextTruncateEllipsis
	counts := container.NewGridWithColumns(len(cells) - 1)
	for _, c := range cells[1:] {
		l := widget.NewLabelWithStyle(c, fyne.TextAlignLeading, fyne.TextStyle{Bold: boldCounts})
		if boldCounts { // the headings wrap rather than widen the page past the window
			l.Wrapping = fyne.TextWrapWord
		}
		counts.Add(l)
	}
	return container.NewBorder(nil, nil, container.New(&atLeast{w: 200}, name), nil, counts)
}

func (h *homeScreen) fillDetails(g model.GroupSummary) {
	delivery := "Online"
	if g.Delivery == model.DeliveryPaper {
		delivery = "Paper (mailed)"
	}
	autopay := "Off"
	if g.Autopay {
		autopay = "On"
	}
	contact := orDash(g.ContactName)
	if g.ContactEmail != "" {
		contact += " <" + g.ContactEmail + ">"
	}
	h.details.Items = nil
	for _, it := range [][2]string{
		{"Legal name", g.Name},
		{"Group number", g.Number},
		{"Industry", orDash(g.Industry)},
		{"Original effective date", longDate(g.EffectiveDate)},
		{"Bill and notice delivery", delivery},
		{"Automatic payments", autopay},
		{"Contact", contact},
	} {
		h.details.Append(it[0], widget.NewLabel(it[1]))
	}
	h.details.Refresh()
}
