package roster

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// While a workbook is written the collector runs on a memory limit rather
// than on GOGC's growth target. excelize buffers each sheet it streams in
// memory (the buffer grows to 32 MB before it spills to a file) and the
// compressed parts are held until the archive is written, while an export
// allocates hundreds of megabytes on the way (every cell's text and XML).
// GOGC bounds memory by collecting whenever the heap grows by a share of
// what is live, and what is live is small for most of an export: at GOGC=50
// the collector ran many times more often than needed to stay under the
// same peak. With the limit it runs only when the export nears its budget.
// For 100,000 people, measured back to back with GOGC=50: 2.07–2.46 s
// against 2.52–2.79 s at GOGC=50 (0.96–1.14 times a bare StreamWriter
// writing the same cells, against 1.21–1.32), with the peak resident set at
// 113 MB against 117–121 MB. Go's default, GOGC=100, peaked at 164 MB. The
// peak moves with the budget in steps, as a collection falls before or
// after a sheet's buffer grows: 110–114 MB at 75 to 80 MB for 100,000
// people, 133 MB at 93 MB.
const (
	sheetBuffers     = 2 * 32 << 20 // the two large sheets' buffers, grown to 32 MB each
	archivePerPerson = 128          // bytes of compressed parts per person (110 measured)
	garbageRoom      = 4 << 20      // what is allocated between collections
)

// exportMemory is what an export of people may add to the process's memory.
func exportMemory(people int) int64 {
	return sheetBuffers + garbageRoom + int64(people)*archivePerPerson
}

// gcBound is the collector's settings while exports run.
type gcBound struct {
	sync.Mutex
	exports   int
	base      int64 // the memory the process held when the first export began
	budget    int64 // the sum of the running exports' exportMemory
	prevPct   int   // GOGC before the first export, to restore
	prevLimit int64 // the memory limit before the first export, to restore
}

var exportGC gcBound

// boundGC runs the collector on a memory limit while an export of people
// runs: the memory the process held when the first running export began,
// plus what each running export may add. A lower limit already set
// (GOMEMLIMIT) is kept; with the collector off (GOGC=off) nothing changes.
// The function it returns ends the export's part; the last one restores
// GOGC and the limit. Memory something else in the process takes on while
// an export runs counts against the limit too: the collector then runs
// more often, up to the half of the CPU Go's limiter allows, until the
// export ends.
func boundGC(people int) (restore func()) {
	g := &exportGC
	g.Lock()
	defer g.Unlock()
	if g.exports++; g.exports == 1 {
		g.prevPct = debug.SetGCPercent(-1)
		g.prevLimit = debug.SetMemoryLimit(-1)
		g.base, g.budget = heldMemory(), 0
	}
	add := exportMemory(people)
	g.budget += add
	g.apply()
	return func() {
		g.Lock()
		defer g.Unlock()
		g.budget -= add
		if g.exports--; g.exports == 0 {
			debug.SetGCPercent(g.prevPct)
			debug.SetMemoryLimit(g.prevLimit)
			return
		}
		g.apply()
	}
}

// apply sets the limit for the running exports, unless GOGC was off before
// them (the collector is then left as it is).
func (g *gcBound) apply() {
	if g.prevPct >= 0 {
		debug.SetMemoryLimit(min(g.prevLimit, g.base+g.budget))
	}
}

// heldMemory is the memory the Go runtime holds from the system now, what
// it has returned left out.
func heldMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
