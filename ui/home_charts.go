package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/charts"
)

// HeadcountMonths is how far back the head count chart looks.
const HeadcountMonths = 24

// chartScope is what a chart is drawn from: the group, the statistics Home
// already read, and the size and colours of the image.
type chartScope struct {
	ctx   context.Context
	shell *Shell
	group model.GroupSummary
	stats model.GroupStats
	opts  charts.Options
}

// homeChart is one chart on Home. Billing adds the monthly premium over 24
// months and renewals the renewal change by plan, each with one
// registerChart call (drawing with charts.MonthlyPremium and
// charts.RenewalChange); a chart with nothing to draw returns nil.
type homeChart struct {
	title string
	draw  func(sc chartScope) ([]byte, error)
}

var homeChartList []homeChart

func registerChart(c homeChart) { homeChartList = append(homeChartList, c) }

func init() {
	registerChart(homeChart{title: "Head count", draw: drawHeadcount})
	registerChart(homeChart{title: "Subscribers by plan and tier", draw: func(sc chartScope) ([]byte, error) {
		return charts.PlanTier(sc.stats.ByPlanTier, sc.opts)
	}})
}

// chartStore is what the head count chart reads from the store.
type chartStore interface {
	CoverageSpans(ctx context.Context, groupID string) ([]model.CoverageSpan, error)
}

func drawHeadcount(sc chartScope) ([]byte, error) {
	st, ok := sc.shell.deps.Store.(chartStore)
	if !ok {
		return nil, nil
	}
	spans, err := st.CoverageSpans(sc.ctx, sc.group.ID)
	if err != nil {
		return nil, err
	}
	return charts.Headcount(model.HeadcountByMonth(spans, sc.shell.deps.today(), HeadcountMonths), sc.opts)
}

// homeCharts shows the registered charts, two a row, in the theme's colours.
type homeCharts struct {
	shell  *Shell
	grid   *fyne.Container
	dark   bool
	images [][]byte // the images shown, in registration order
}

func newHomeCharts(s *Shell) *homeCharts {
	return &homeCharts{shell: s, grid: container.NewGridWithColumns(2)}
}

// show draws every chart in the background; current reports whether the
// user is still on the same group when they are done.
func (c *homeCharts) show(g model.GroupSummary, st model.GroupStats, current func() bool) {
	c.dark = c.shell.isDark()
	sc := chartScope{ctx: c.shell.deps.Ctx, shell: c.shell, group: g, stats: st, opts: charts.Options{Width: 720, Height: 360, Dark: c.dark}}
	images := make([][]byte, len(homeChartList))
	c.shell.background(func() {
		for i, hc := range homeChartList {
			var err error
			if images[i], err = hc.draw(sc); err != nil {
				fyne.LogError("drawing the chart "+hc.title, err)
			}
		}
	}, func() {
		if current() {
			c.set(images)
		}
	})
}

func (c *homeCharts) set(images [][]byte) {
	c.images = images
	c.grid.Objects = nil
	for i, b := range images {
		if len(b) > 0 {
			c.grid.Add(chartImage(homeChartList[i].title, b))
		}
	}
	c.grid.Refresh()
}

// stale reports whether the theme changed since the charts were drawn.
func (c *homeCharts) stale() bool { return c.shell.isDark() != c.dark }

// chartImage shows a PNG at half its pixel size (sharp on a high-density
// screen), scaled with the text.
func chartImage(title string, png []byte) fyne.CanvasObject {
	img := canvas.NewImageFromResource(fyne.NewStaticResource(title+".png", png))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(360, 180))
	return container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), img)
}

// isDark reports whether the app shows the dark variant now.
func (s *Shell) isDark() bool {
	switch s.themeChoice() {
	case ThemeDark:
		return true
	case ThemeLight:
		return false
	}
	return s.app.Settings().ThemeVariant() == theme.VariantDark
}
