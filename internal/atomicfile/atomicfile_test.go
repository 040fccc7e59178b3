package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
)

func TestAFileIsWrittenWholeOrNotAtAll(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, []byte("before"), 0o600); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the disk is full")
	err := atomicfile.Write(path, func(w io.Writer) error {
		io.WriteString(w, "half of it")
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "before" {
		t.Fatalf("a failed write left %q", b)
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "after"); return err }); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	fi, _ := os.Stat(path)
	if string(b) != "after" || len(entries) != 1 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("after writing: %q, %d files in the folder, mode %v", b, len(entries), fi.Mode().Perm())
	}
}
