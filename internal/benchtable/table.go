package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// result is one benchmark, its figures averaged over the runs (-count) the
// input holds.
type result struct {
	pkg     string
	name    string // without "Benchmark" and the -GOMAXPROCS suffix
	runs    int
	nsPerOp float64
	metrics []metric // in the order of the first run
}

type metric struct {
	unit  string
	value float64
}

// procsSuffix is the -GOMAXPROCS suffix go test adds to benchmark names.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// parse reads benchmark lines ("BenchmarkX-8  3  1234 ns/op  5.0 p50-ms"),
// remembering the package each belongs to, and the lines that report a
// failure.
func parse(r io.Reader) (results []*result, failures []string, err error) {
	byKey := map[string]*result{}
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimPrefix(line, "pkg: ")
		case strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "panic:"):
			failures = append(failures, line)
		case strings.HasPrefix(line, "Benchmark"):
			r, ok := parseLine(line)
			if !ok {
				continue
			}
			r.pkg = pkg
			key := pkg + " " + r.name
			if prev := byKey[key]; prev != nil {
				prev.add(r)
				continue
			}
			byKey[key] = r
			results = append(results, r)
		}
	}
	return results, failures, sc.Err()
}

// parseLine reads one result line; a line with a name only (printed by -v
// before the result) is not one.
func parseLine(line string) (*result, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return nil, false
	}
	if _, err := strconv.Atoi(f[1]); err != nil {
		return nil, false
	}
	name := procsSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
	r := &result{name: name, runs: 1, nsPerOp: math.NaN()}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return nil, false
		}
		if f[i+1] == "ns/op" {
			r.nsPerOp = v
			continue
		}
		r.metrics = append(r.metrics, metric{f[i+1], v})
	}
	return r, true
}

// add folds another run of the same benchmark into the running mean.
func (r *result) add(o *result) {
	k := float64(r.runs)
	r.nsPerOp = (r.nsPerOp*k + o.nsPerOp) / (k + 1)
	for i := range r.metrics {
		for _, m := range o.metrics {
			if m.unit == r.metrics[i].unit {
				r.metrics[i].value = (r.metrics[i].value*k + m.value) / (k + 1)
			}
		}
	}
	r.runs++
}

// baseline returns the benchmark this one is compared with: the one in the
// same package whose name has the baseline suffix in place of the pair's
// suffix (the longest matching suffix wins).
func baseline(r *result, all []*result, pairs map[string]string) *result {
	suffixes := make([]string, 0, len(pairs))
	for s := range pairs {
		suffixes = append(suffixes, s)
	}
	sort.Slice(suffixes, func(i, j int) bool { return len(suffixes[i]) > len(suffixes[j]) })
	for _, s := range suffixes {
		if !strings.HasSuffix(r.name, s) {
			continue
		}
		want := strings.TrimSuffix(r.name, s) + pairs[s]
		for _, b := range all {
			if b.pkg == r.pkg && b.name == want && b != r {
				return b
			}
		}
	}
	return nil
}

// render writes the table: one row per benchmark, grouped by package.
func render(w io.Writer, results []*result, pairs map[string]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\ttime/op\tmetrics\tvs baseline")
	pkg := "\x00"
	for _, r := range results {
		if r.pkg != pkg {
			pkg = r.pkg
			if pkg != "" {
				fmt.Fprintf(tw, "%s\t\t\t\n", pkg)
			}
		}
		ratio := ""
		if b := baseline(r, results, pairs); b != nil && b.nsPerOp > 0 && !math.IsNaN(r.nsPerOp) {
			ratio = fmt.Sprintf("%.2f× %s", r.nsPerOp/b.nsPerOp, b.name)
		}
		var ms []string
		for _, m := range r.metrics {
			ms = append(ms, formatNumber(m.value)+" "+m.unit)
		}
		name := "  " + r.name
		if r.runs > 1 {
			name += fmt.Sprintf(" (mean of %d)", r.runs)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", name, formatNs(r.nsPerOp), strings.Join(ms, "  "), ratio)
	}
	return tw.Flush()
}

// formatNs writes a duration in nanoseconds with a unit a person reads at a
// glance: 850ns, 12.3µs, 4.56ms, 1.23s.
func formatNs(ns float64) string {
	if math.IsNaN(ns) {
		return "-"
	}
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3gms", ns/1e6)
	case d >= time.Microsecond:
		return fmt.Sprintf("%.3gµs", ns/1e3)
	}
	return fmt.Sprintf("%.0fns", ns)
}

// formatNumber writes a metric with four significant digits, and values of
// a thousand and more whole, with thousands separators.
func formatNumber(v float64) string {
	if math.Abs(v) < 1000 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
