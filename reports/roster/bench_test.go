package roster

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/xuri/excelize/v2"
)

// The export benchmarks write the roster of one group of about 100,000
// people, read from the store. Baselines in the same run: a bare excelize
// StreamWriter writing the same cells from memory, and LibreOffice
// converting the equivalent CSV (what a user would do instead).

var (
	exportOnce sync.Once
	exportEnv  struct {
		dir, dbPath, groupID string
		people               int
		err                  error
	}
	exportToday = model.MustDate("2026-11-28")
)

func ownerCtx() context.Context { return model.WithPrincipal(context.Background(), model.LocalOwner) }

// TestMain removes the benchmarks' shared store.
func TestMain(m *testing.M) {
	code := m.Run()
	if exportEnv.dir != "" {
		os.RemoveAll(exportEnv.dir)
	}
	os.Exit(code)
}

// exportStore builds the store once per benchmark process.
func exportStore(b *testing.B) (*sqlite.DB, string, int) {
	b.Helper()
	exportOnce.Do(func() {
		e := &exportEnv
		if e.dir, e.err = os.MkdirTemp("", "groupdesk-export-bench-"); e.err != nil {
			return
		}
		e.dbPath = filepath.Join(e.dir, "roster.db")
		db, err := sqlite.Open(ownerCtx(), e.dbPath)
		if e.err = err; err != nil {
			return
		}
		defer db.Close()
		book := demo.Generate(demo.Options{Seed: 1, Groups: 1, People: 100_700, Today: exportToday})
		e.groupID, e.people = book.Groups[0].ID, len(book.Members)
		e.err = db.Load(ownerCtx(), book, nil)
	})
	if exportEnv.err != nil {
		b.Fatal(exportEnv.err)
	}
	db, err := sqlite.Open(ownerCtx(), exportEnv.dbPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, exportEnv.groupID, exportEnv.people
}

// exportOnceTo writes the group's roster to path.
func exportOnceTo(db *sqlite.DB, groupID, path string) error {
	src, err := NewSource(ownerCtx(), db, groupID, exportToday)
	if err != nil {
		return err
	}
	_, err = WriteFile(ownerCtx(), path, src, Options{Now: time.Now()})
	return err
}

// BenchmarkRosterExportXLSX exports the roster to a workbook, and reports
// the peak memory (resident set) of a process that does only that.
func BenchmarkRosterExportXLSX(b *testing.B) {
	db, groupID, people := exportStore(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		if err := exportOnceTo(db, groupID, filepath.Join(dir, fmt.Sprintf("roster%d.xlsx", i))); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N*people)/b.Elapsed().Seconds(), "people/s")
	anon, rss := peakExportMB(b)
	b.ReportMetric(anon, "peak-anon-MB")
	b.ReportMetric(rss, "peak-rss-MB")
}

// peakExportMB runs one export in a child process (this test binary) and
// returns its peak memory: the anonymous memory (heaps, Go's and SQLite's)
// it sampled, and its peak resident set (VmHWM), which also counts the
// program's text and any pages of the database file SQLite maps. The child
// reads its own VmHWM: the rusage of a child started by os/exec is no
// measure, as Go starts it with vfork, and the kernel carries the parent's
// peak resident set (this benchmark's, with its store and three exports)
// into the child's when it execs.
func peakExportMB(b *testing.B) (anon, rss float64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "GROUPDESK_EXPORT_CHILD="+exportEnv.dbPath+"|"+exportEnv.groupID+"|"+filepath.Join(b.TempDir(), "child.xlsx"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("the export child failed: %v\n%s", err, out)
	}
	i, j := strings.Index(string(out), "peak-anon-kB "), strings.Index(string(out), "peak-rss-kB ")
	if i < 0 || j < 0 {
		b.Fatalf("the export child did not report its memory:\n%s", out)
	}
	fmt.Sscanf(string(out[i:]), "peak-anon-kB %f", &anon)
	fmt.Sscanf(string(out[j:]), "peak-rss-kB %f", &rss)
	return anon / 1024, rss / 1024
}

// statusKB reads a field of /proc/self/status (kB).
func statusKB(field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	i := strings.Index(string(b), field+":")
	if i < 0 {
		return 0
	}
	var kb int
	fmt.Sscanf(string(b[i+len(field)+1:]), "%d", &kb)
	return kb
}

