package ui

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// fitsIn reports whether a label's text is shown whole in width: the text
// and the label's padding on both sides.
func fitsIn(text string, style fyne.TextStyle, width float32) bool {
	return fyne.MeasureText(text, theme.TextSize(), style).Width+2*theme.InnerPadding() <= width
}

func TestTheMembersTableNamesTiersInWordsThatFitTheColumn(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Members")
	col := -1
	for i, c := range memberColumns {
		if c.title == "Tier" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("the Members table has no Tier column")
	}
	total := theme.Padding() * float32(len(memberColumns)-1) // the lines between columns
	for _, c := range memberColumns {
		total += c.width
		if !fitsIn(c.title, fyne.TextStyle{Bold: true}, c.width) {
			t.Errorf("the heading %q is cut short in %v", c.title, c.width)
		}
		labelsFit(t, c.title, c.width)
	}
	if room := s.members.table.Size().Width - theme.ScrollBarSize(); total > room {
		t.Errorf("the columns take %v across, the table has %v: the last is cut off", total, room)
	}
	cell := s.members.createCell()
	seen := map[model.Tier]bool{}
	for row := 0; row < min(s.members.Total(), 200); row++ {
		m := s.members.rowAt(row)
		s.members.updateCell(widget.TableCellID{Row: row, Col: col}, cell)
		if got := cell.(*widget.Label).Text; got != m.Tier.Label() || got == string(m.Tier) {
			t.Fatalf("row %d shows the tier as %q, want %q", row, got, m.Tier.Label())
		}
		seen[m.Tier] = true
	}
	if len(seen) < 2 {
		t.Fatalf("only %d tiers among the rows read", len(seen))
	}
}

func TestHomeSaysNoMemberIsTerminatedInWords(t *testing.T) {
	s, _, _ := newTestShell(t)
	st := s.home.stats
	st.Terminated = 0
	s.home.showStats(st)
	if strings.Contains(s.home.note.Text, "0 members") || !strings.Contains(s.home.note.Text, "No member is terminated.") {
		t.Errorf("with none terminated, Home reads %q", s.home.note.Text)
	}
	st.Terminated = 3
	s.home.showStats(st)
	if !strings.Contains(s.home.note.Text, "3 members are terminated.") {
		t.Errorf("with 3 terminated, Home reads %q", s.home.note.Text)
	}
}

func TestTheContractVersionsAreShownWhole(t *testing.T) {
	s, c := contractsShell(t)
	if len(c.contracts) < 2 {
		t.Fatalf("%s has %d contract versions", s.group.Name, len(c.contracts))
	}
	width := c.list.Size().Width - theme.ScrollBarSize()
	if width <= 0 {
		t.Fatal("the list of versions has no width")
	}
	for i := range c.contracts {
		if !fitsIn(c.rowText(i), fyne.TextStyle{}, width) {
			t.Errorf("%q is cut short in a list %v wide", c.rowText(i), width)
		}
	}
}

