package charts

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

var today = model.MustDate("2026-11-28")

// demoGroup loads a small demo book and returns the store and its largest
// group.
func demoGroup(t *testing.T) (*sqlite.DB, context.Context, model.GroupSummary) {
	t.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "charts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Load(ctx, demo.Generate(demo.Options{Seed: 3, People: 1200, Today: today}), nil); err != nil {
		t.Fatal(err)
	}
	groups, err := db.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	best := groups[0]
	for _, g := range groups {
		if g.Subscribers > best.Subscribers {
			best = g
		}
	}
	return db, ctx, best
}

func TestEveryChartOfADemoGroupIsDrawn(t *testing.T) {
	db, ctx, g := demoGroup(t)
	spans, err := db.CoverageSpans(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.Stats(ctx, g.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	// Billing and renewals are not built yet: their charts get figures
	// derived from the group's estimated premium.
	var months []MonthPremium
	for i := 23; i >= 0; i-- {
		months = append(months, MonthPremium{Month: today.FirstOfMonth().AddMonths(-i), Premium: st.MonthlyPremium * model.Money(100-i) / 100})
	}
	var renewals []PlanRenewal
	for _, pc := range st.ByPlanTier {
		renewals = append(renewals, PlanRenewal{Plan: pc.PlanName, Current: model.Money(pc.Members) * 61000, Renewal: model.Money(pc.Members) * 65300})
	}
	for _, tc := range []struct {
		name string
		draw func(Options) ([]byte, error)
	}{
		{"head count over 24 months", func(o Options) ([]byte, error) { return Headcount(model.HeadcountByMonth(spans, today, 24), o) }},
		{"members by plan and tier", func(o Options) ([]byte, error) { return PlanTier(st.ByPlanTier, o) }},
		{"monthly premium over 24 months", func(o Options) ([]byte, error) { return MonthlyPremium(months, o) }},
		{"renewal change by plan", func(o Options) ([]byte, error) { return RenewalChange(renewals[:min(4, len(renewals))], o) }},
	} {
		for _, dark := range []bool{false, true} {
			t.Run(tc.name+themeName(dark), func(t *testing.T) {
				b, err := tc.draw(Options{Width: 640, Height: 320, Dark: dark})
				if err != nil {
					t.Fatal(err)
				}
				img := decode(t, b)
				if got := img.Bounds().Size(); got != image.Pt(640, 320) {
					t.Fatalf("size %v, want 640×320", got)
				}
				if n := colours(img); n < 16 {
					t.Fatalf("the chart has %d colours: blank", n)
				}
				keep(t, tc.name+themeName(dark), b)
			})
		}
	}
}

func TestAChartWithoutDataIsRefused(t *testing.T) {
	if _, err := Line(Chart{Title: "empty"}, Options{}); err == nil {
		t.Fatal("a chart with no series was drawn")
	}
	if _, err := Bars(Chart{Labels: []string{"a", "b"}, Series: []Series{{Name: "x", Values: []float64{1}}}}, Options{}); err == nil {
		t.Fatal("a series shorter than its labels was drawn")
	}
}

func TestAxisValuesReadAsPeopleAndDollars(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Count(12480), "12,480"}, {Count(-1500.4), "-1,500"}, {Count(0), "0"},
		{Dollars(1180.22), "$1,180"}, {Dollars(-25000), "-$25k"}, {Dollars(62500), "$62.5k"}, {Dollars(1240000), "$1.2M"},
		{change(100000, 106200), "+6.2%"}, {change(0, 5), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func themeName(dark bool) string {
	if dark {
		return " in the dark theme"
	}
	return ""
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// colours counts the distinct colours of an image: a blank one has one.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// keep saves a chart in $GROUPDESK_ARTIFACTS/charts for people to look at.
func keep(t *testing.T, name string, b []byte) {
	dir := os.Getenv("GROUPDESK_ARTIFACTS")
	if dir == "" {
		return
	}
	dir = filepath.Join(dir, "charts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTheValueAxisEndsOnARoundNumber(t *testing.T) {
	for _, tc := range []struct {
		name    string
		c       Chart
		wantTop float64
	}{
		{"the tallest bar sets the top", Chart{Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{290, 120}}}}, 320},
		{"a stack counts whole", Chart{Labels: []string{"a"}, Series: []Series{{Values: []float64{150}}, {Values: []float64{150}}}, Stacked: true}, 320},
		{"money rounds up to a round step", Chart{Labels: []string{"a"}, Series: []Series{{Values: []float64{233000}}}}, 240000},
		{"a small count", Chart{Labels: []string{"a"}, Series: []Series{{Values: []float64{7}}}}, 8},
		{"nothing at all", Chart{Labels: []string{"a"}, Series: []Series{{Values: []float64{0}}}}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := *tc.c.valueAxis().Max; got != tc.wantTop {
				t.Fatalf("top %v, want %v", got, tc.wantTop)
			}
		})
	}
}
