package roster

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sheetLike is n rows of worksheet-like XML.
func sheetLike(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Müller %d</t></is></c><c r="B%d"><v>%d</v></c></row>`, i+2, i+2, i*7919%1000, i+2, i*31)
	}
	return b.Bytes()
}

type zipSource struct {
	name string
	data []byte
	how  string // "file" (a section of a file), "bytes" (a bytes.Reader), "write" (Write calls), "reader" (another reader)
}

// writeParts writes the sources through w the way excelize does: Create,
// then io.Copy of a reader or Write of bytes.
func writeParts(t *testing.T, create func(string) (io.Writer, error), srcs []zipSource) {
	t.Helper()
	for _, s := range srcs {
		w, err := create(s.name)
		if err != nil {
			t.Fatal(err)
		}
		switch s.how {
		case "file":
			path := filepath.Join(t.TempDir(), "part")
			if err := os.WriteFile(path, s.data, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			_, err = io.Copy(w, io.NewSectionReader(f, 0, int64(len(s.data))))
		case "bytes":
			_, err = io.Copy(w, bytes.NewReader(s.data))
		case "reader":
			_, err = io.Copy(w, io.MultiReader(bytes.NewReader(s.data)))
		case "write":
			half := len(s.data) / 2
			if _, err = w.Write(s.data[:half]); err == nil {
				_, err = w.Write(s.data[half:])
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestZipPartsWritesTheArchiveZipWriterWould(t *testing.T) {
	srcs := []zipSource{
		{"xl/worksheets/sheet1.xml", sheetLike(60_000), "file"},
		{"xl/worksheets/sheet2.xml", sheetLike(20_000), "bytes"},
		{"xl/worksheets/sheet3.xml", sheetLike(3), "reader"},
		{"xl/styles.xml", []byte(`<styleSheet/>`), "write"},
		{"[Content_Types].xml", nil, "write"},
	}
	var got, want bytes.Buffer
	parts := newZipParts(&got)
	writeParts(t, parts.Create, srcs)
	if err := parts.Close(); err != nil {
		t.Fatal(err)
	}
	plain := zip.NewWriter(&want)
	writeParts(t, plain.Create, srcs)
	if err := plain.Close(); err != nil {
		t.Fatal(err)
	}

	zr, err := zip.NewReader(bytes.NewReader(got.Bytes()), int64(got.Len()))
	if err != nil {
		t.Fatal(err)
	}
	wr, err := zip.NewReader(bytes.NewReader(want.Bytes()), int64(want.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(srcs) {
		t.Fatalf("%d parts, want %d", len(zr.File), len(srcs))
	}
	for i, f := range zr.File {
		if f.Name != srcs[i].name {
			t.Errorf("part %d is %s, want %s (the order they were created in)", i, f.Name, srcs[i].name)
		}
		if f.Method != zip.Deflate || f.ReaderVersion != 20 {
			t.Errorf("%s: method %d, version needed %d; want deflate, 2.0", f.Name, f.Method, f.ReaderVersion)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc) // checks the CRC-32 at the end
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(data, srcs[i].data) {
			t.Errorf("%s: %d bytes back, want %d", f.Name, len(data), len(srcs[i].data))
		}
		// The compressed bytes are the ones zip.Writer makes.
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		wraw, err := wr.File[i].OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		a, _ := io.ReadAll(raw)
		b, _ := io.ReadAll(wraw)
		if !bytes.Equal(a, b) || f.CRC32 != wr.File[i].CRC32 {
			t.Errorf("%s: compressed to %d bytes (CRC %08x), zip.Writer to %d (CRC %08x)", f.Name, len(a), f.CRC32, len(b), wr.File[i].CRC32)
		}
	}
}

// failingAt is a file whose reads fail after its first n bytes.
type failingAt struct{ n int64 }

func (f failingAt) ReadAt(p []byte, off int64) (int, error) {
	n := max(0, min(len(p), int(f.n-off)))
	for i := range n {
		p[i] = 'x'
	}
	if n < len(p) {
		return n, fmt.Errorf("disk read failed at %d", off+int64(n))
	}
	return n, nil
}

func TestZipPartsReportsAPartItCouldNotRead(t *testing.T) {
	var out bytes.Buffer
	parts := newZipParts(&out)
	w, _ := parts.Create("xl/worksheets/sheet1.xml")
	n, err := io.Copy(w, io.NewSectionReader(failingAt{100_000}, 0, 1_000_000))
	if err != nil || n != 1_000_000 {
		t.Fatalf("handing over the sheet: %d, %v", n, err)
	}
	w, _ = parts.Create("xl/styles.xml")
	if _, err := w.Write([]byte("<styleSheet/>")); err != nil {
		t.Fatal(err)
	}
	err = parts.Close()
	if err == nil || !strings.Contains(err.Error(), "compressing xl/worksheets/sheet1.xml") || !strings.Contains(err.Error(), "disk read failed") {
		t.Fatalf("Close: %v, want the sheet and the read error named", err)
	}
}