func TestTheQuoteEffectiveDateIsWrittenTheUSWay(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.ShowScreen("Quote")
	q := s.front.(*quoteScreen)
	want := testToday.FirstOfNextMonth().US()
	if q.effective.Text != want {
		t.Fatalf("the effective date reads %q, want %q", q.effective.Text, want)
	}
	d, err := model.ParseDate(q.effective.Text)
	if err != nil || d != testToday.FirstOfNextMonth() {
		t.Fatalf("the date shown reads back as %v, %v", d, err)
	}
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

func TestStatusColoursAndButtonTextReadInBothThemes(t *testing.T) {
	pairs := []struct{ fg, bg fyne.ThemeColorName }{
		{theme.ColorNameForeground, theme.ColorNameBackground},
		{theme.ColorNameSuccess, theme.ColorNameBackground},          // "Paid"
		{theme.ColorNameWarning, theme.ColorNameBackground},          // "12 days left to answer"
		{theme.ColorNameError, theme.ColorNameBackground},            // "Past due"
		{theme.ColorNameHyperlink, theme.ColorNameBackground},        // links in help and Information
		{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary}, // Sign in…, Add a document…
		{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning}, // Deadlines
		{theme.ColorNameForegroundOnError, theme.ColorNameError},     // Delete
		{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess},
	}
	for _, variant := range []string{ThemeLight, ThemeDark} {
		b := newBrand(variant)
		for _, p := range pairs {
			if r := contrast(b.Color(p.fg, 0), b.Color(p.bg, 0)); r < 4.5 {
				t.Errorf("%s theme: %s on %s reads at %.1f:1, want 4.5:1", variant, p.fg, p.bg, r)
			}
		}
	}
}

// labelsIn visits every label drawn under o, through containers and the
// renderers of widgets (lists, tables, cards, splits, scrolls).
func labelsIn(o fyne.CanvasObject, visit func(*widget.Label)) {
	if o == nil || !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *widget.Label:
		visit(v)
	case *fyne.Container:
		for _, c := range v.Objects {
			labelsIn(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			labelsIn(c, visit)
		}
	}
}

// TestNoScreenShowsTextInTheDisabledColour: a label of low importance is
// drawn in the colour of disabled controls (#e3e3e3 on white), which no one
// can read; secondary text is set apart otherwise.
func TestNoScreenShowsTextInTheDisabledColour(t *testing.T) {
	s, _, w := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	check := func(where string) {
		n := 0
		for _, o := range append([]fyne.CanvasObject{w.Canvas().Content()}, w.Canvas().Overlays().List()...) {
			labelsIn(o, func(l *widget.Label) {
				n++
				if l.Importance == widget.LowImportance && l.Text != "" {
					t.Errorf("%s: %q is drawn in the disabled colour", where, l.Text)
				}
			})
		}
		if n < 5 {
			t.Fatalf("%s: only %d labels found", where, n)
		}
	}
	for _, sc := range s.screens {
		s.ShowScreen(sc.title())
		check(sc.title())
	}
	s.ShowScreen("Members")
	s.members.status.SetSelected(model.StatusTerminated.Label())
	if s.members.Total() == 0 {
		t.Fatal("the group has no terminated member to show")
	}
	s.members.table.Select(widget.TableCellID{Row: 0, Col: 0})
	check("a terminated member's detail")
	s.openSwitcher()
	check("the group switcher")
}

func TestAlertSummariesSayNoneUrgentInWords(t *testing.T) {
	warn := model.Alert{Severity: model.SeverityWarning, Text: "Renewal window open"}
	urgent := model.Alert{Severity: model.SeverityUrgent, Text: "Past due"}
	for _, tc := range []struct {
		as   []model.Alert
		want string
	}{
		{[]model.Alert{warn, warn}, "2 items, none urgent."},
		{[]model.Alert{urgent, warn}, "2 items, 1 urgent."},
		{nil, "Nothing needs attention."},
	} {
		if got := alertSummary(tc.as); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%d alerts: %q, want it to start %q", len(tc.as), got, tc.want)
		}
	}
}

// TestTheContributionOffersOnlyTheAmountsItsBasisUses: the flat amount is
// open only for a flat contribution, the percent only for a percent one,
// the dependents' percent unless every member is shared alike.
func TestTheContributionOffersOnlyTheAmountsItsBasisUses(t *testing.T) {
	var got []model.Contribution
	cc := newContributionControls(model.DefaultContribution, func(c model.Contribution) { got = append(got, c) })
	for _, tc := range []struct {
		basis                  model.ContributionBasis
		percent, flat, depends bool
	}{
		{model.ContribEmployeeOnly, true, false, true},
		{model.ContribFlat, false, true, true},
		{model.ContribEachMember, true, false, false},
	} {
		cc.basis.SetSelected(tc.basis.Label())
		if cc.percent.Disabled() == tc.percent || cc.flat.Disabled() == tc.flat || cc.dependent.Disabled() == tc.depends {
			t.Errorf("%s: percent %v, flat %v, dependents %v open", tc.basis.Label(), !cc.percent.Disabled(), !cc.flat.Disabled(), !cc.dependent.Disabled())
		}
	}
	if len(got) != 3 || got[1].Basis != model.ContribFlat {
		t.Fatalf("the changes reported: %+v", got)
	}
	cc.set(model.Contribution{Basis: model.ContribFlat, Flat: 30000, PayPeriods: 12})
	if !cc.percent.Disabled() || cc.flat.Disabled() {
		t.Fatal("a flat contribution shown keeps the percent open")
	}
}

// TestTheQuotedPlansFitBesideThePlanList: each column of the quote is as
// wide as its own cells, so the table of a full-size window shows every
// column, its amount headings over the amounts.
func TestTheQuotedPlansFitBesideThePlanList(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Quote")
	q := s.front.(*quoteScreen)
	q.useRoster()
	if len(q.quotes) == 0 || len(q.results.Objects) == 0 {
		t.Fatalf("nothing quoted: %q", q.status.Text)
	}
	grid := q.results.Objects[0].(*fyne.Container)
	if need, have := grid.MinSize().Width, q.results.Size().Width; need > have {
		t.Errorf("the quote needs %v across, the pane gives %v", need, have)
	}
	cols := len(resultHeaders)
	if check, ok := grid.Objects[cols].(*widget.Check); !ok || check.Text != q.quotes[0].Plan.Name {
		t.Errorf("the first plan quoted is not a box named %s to tick", q.quotes[0].Plan.Name)
	}
	for i := 1; i < cols; i++ {
		head, amount := grid.Objects[i].(*widget.Label), grid.Objects[cols+i].(*widget.Label)
		if head.Alignment != amount.Alignment || head.Position().X != amount.Position().X {
			t.Errorf("%s is not over its amounts", head.Text)
		}
	}
}

