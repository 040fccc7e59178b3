package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: github.com/groupdesk/groupdesk/model/sqlite
cpu: Some CPU
BenchmarkInsertPlain
BenchmarkInsertPlain-2          	       3	1051388606 ns/op	     95113 people/s
BenchmarkInsertStore-2          	       3	8392122049 ns/op	     11916 people/s
BenchmarkSearchPrefix1-2        	       3	 130188489 ns/op	        26.00 calls/op	         3.764 p50-ms	        10.85 p95-ms
    bench_test.go:186: built the 100000-people store in 9.022s
BenchmarkParseStore-2           	    1000	      1500 ns/op
BenchmarkParsePlain-2           	    1000	       500 ns/op
BenchmarkEncodeFast-2           	      10	    500000 ns/op
BenchmarkEncodeFast-2           	      10	    700000 ns/op
BenchmarkEncodeSlow-2           	      10	   2400000 ns/op
PASS
ok  	github.com/groupdesk/groupdesk/model/sqlite	67.959s
pkg: github.com/groupdesk/groupdesk/reports
BenchmarkInsertStore-2          	       3	       900 ns/op
--- FAIL: TestSomething (0.00s)
FAIL	github.com/groupdesk/groupdesk/reports	0.1s
`

// rows returns the table's lines keyed by their first cell (the first line
// of each).
func rows(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && m[f[0]] == "" {
			m[f[0]] = line
		}
	}
	return m
}

func TestTable(t *testing.T) {
	results, failures, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := render(&b, results, pairFlag{"Store": "Plain", "Slow": "Fast"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	t.Log("\n" + out)
	got := rows(t, out)
	tests := []struct {
		name, row string
		want      []string
	}{
		{"the store insert is compared with the plain one of the same run", "InsertStore", []string{"8.39s", "11,916 people/s", "7.98× InsertPlain"}},
		{"the baseline has no ratio of its own", "InsertPlain", []string{"1.05s", "95,113 people/s"}},
		{"custom metrics are listed with their units", "SearchPrefix1", []string{"130ms", "26 calls/op", "3.764 p50-ms", "10.85 p95-ms"}},
		{"microseconds read as such", "ParseStore", []string{"1.5µs", "3.00× ParsePlain"}},
		{"repeated runs are averaged", "EncodeFast", []string{"(mean of 2)", "600µs"}},
		{"a -pair suffix finds its baseline", "EncodeSlow", []string{"2.4ms", "4.00× EncodeFast"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, ok := got[tt.row]
			if !ok {
				t.Fatalf("no row for %s", tt.row)
			}
			for _, w := range tt.want {
				if !strings.Contains(row, w) {
					t.Errorf("row %q lacks %q", row, w)
				}
			}
		})
	}
	t.Run("a baseline is looked for in the same package only", func(t *testing.T) {
		lines := strings.Split(out, "\n")
		last := lines[len(lines)-2]
		if !strings.Contains(last, "InsertStore") || strings.Contains(last, "×") {
			t.Errorf("last row %q", last)
		}
	})
	t.Run("failures are reported", func(t *testing.T) {
		if len(failures) != 2 {
			t.Errorf("failures %q", failures)
		}
	})
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		ns   float64
		want string
	}{{850, "850ns"}, {12345, "12.3µs"}, {4_560_000, "4.56ms"}, {123_000_000, "123ms"}, {8_392_122_049, "8.39s"}} {
		if got := formatNs(tt.ns); got != tt.want {
			t.Errorf("formatNs(%v) = %q, want %q", tt.ns, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{3.764, "3.764"}, {26, "26"}, {0.34321, "0.3432"}, {999.96, "1000"}, {95113.4, "95,113"}, {1234567, "1,234,567"}, {-12000, "-12,000"}} {
		if got := formatNumber(tt.v); got != tt.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestPairFlag(t *testing.T) {
	p := pairFlag{}
	if err := p.Set("InsertStore=InsertPlain"); err != nil || p["InsertStore"] != "InsertPlain" {
		t.Errorf("%v, %v", p, err)
	}
	for _, bad := range []string{"InsertStore", "=Plain", "Store="} {
		if err := p.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}
