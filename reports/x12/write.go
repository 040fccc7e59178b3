package x12

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Envelope is what the ISA and GS headers say about a file: who sends it
// to whom, when, and its control number.
type Envelope struct {
	SenderQual, SenderID     string // ISA05/06 (GS02 is the ID)
	ReceiverQual, ReceiverID string // ISA07/08 (GS03)
	Control                  int64  // ISA13, GS06; one more for each file
	Created                  time.Time
	Test                     bool // ISA15 T instead of P
}

// writer writes segments with GroupDesk's separators and counts those of
// the open transaction set.
type writer struct {
	w     *bufio.Writer
	count int // segments since ST
	buf   []byte
}

func newWriter(w io.Writer) *writer { return &writer{w: bufio.NewWriterSize(w, 64<<10)} }

// seg writes a segment: its ID and elements, trailing empty elements left
// out. Values must already be clean of separators (see text).
func (x *writer) seg(id string, els ...string) {
	n := len(els)
	for n > 0 && els[n-1] == "" {
		n--
	}
	b := append(x.buf[:0], id...)
	for _, e := range els[:n] {
		b = append(b, Default.Element)
		b = append(b, e...)
	}
	b = append(b, Default.Segment, '\n')
	x.w.Write(b)
	x.buf = b
	x.count++
}

// open writes the ISA, GS and ST headers.
func (x *writer) open(env Envelope, functional, version, set string) {
	t := env.Created.UTC()
	usage := "P"
	if env.Test {
		usage = "T"
	}
	ctl := fmt.Sprintf("%09d", env.Control%1_000_000_000)
	x.seg("ISA", "00", pad("", 10), "00", pad("", 10), orDefault(env.SenderQual, "ZZ"), pad(ident(env.SenderID), 15),
		orDefault(env.ReceiverQual, "ZZ"), pad(ident(env.ReceiverID), 15), t.Format("060102"), t.Format("1504"),
		string(Default.Repetition), "00501", ctl, "0", usage, string(Default.Component))
	x.seg("GS", functional, ident(env.SenderID), ident(env.ReceiverID), t.Format("20060102"), t.Format("1504"),
		fmt.Sprint(env.Control%1_000_000_000), "X", version)
	x.count = 0
	x.seg("ST", set, "0001", version)
}

// close writes the SE, GE and IEA trailers.
func (x *writer) close(env Envelope) error {
	x.seg("SE", fmt.Sprint(x.count+1), "0001")
	x.seg("GE", "1", fmt.Sprint(env.Control%1_000_000_000))
	x.seg("IEA", "1", fmt.Sprintf("%09d", env.Control%1_000_000_000))
	return x.w.Flush()
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}

// ident is an ID for the envelope: upper case letters and digits.
func ident(s string) string {
	s = text(s)
	s = strings.ReplaceAll(s, " ", "")
	if len(s) > 15 {
		s = s[:15]
	}
	if s == "" {
		return "GROUPDESK"
	}
	return s
}

var special = strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss", "æ", "ae", "Æ", "AE",
	"œ", "oe", "Œ", "OE", "ı", "i")

// text is a value as the file holds it: upper case ASCII, accents dropped
// (PEÑA is PENA), and the separators and anything else outside the basic
// character set made spaces.
func text(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x7f || c < ' ' || c == '*' || c == '~' || c == ':' || c == '^' || (c >= 'a' && c <= 'z') || (c == ' ' && (i == 0 || s[i-1] == ' ')) {
			plain = false
			break
		}
	}
	if plain {
		return strings.TrimRight(s, " ")
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			s = special.Replace(s)
			if out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil {
				s = out
			}
			break
		}
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c <= ' ' || c > '~' || c == '*' || c == '~' || c == ':' || c == '^' {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// Text is a value as GroupDesk writes it in an X12 file: upper case ASCII,
// accents dropped, separators and runs of spaces made one space.
func Text(s string) string { return text(s) }
