package roster

import (
	"math"
	"runtime/debug"
	"testing"
)

// gcSettings reads GOGC and the memory limit without changing them.
func gcSettings() (pct int, limit int64) {
	pct = debug.SetGCPercent(100)
	debug.SetGCPercent(pct)
	return pct, debug.SetMemoryLimit(-1)
}

// TestBoundGC checks that exports run the collector on a memory limit
// that holds each running export's budget, and that the last one to end
// puts GOGC and the limit back; that a lower limit set already is kept;
// and that a collector turned off stays off, with no limit set.
func TestBoundGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	first := boundGC(100_000)
	pct, limit := gcSettings()
	base := exportGC.base
	if pct != -1 || limit != base+exportMemory(100_000) {
		t.Errorf("while exporting GOGC is %d and the limit %d, want off and %d", pct, limit, base+exportMemory(100_000))
	}
	if held := heldMemory(); base <= 0 || base > held+(64<<20) {
		t.Errorf("the export's base is %d bytes with %d held now", base, held)
	}
	second := boundGC(10)
	if _, limit := gcSettings(); limit != base+exportMemory(100_000)+exportMemory(10) {
		t.Errorf("with two exports the limit is %d, want both budgets: %d", limit, base+exportMemory(100_000)+exportMemory(10))
	}
	first()
	if pct, limit := gcSettings(); pct != -1 || limit != base+exportMemory(10) {
		t.Errorf("with an export still running GOGC is %d and the limit %d, want off and %d", pct, limit, base+exportMemory(10))
	}
	second()
	if pct, limit := gcSettings(); pct != 100 || limit != math.MaxInt64 {
		t.Errorf("after the exports GOGC is %d and the limit %d, want 100 and none back", pct, limit)
	}

	debug.SetMemoryLimit(1 << 20)
	restore := boundGC(100_000)
	if _, limit := gcSettings(); limit != 1<<20 {
		t.Errorf("an export raised a 1 MB limit to %d", limit)
	}
	restore()
	if pct, limit := gcSettings(); pct != 100 || limit != 1<<20 {
		t.Errorf("after an export GOGC is %d and the limit %d, want 100 and 1 MB", pct, limit)
	}
	debug.SetMemoryLimit(math.MaxInt64)

	debug.SetGCPercent(-1)
	restore = boundGC(100_000)
	if pct, limit := gcSettings(); pct != -1 || limit != math.MaxInt64 {
		t.Errorf("with GOGC=off an export set GOGC %d and the limit %d, want both left alone", pct, limit)
	}
	restore()
	if pct, limit := gcSettings(); pct != -1 || limit != math.MaxInt64 {
		t.Errorf("after an export GOGC is %d and the limit %d, want off and none", pct, limit)
	}
}