// TestTheGroupSwitcherShowsEachGroupsDetailsWhole: the number, city and
// count of a group sit whole at the right of its row, the name giving way.
func TestTheGroupSwitcherShowsEachGroupsDetailsWhole(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.openSwitcher()
	sw := s.sw
	if len(sw.results) < 2 {
		t.Fatalf("the switcher lists %d groups", len(sw.results))
	}
	width := sw.list.Size().Width - theme.ScrollBarSize()
	row := sw.list.CreateItem()
	row.Resize(fyne.NewSize(width, row.MinSize().Height))
	for i := range sw.results {
		sw.list.UpdateItem(i, row)
		box := row.(*fyne.Container)
		name, detail := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
		if detail.Size().Width < detail.MinSize().Width || detail.Position().X+detail.Size().Width > width {
			t.Errorf("%s: %q is %v wide at %v, needs %v of a row %v wide", name.Text, detail.Text, detail.Size().Width,
				detail.Position().X, detail.MinSize().Width, width)
		}
	}
}

// TestHomeNamesTheTiersAsTheMembersScreenDoes: the plan-by-tier table of
// Home heads its columns with the tiers' names of the Members filter.
func TestHomeNamesTheTiersAsTheMembersScreenDoes(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	shown := map[string]bool{}
	labelsIn(s.home.byPlan, func(l *widget.Label) { shown[l.Text] = true })
	for _, tier := range model.Tiers {
		if !shown[tier.Label()] || !slices.Contains(s.members.tier.Options, tier.Label()) {
			t.Errorf("%q is not a column of Home's table and an option of the Members filter", tier.Label())
		}
	}
}

func TestUndoingAnImportCountsPeopleInWords(t *testing.T) {
	at := testToday.Time().Add(15 * time.Hour)
	for _, tc := range []struct {
		b    model.ImportBatch
		want []string
	}{
		{model.ImportBatch{File: "census.xlsx", AppliedAt: at, Adds: 1, Changes: 2, Terms: 1},
			[]string{"The 1 person it added is removed.", "The 3 people it changed or terminated get their details back.", ", 2026 "}},
		{model.ImportBatch{File: "census.csv", AppliedAt: at, Adds: 4, Terms: 1},
			[]string{"The 4 people it added are removed.", "The 1 person it changed or terminated gets their details back."}},
	} {
		got := undoImportText(tc.b)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q does not say %q", got, w)
			}
		}
	}
}

// TestHomeFitsTheWindow: nothing on Home asks for more width than a
// full-size window gives it, so the cards and the table are not cut off
// at the right.
func TestHomeFitsTheWindow(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	s.ShowScreen("Home")
	sc, ok := s.home.view().(*container.Scroll)
	if !ok {
		t.Fatalf("Home is a %T", s.home.view())
	}
	if need, have := sc.Content.MinSize().Width, sc.Size().Width; need > have || have < 900 {
		t.Errorf("Home needs %v across, the window gives it %v", need, have)
	}
}

// TestEveryScreenFitsAFullSizeWindow: no screen asks for more width than a
// 1280-pixel window leaves it beside the sidebar (one that does squeezes
// the sidebar and is cut off at the right).
func TestEveryScreenFitsAFullSizeWindow(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.SelectGroup(largestGroup(t, s))
	room := s.win.Canvas().Size().Width * 0.8
	for _, sc := range s.screens {
		s.ShowScreen(sc.title())
		if need := sc.view().MinSize().Width; need > room {
			t.Errorf("%s needs %v across, the window leaves it %v", sc.title(), need, room)
		}
	}
	// A contribution refused says why under the amounts, not beside them.
	s.ShowScreen("Quote")
	q := s.front.(*quoteScreen)
	q.controls.percent.SetText("500")
	if !q.controls.problem.Visible() || q.controls.problem.Text == "" {
		t.Fatal("a 500% contribution is not refused")
	}
	if need := q.view().MinSize().Width; need > room {
		t.Errorf("with the contribution refused, Quote needs %v across, the window leaves it %v", need, room)
	}
}
