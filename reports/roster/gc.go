package roster

import (
	"runtime/debug"
	"sync"
)

// exportGCPercent is the garbage collector's target while a workbook is
// written. excelize buffers each sheet it streams in memory, 16 to 32 MB a
// sheet, and the rest of what an export keeps is small, while it allocates
// hundreds of megabytes on the way (every cell's text and XML). At Go's
// default (GOGC=100) the heap grows to twice what is live, the buffers
// included: 142 MB of memory for 100,000 people (its peak resident set 164
// MB), against 103 MB (125 MB) at 50, and 113 MB (136 MB) at 75, with the
// compressed parts held until the archive is written. The collections this
// adds are short, as the buffers hold no pointers to scan.
const exportGCPercent = 50

var exportGC struct {
	sync.Mutex
	exports int
	prev    int // the percent before the first export, to restore
}

// lowerGC sets the collector's target to exportGCPercent, unless it is lower
// already, until the last export running calls the function it returns.
func lowerGC() (restore func()) {
	exportGC.Lock()
	defer exportGC.Unlock()
	if exportGC.exports++; exportGC.exports == 1 {
		exportGC.prev = debug.SetGCPercent(exportGCPercent)
		if exportGC.prev < exportGCPercent {
			debug.SetGCPercent(exportGC.prev) // GOGC lower already, or off (-1)
		}
	}
	return func() {
		exportGC.Lock()
		defer exportGC.Unlock()
		if exportGC.exports--; exportGC.exports == 0 {
			debug.SetGCPercent(exportGC.prev)
		}
	}
}
