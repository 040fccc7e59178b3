package census_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/reports/census"
	"github.com/groupdesk/groupdesk/reports/roster"
	"github.com/xuri/excelize/v2"
)

// The import benchmarks read a census of about 100,000 people (one large
// demo group, written as GroupDesk exports it) into an empty group: read,
// map, check, compare with the roster and apply, audit and outbox included.
// Each is paired with a baseline measured in the same run.

var (
	benchOnce  sync.Once
	benchFiles struct {
		dir, csv, xlsx string
		book           *model.Book
		people         int
		err            error
	}
	benchToday = model.MustDate("2026-11-28")
)

// TestMain removes the benchmarks' census files.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchFiles.dir != "" {
		os.RemoveAll(benchFiles.dir)
	}
	os.Exit(code)
}

// benchCensus writes the benchmark's census once, as CSV and as XLSX.
func benchCensus(b *testing.B) (csvPath, xlsxPath string, people int) {
	b.Helper()
	benchOnce.Do(func() {
		f := &benchFiles
		f.book = demo.Generate(demo.Options{Seed: 1, Groups: 1, People: 100_700, Today: benchToday})
		f.people = len(f.book.Members)
		f.dir, f.err = os.MkdirTemp("", "groupdesk-census-bench-")
		if f.err != nil {
			return
		}
		f.csv, f.xlsx = filepath.Join(f.dir, "census.csv"), filepath.Join(f.dir, "census.xlsx")
		src := bookSource(f.book)
		if _, f.err = roster.WriteFile(context.Background(), f.csv, src, roster.Options{Unmasked: true}); f.err == nil {
			_, f.err = roster.WriteFile(context.Background(), f.xlsx, src, roster.Options{Unmasked: true})
		}
	})
	if benchFiles.err != nil {
		b.Fatal(benchFiles.err)
	}
	return benchFiles.csv, benchFiles.xlsx, benchFiles.people
}

// bookSource is the demo group as a roster export source.
func bookSource(book *model.Book) roster.Source {
	g := book.Groups[0]
	src := roster.Source{Group: g, Plans: map[string]*model.Plan{}, RatingDate: g.PlanYearStart(benchToday)}
	for i := range book.Plans {
		src.Plans[book.Plans[i].ID] = &book.Plans[i]
	}
	for _, m := range book.Members {
		if m.IsSubscriber() {
			src.Subscribers++
		} else {
			src.Dependents++
		}
	}
	src.Families = func(ctx context.Context, fn func([]model.Member) error) error {
		ms := book.Members
		for start := 0; start < len(ms); {
			end := start + 1
			for end < len(ms) && !ms[end].IsSubscriber() {
				end++
			}
			if err := fn(ms[start:end]); err != nil {
				return err
			}
			start = end
		}
		return nil
	}
	return src
}

// emptyGroupDB opens a new store holding the plans and the group, no one
// in it.
func emptyGroupDB(b *testing.B) (*sqlite.DB, model.Group, context.Context) {
	b.Helper()
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "import.db"))
	if err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return benchToday.Time().Add(10 * time.Hour) }
	book := &model.Book{Plans: append([]model.Plan(nil), benchFiles.book.Plans...), Groups: []model.Group{benchFiles.book.Groups[0]}}
	if err := db.Load(ctx, book, nil); err != nil {
		b.Fatal(err)
	}
	return db, book.Groups[0], ctx
}

// stages sums the time an import spends reading, planning and applying.
type stages struct{ read, plan, apply time.Duration }

func (s *stages) report(b *testing.B) {
	for _, st := range []struct {
		d    time.Duration
		unit string
	}{{s.read, "read-s/op"}, {s.plan, "plan-s/op"}, {s.apply, "apply-s/op"}} {
		b.ReportMetric(st.d.Seconds()/float64(b.N), st.unit)
	}
}

// importFile is the whole import: read, plan against the roster, apply.
func importFile(b *testing.B, db *sqlite.DB, g model.Group, ctx context.Context, path string, st *stages) {
	b.Helper()
	t0 := time.Now()
	c, err := census.ReadFile(ctx, path, census.Options{})
	if err != nil {
		b.Fatal(err)
	}
	t1 := time.Now()
	roster, err := db.ImportRoster(ctx, g.ID)
	if err != nil {
		b.Fatal(err)
	}
	plans, _ := db.Plans(ctx)
	plan := model.PlanImport(roster, c.Records, c.Problems, model.ImportOptions{GroupID: g.ID, File: path, Today: benchToday,
		Plans: plans, NewID: sqlite.NewID})
	if plan.Errors() > 0 {
		b.Fatalf("the census has %d errors: %v", plan.Errors(), plan.Problems[0])
	}
	t2 := time.Now()
	if _, err := db.ApplyImport(ctx, plan); err != nil {
		b.Fatal(err)
	}
	st.read += t1.Sub(t0)
	st.plan += t2.Sub(t1)
	st.apply += time.Since(t2)
}

func benchImport(b *testing.B, pick func(csv, xlsx string) string) {
	csvPath, xlsxPath, people := benchCensus(b)
	b.ResetTimer()
	var st stages
	for range b.N {
		b.StopTimer()
		db, g, ctx := emptyGroupDB(b)
		runtime.GC()
		b.StartTimer()
		importFile(b, db, g, ctx, pick(csvPath, xlsxPath), &st)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*people)/b.Elapsed().Seconds(), "people/s")
	st.report(b)
}

// BenchmarkCensusImportCSV imports the CSV census into an empty group.
func BenchmarkCensusImportCSV(b *testing.B) {
	benchImport(b, func(csv, _ string) string { return csv })
}

// BenchmarkCensusImportCSVSqlite3Shell is the floor of a CSV import: the
// sqlite3 command-line shell's .import of the same file into a bare table.
func BenchmarkCensusImportCSVSqlite3Shell(b *testing.B) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed (scripts/install-deps.sh bench)")
	}
	csvPath, _, people := benchCensus(b)
	b.ResetTimer()
	for i := range b.N {
		db := filepath.Join(b.TempDir(), fmt.Sprintf("bare%d.db", i))
		out, err := exec.Command(sqlite3, db, ".import --csv "+csvPath+" census").CombinedOutput()
		if err != nil {
			b.Fatalf("sqlite3 .import: %v\n%s", err, out)
		}
	}
	b.ReportMetric(float64(b.N*people)/b.Elapsed().Seconds(), "people/s")
}

// BenchmarkCensusImportXLSX imports the same census from a workbook.
func BenchmarkCensusImportXLSX(b *testing.B) {
	benchImport(b, func(_, xlsx string) string { return xlsx })
}

// BenchmarkCensusImportXLSXExcelizeRead is the floor of an XLSX import:
// excelize alone streaming every row of the same sheets.
func BenchmarkCensusImportXLSXExcelizeRead(b *testing.B) {
	_, xlsxPath, people := benchCensus(b)
	b.ResetTimer()
	for range b.N {
		f, err := excelize.OpenFile(xlsxPath, excelize.Options{UnzipSizeLimit: 1 << 30})
		if err != nil {
			b.Fatal(err)
		}
		cells := 0
		for _, sheet := range []string{"Subscribers", "Dependents"} {
			rows, err := f.Rows(sheet)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				row, err := rows.Columns(excelize.Options{RawCellValue: true})
				if err != nil {
					b.Fatal(err)
				}
				cells += len(row)
			}
			rows.Close()
		}
		f.Close()
		if cells < people {
			b.Fatalf("read %d cells", cells)
		}
	}
	b.ReportMetric(float64(b.N*people)/b.Elapsed().Seconds(), "people/s")
}
