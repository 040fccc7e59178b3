package charts

import (
	"fmt"
	"math"

	gocharts "github.com/go-analyze/charts"
)

// Options size and colour a chart. Width and height are in pixels of the
// image; the screens scale the image to the space they have.
type Options struct {
	Width, Height int
	Dark          bool
}

func (o Options) withDefaults() Options {
	if o.Width <= 0 {
		o.Width = 720
	}
	if o.Height <= 0 {
		o.Height = 360
	}
	return o
}

func (o Options) theme() gocharts.ColorPalette {
	if o.Dark {
		return gocharts.GetTheme(gocharts.ThemeDark)
	}
	return gocharts.GetTheme(gocharts.ThemeLight)
}

// Series is one named line or set of bars.
type Series struct {
	Name   string
	Values []float64
}

// Chart is what Line and Bars draw: a title, the labels of the x axis, and
// one or more series with a value for each label.
type Chart struct {
	Title  string
	Labels []string
	Series []Series
	// Format writes a value of the y axis ("$1,200", "1,200"); whole
	// numbers with separators when nil.
	Format func(float64) string
	// Stacked piles the bars of each label on each other.
	Stacked bool
	// Horizontal lays bars along the x axis, labels down the left.
	Horizontal bool
}

func (c Chart) check() error {
	if len(c.Series) == 0 {
		return fmt.Errorf("the chart %q has no series", c.Title)
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return fmt.Errorf("the chart %q: series %q has %d values for %d labels", c.Title, s.Name, len(s.Values), len(c.Labels))
		}
	}
	return nil
}

func (c Chart) data() ([][]float64, []string) {
	values := make([][]float64, len(c.Series))
	names := make([]string, len(c.Series))
	for i, s := range c.Series {
		values[i], names[i] = s.Values, s.Name
	}
	return values, names
}

func (c Chart) formatter() gocharts.ValueFormatter {
	if c.Format != nil {
		return c.Format
	}
	return Count
}

// valueAxis runs from zero to a round number split in round steps, so that
// a change looks as large as it is and no two labels run into each other.
func (c Chart) valueAxis() gocharts.ValueAxisOption {
	ticks := 5 // labels, zero included; fewer across, where they are side by side
	if c.Horizontal {
		ticks = 4
	}
	top := roundUp(c.largest()/float64(ticks-1)) * float64(ticks-1)
	return gocharts.ValueAxisOption{Min: gocharts.Ptr(0.0), Max: gocharts.Ptr(top), LabelCount: ticks}
}

// largest is the highest value drawn: of one series, or of a stack.
func (c Chart) largest() float64 {
	top := 0.0
	for i := range c.Labels {
		sum := 0.0
		for _, s := range c.Series {
			if c.Stacked {
				sum += s.Values[i]
			} else {
				sum = max(sum, s.Values[i])
			}
		}
		top = max(top, sum)
	}
	return top
}

// roundUp is the smallest round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
// times a power of ten) that is at least v, and 1 for nothing.
func roundUp(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// legend sits under the chart, where long series names have the width.
func (c Chart) legend(names []string) gocharts.LegendOption {
	return gocharts.LegendOption{SeriesNames: names, Offset: gocharts.OffsetStr{Left: gocharts.PositionCenter, Top: gocharts.PositionBottom}}
}

func (o Options) painter() *gocharts.Painter {
	return gocharts.NewPainter(gocharts.PainterOptions{Width: o.Width, Height: o.Height, OutputFormat: gocharts.ChartOutputPNG})
}

// Line draws the series as lines over the labels, as a PNG. The value axis
// starts at zero, so that a change looks as large as it is.
func Line(c Chart, o Options) ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	values, names := c.data()
	opt := gocharts.NewLineChartOptionWithData(values)
	opt.Theme = o.theme()
	opt.Title = gocharts.TitleOption{Text: c.Title}
	opt.XAxis.Labels = sparse(c.Labels, 6)
	opt.XAxis.LabelCount = len(c.Labels)
	opt.YAxis = []gocharts.YAxisOption{c.valueAxis()}
	opt.Legend = c.legend(names)
	opt.ValueFormatter = c.formatter()
	opt.Symbol = gocharts.Symbol{Shape: gocharts.SymbolNone}
	p := o.painter()
	if err := p.LineChart(opt); err != nil {
		return nil, fmt.Errorf("drawing %q: %w", c.Title, err)
	}
	return p.Bytes()
}

// Bars draws the series as bars over the labels (side by side or stacked;
// horizontal bars leave room for long labels such as plan names), as a PNG.
func Bars(c Chart, o Options) ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	values, names := c.data()
	opt := gocharts.NewBarChartOptionWithData(values)
	opt.Theme = o.theme()
	opt.Title = gocharts.TitleOption{Text: c.Title}
	opt.Horizontal = c.Horizontal
	opt.CategoryAxis.Labels = c.Labels
	opt.ValueAxis = []gocharts.ValueAxisOption{c.valueAxis()}
	opt.Legend = c.legend(names)
	opt.ValueFormatter = c.formatter()
	if c.Stacked {
		opt.StackSeries = gocharts.Ptr(true)
	}
	p := o.painter()
	if err := p.BarChart(opt); err != nil {
		return nil, fmt.Errorf("drawing %q: %w", c.Title, err)
	}
	return p.Bytes()
}

// sparse keeps about n of the labels, evenly spaced and always the last
// (the latest month), and blanks the others so that none overlap.
func sparse(labels []string, n int) []string {
	step := (len(labels) + n - 1) / n
	out := make([]string, len(labels))
	for i := len(labels) - 1; i >= 0; i -= max(step, 1) {
		out[i] = labels[i]
	}
	return out
}
