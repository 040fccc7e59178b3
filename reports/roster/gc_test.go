package roster

import (
	"runtime/debug"
	"testing"
)

// TestLowerGC: an export lowers the collector's target, never raises it
// (nor turns on a collector that is off),
// and the last of two exports running at once puts it back.
func TestLowerGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	first := lowerGC()
	second := lowerGC()
	if p := debug.SetGCPercent(exportGCPercent); p != exportGCPercent {
		t.Errorf("while exporting GOGC is %d, want %d", p, exportGCPercent)
	}
	first()
	if p := debug.SetGCPercent(exportGCPercent); p != exportGCPercent {
		t.Errorf("with an export still running GOGC is %d, want %d", p, exportGCPercent)
	}
	second()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after the exports GOGC is %d, want 100 back", p)
	}
	debug.SetGCPercent(20)
	restore := lowerGC()
	if p := debug.SetGCPercent(20); p != 20 {
		t.Errorf("an export raised GOGC 20 to %d", p)
	}
	restore()
	if p := debug.SetGCPercent(20); p != 20 {
		t.Errorf("after an export GOGC is %d, want 20", p)
	}
	debug.SetGCPercent(-1)
	restore = lowerGC()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("an export turned the collector, off with GOGC=off, on at %d", p)
	}
	restore()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("after an export GOGC is %d, want off (-1)", p)
	}
}