// sampleAnon tracks the largest RssAnon of this process until stop closes.
func sampleAnon(stop <-chan struct{}) <-chan int {
	res := make(chan int, 1)
	go func() {
		peak := 0
		for {
			peak = max(peak, statusKB("RssAnon"))
			select {
			case <-stop:
				res <- peak
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return res
}

// TestExportChild is the child process of peakExportMB.
func TestExportChild(t *testing.T) {
	env := os.Getenv("GROUPDESK_EXPORT_CHILD")
	if env == "" {
		t.Skip("run by BenchmarkRosterExportXLSX")
	}
	var dbPath, groupID, out string
	if n, _ := fmt.Sscanf(replaceBars(env), "%s %s %s", &dbPath, &groupID, &out); n != 3 {
		t.Fatalf("bad GROUPDESK_EXPORT_CHILD %q", env)
	}
	stop := make(chan struct{})
	peak := sampleAnon(stop)
	db, err := sqlite.Open(ownerCtx(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := exportOnceTo(db, groupID, out); err != nil {
		t.Fatal(err)
	}
	close(stop)
	fmt.Printf("peak-anon-kB %d\npeak-rss-kB %d\n", <-peak, statusKB("VmHWM"))
}

func replaceBars(s string) string {
	out := []byte(s)
	for i := range out {
		if out[i] == '|' {
			out[i] = ' '
		}
	}
	return string(out)
}

// benchCells materialises the cells the export writes, per sheet.
func benchCells(b *testing.B, db *sqlite.DB, groupID string) (subs, deps [][]any, st styles, f *excelize.File) {
	b.Helper()
	src, err := NewSource(ownerCtx(), db, groupID, exportToday)
	if err != nil {
		b.Fatal(err)
	}
	f = excelize.NewFile()
	if st, err = newStyles(f); err != nil {
		b.Fatal(err)
	}
	// The rows the export hands to excelize, each kept (the export
	// recycles them).
	sheets := map[bool]*sheetWriter{true: {st: st, cols: subscriberColumns}, false: {st: st, cols: dependentColumns}}
	_, err = walk(ownerCtx(), &src, Options{}, newXLSXRow, func(p *person, r *xlsxRow) {
		r.render(sheets[p.m.IsSubscriber()], p)
	}, func(r *xlsxRow) error {
		keep := newXLSXRow()
		copy(keep.cells, r.cells)
		for i, v := range r.vals {
			if _, ok := v.(*excelize.Cell); ok {
				v = &keep.cells[i]
			}
			keep.vals = append(keep.vals, v)
		}
		into := &deps
		if r.sheet == sheets[true] {
			into = &subs
		}
		*into = append(*into, keep.vals)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return subs, deps, st, f
}

// BenchmarkRosterExportBareStreamWriter writes the same cells, already in
// memory, with a bare excelize StreamWriter: the floor of the export.
func BenchmarkRosterExportBareStreamWriter(b *testing.B) {
	db, groupID, people := exportStore(b)
	subs, deps, _, proto := benchCells(b, db, groupID)
	proto.Close()
	dir := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		f := excelize.NewFile()
		st, _ := newStyles(f) // the same style IDs as the cells carry
		_ = st
		f.SetSheetName("Sheet1", "Subscribers")
		f.NewSheet("Dependents")
		for _, sheet := range []struct {
			name string
			rows [][]any
		}{{"Subscribers", subs}, {"Dependents", deps}} {
			sw, err := f.NewStreamWriter(sheet.name)
			if err != nil {
				b.Fatal(err)
			}
			for r, row := range sheet.rows {
				ref, _ := excelize.CoordinatesToCellName(1, r+2)
				if err := sw.SetRow(ref, row); err != nil {
					b.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.SaveAs(filepath.Join(dir, "bare"+strconv.Itoa(i)+".xlsx")); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.ReportMetric(float64(b.N*people)/b.Elapsed().Seconds(), "people/s")
}

// BenchmarkRosterExportLibreOffice converts the equivalent CSV to a
// workbook with LibreOffice, as a user without GroupDesk would.
func BenchmarkRosterExportLibreOffice(b *testing.B) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			b.Skip("LibreOffice is not installed (scripts/install-deps.sh bench installs libreoffice-calc-nogui): no baseline")
		}
	}
	db, groupID, people := exportStore(b)
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "roster.csv")
	src, err := NewSource(ownerCtx(), db, groupID, exportToday)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := WriteFile(ownerCtx(), csvPath, src, Options{}); err != nil {
		b.Fatal(err)
	}
	profile := "file://" + filepath.Join(dir, "lo-profile")
	b.ResetTimer()
	for i := range b.N {
		out := filepath.Join(dir, "out"+strconv.Itoa(i))
		cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "xlsx", "--outdir", out, csvPath)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("LibreOffice: %v\n%s", err, msg)
		}
		if _, err := os.Stat(filepath.Join(out, "roster.xlsx")); err != nil {
			b.Fatalf("LibreOffice wrote no workbook: %v", err)
		}
	}
	b.ReportMetric(float64(b.N*people)/b.Elapsed().Seconds(), "people/s")
}
