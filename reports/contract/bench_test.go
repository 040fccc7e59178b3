package contract_test

import (
	"bytes"
	"io"
	"os"
	"syscall"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/groupdesk/groupdesk/reports/contract"
)

// benchPages is the length of the contract the benchmarks write.
const benchPages = 50

// fiftyPages is a contract whose PDF runs to benchPages pages.
func fiftyPages(b *testing.B) *contract.Contract {
	b.Helper()
	lo, hi := 1, 2000
	for lo < hi {
		mid := (lo + hi) / 2
		if contract.Render(manyPlans(mid)).Pages() < benchPages {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	c := manyPlans(lo)
	if n := contract.Render(c).Pages(); n != benchPages {
		b.Fatalf("a contract of %d plans runs to %d pages, not %d", lo, n, benchPages)
	}
	return c
}

// BenchmarkContractPDF renders a contract of 50 pages (cover, sections,
// the plans and rates table with its header on every page, page numbers)
// to PDF. Goal: under 200 ms.
func BenchmarkContractPDF(b *testing.B) {
	c := fiftyPages(b)
	var size int64
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		n, err := contract.Render(c).WriteTo(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(benchPages, "pages")
}

// BenchmarkContractPDFBareFpdf is the floor: fpdf alone writing the same
// rows' text on 50 pages with the same embedded font, without the layout
// (no cover, header, footer, fitting or table header).
func BenchmarkContractPDFBareFpdf(b *testing.B) {
	c := fiftyPages(b)
	font, err := os.ReadFile("../pdf/fonts/DejaVuSans.ttf")
	if err != nil {
		b.Fatal(err)
	}
	rows := contract.PlanTable(c.Contract).Rows
	var size int
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		f := fpdf.New("P", "mm", "Letter", "")
		f.AddUTF8FontFromBytes("DejaVu", "", font)
		f.SetFont("DejaVu", "", 8.5)
		f.SetAutoPageBreak(false, 0)
		for i, row := range rows {
			if f.PageCount() < i*benchPages/len(rows)+1 {
				f.AddPage()
			}
			for _, cell := range row {
				f.CellFormat(36, 5, cell, "", 0, "L", false, 0, "")
			}
			f.Ln(5)
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			b.Fatal(err)
		}
		if f.PageCount() != benchPages {
			b.Fatalf("the bare file has %d pages", f.PageCount())
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(benchPages, "pages")
}

// cpuTime is the CPU time the process has used (user and system), in
// nanoseconds: on a machine whose cores other work shares, it shows what
// a rendering costs when the wall clock also counts the waiting.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
