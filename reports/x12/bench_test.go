package x12

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

// The benchmarks export and re-import the full 834 of one group of about
// 20,000 subscribers (48,000 people), read from the store. Baselines in
// the same run: writing the same segments from memory with a bare
// bufio.Writer, and reading the file segment by segment with a
// bufio.Scanner.

var (
	benchOnce sync.Once
	benchEnv  struct {
		dir, dbPath, groupID, file string
		subscribers                int
		segments                   []string
		err                        error
	}
)

// TestMain removes the benchmarks' shared store.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchEnv.dir != "" {
		os.RemoveAll(benchEnv.dir)
	}
	os.Exit(code)
}

// benchStore builds the store and one exported file once per process.
func benchStore(b *testing.B) *sqlite.DB {
	b.Helper()
	benchOnce.Do(func() {
		e := &benchEnv
		if e.dir, e.err = os.MkdirTemp("", "groupdesk-x12-bench-"); e.err != nil {
			return
		}
		e.dbPath = filepath.Join(e.dir, "x12.db")
		db, err := sqlite.Open(ownerCtx(), e.dbPath)
		if e.err = err; err != nil {
			return
		}
		defer db.Close()
		book := demo.Generate(demo.Options{Seed: 1, Groups: 1, People: 48_000, Today: storeToday})
		e.groupID = book.Groups[0].ID
		if e.err = db.Load(ownerCtx(), book, nil); e.err != nil {
			return
		}
		var buf bytes.Buffer
		sum, err := Export834(ownerCtx(), db, e.groupID, &buf, Options834{On: storeToday, Carrier: testCarrier})
		if e.err = err; err != nil {
			return
		}
		e.subscribers = sum.Subscribers
		e.file = filepath.Join(e.dir, "full.834")
		if e.err = os.WriteFile(e.file, buf.Bytes(), 0o600); e.err != nil {
			return
		}
		for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			e.segments = append(e.segments, string(bytes.TrimSuffix(line, []byte("~"))))
		}
	})
	if benchEnv.err != nil {
		b.Fatal(benchEnv.err)
	}
	if benchEnv.subscribers < 19_000 {
		b.Fatalf("the benchmark group has %d subscribers, want about 20,000", benchEnv.subscribers)
	}
	db, err := sqlite.Open(ownerCtx(), benchEnv.dbPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkExport834Full exports the group's full 834 from the store to a
// file: the roster read family by family, the file written, read back and
// checked, and renamed into place.
func BenchmarkExport834Full(b *testing.B) {
	db := benchStore(b)
	dir := b.TempDir()
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		err := atomicfile.Write(filepath.Join(dir, fmt.Sprintf("full%d.834", i)), func(w io.Writer) error {
			_, err := Export834(ownerCtx(), db, benchEnv.groupID, w, Options834{On: storeToday, Carrier: testCarrier, Now: time.Now()})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(benchEnv.subscribers), "subscribers")
	b.ReportMetric(float64(len(benchEnv.segments)), "segments")
}

// BenchmarkExport834Bufio writes the same segments from memory with a
// bare bufio.Writer: the floor of writing the file.
func BenchmarkExport834Bufio(b *testing.B) {
	benchStore(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("plain%d.834", i)))
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		for _, s := range benchEnv.segments {
			w.WriteString(s)
			w.WriteString("~\n")
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.StopTimer()
	b.ReportMetric(float64(len(benchEnv.segments)), "segments")
}

// BenchmarkImport834Full re-imports the file as groupdesk import 834
// --compare does: read, every envelope, loop and code checked, and every
// member compared with the roster read from the store.
func BenchmarkImport834Full(b *testing.B) {
	db := benchStore(b)
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		data, err := os.ReadFile(benchEnv.file)
		if err != nil {
			b.Fatal(err)
		}
		r, err := Compare834(ownerCtx(), db, benchEnv.groupID, data, "full.834", storeToday)
		if err != nil {
			b.Fatal(err)
		}
		if !r.Clean() {
			b.Fatalf("the round trip found %d discrepancies", len(r.Items))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(benchEnv.subscribers), "subscribers")
}

// BenchmarkImport834Scanner reads the same file segment by segment with a
// bufio.Scanner split on the terminator, and nothing else.
func BenchmarkImport834Scanner(b *testing.B) {
	benchStore(b)
	b.ResetTimer()
	for range b.N {
		f, err := os.Open(benchEnv.file)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
			if i := bytes.IndexByte(data, '~'); i >= 0 {
				return i + 1, data[:i], nil
			}
			if atEOF && len(data) > 0 {
				return len(data), data, nil
			}
			return 0, nil, nil
		})
		n := 0
		for sc.Scan() {
			n++
		}
		f.Close()
		if sc.Err() != nil || n < len(benchEnv.segments) {
			b.Fatalf("scanned %d segments of %d: %v", n, len(benchEnv.segments), sc.Err())
		}
	}
}

// cpuTime is the CPU time the process has used (user and system), in
// nanoseconds: on a machine whose cores other work shares, it shows what
// an operation costs when the wall clock also counts the waiting.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
