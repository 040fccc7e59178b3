package roster

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
)

// zipParts is the workbook's archive, its parts compressed side by side.
// Compressing is most of the time an export spends once its rows are
// written (about a third of the whole for 100,000 people), and excelize
// hands over the parts one after another: the Subscribers and Dependents
// sheets, which it has kept in temporary files, then the small parts from
// memory. Each part is compressed on a goroutine of its own into memory
// (a sheet compresses to a tenth of its size or less) once it is complete,
// and Close writes them to out in the order they came: the same parts,
// compressed to the same bytes, as zip.Writer would have written.
type zipParts struct {
	zw    *zip.Writer
	parts []*zipPart
}

// zipPart is one part of the archive: compressed, or being compressed.
type zipPart struct {
	name string
	data bytes.Buffer // a part written with Write, until it is complete
	done chan struct{}
	crc  uint32
	size uint64
	out  bytes.Buffer // the compressed part
	err  error
}

func newZipParts(out io.Writer) *zipParts { return &zipParts{zw: zip.NewWriter(out)} }

// Create starts a part; the one before it is complete.
func (z *zipParts) Create(name string) (io.Writer, error) {
	z.startLast()
	p := &zipPart{name: name}
	z.parts = append(z.parts, p)
	return p, nil
}

// startLast starts compressing the last part created, if it was written
// with Write.
func (z *zipParts) startLast() {
	if len(z.parts) == 0 {
		return
	}
	if p := z.parts[len(z.parts)-1]; p.done == nil {
		p.done = make(chan struct{})
		go func() {
			defer close(p.done)
			p.compress(&p.data)
		}()
	}
}

// AddFS is not used by the workbooks GroupDesk writes.
func (z *zipParts) AddFS(fs.FS) error {
	return errors.New("adding a file system to a workbook is not supported")
}

// Write keeps a part's data, compressed once the next part is created (a
// sheet excelize kept in memory comes as one Write).
func (p *zipPart) Write(b []byte) (int, error) {
	if err := p.open(); err != nil {
		return 0, err
	}
	return p.data.Write(b)
}

// open is nil while the part takes content: until it is being compressed.
func (p *zipPart) open() error {
	if p.done != nil {
		return fmt.Errorf("writing %s after its content was handed over", p.name)
	}
	return nil
}

// ReadFrom takes a part's whole content as a reader of known length (how
// excelize copies a sheet it kept in a temporary file) and starts
// compressing it. Other readers are read at once, as Write would.
func (p *zipPart) ReadFrom(r io.Reader) (int64, error) {
	if err := p.open(); err != nil {
		return 0, err
	}
	n, ok := remaining(r)
	if !ok || p.data.Len() > 0 {
		return p.data.ReadFrom(r)
	}
	p.done = make(chan struct{})
	go func() {
		defer close(p.done)
		p.compress(io.LimitReader(r, n))
		if p.err == nil && p.size != uint64(n) {
			p.err = fmt.Errorf("%s: read %d bytes of %d", p.name, p.size, n)
		}
	}()
	return n, nil
}

// remaining is how many bytes are left in a section of a file, the reader
// excelize gives for a sheet it kept in a temporary file. (io.Copy hands
// other readers that know their length, such as a bytes.Reader, to Write.)
func remaining(r io.Reader) (int64, bool) {
	s, ok := r.(*io.SectionReader)
	if !ok {
		return 0, false
	}
	at, err := s.Seek(0, io.SeekCurrent)
	return s.Size() - at, err == nil
}

// zipLevel is the compression level archive/zip's own writer uses.
const zipLevel = 5

// compress deflates r into p.out, as zip.Writer would, counting and
// checksumming what it reads.
func (p *zipPart) compress(r io.Reader) {
	fw, err := flate.NewWriter(&p.out, zipLevel)
	if err != nil {
		p.err = err
		return
	}
	crc := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(fw, crc), r)
	if err == nil {
		err = fw.Close()
	}
	p.crc, p.size, p.err = crc.Sum32(), uint64(n), err
}

// Close waits for the parts and writes them, in order.
func (z *zipParts) Close() error {
	z.startLast()
	var errs []error
	for _, p := range z.parts {
		<-p.done
		if p.err != nil {
			errs = append(errs, fmt.Errorf("compressing %s: %w", p.name, p.err))
			continue
		}
		if len(errs) > 0 {
			continue // every part is waited for before Close returns
		}
		// The versions zip.Writer.Create gives a part (2.0: deflate),
		// which CreateRaw leaves to the caller.
		w, err := z.zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.crc,
			CompressedSize64: uint64(p.out.Len()), UncompressedSize64: p.size,
			CreatorVersion: 20, ReaderVersion: 20})
		if err == nil {
			_, err = p.out.WriteTo(w)
		}
		if err != nil {
			errs = append(errs, err)
		}
		p.data, p.out = bytes.Buffer{}, bytes.Buffer{}
	}
	return errors.Join(append(errs, z.zw.Close())...)
}
