package sqlite

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/groupdesk/groupdesk/model"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// scanner is what *sql.Row and *sql.Rows have in common.
type scanner interface{ Scan(dest ...any) error }

// dateCol reads and writes a civil date column (” when unset).
type dateCol struct{ d *model.Date }

func (c dateCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*c.d = model.Date{}
		return nil
	}
	d, err := model.ParseDate(s)
	*c.d = d
	return err
}

// timeCol reads an RFC 3339 instant column.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	*c.t = t
	return err
}

func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var foldSpecial = strings.NewReplacer("ł", "l", "Ł", "l", "ø", "o", "Ø", "o", "đ", "d", "Đ", "d", "ß", "ss", "æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe", "ı", "i")

// foldKey makes a sort key that orders names the way people expect:
// case-insensitive with diacritics ignored (Łukasz sorts with Lukas, Müller
// with Muller).
func foldKey(parts ...string) string {
	s := strings.Join(parts, "\x01")
	if isASCII(s) {
		return strings.ToLower(s) // most names; the transforms below cost far more
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case unicode.Is(unicode.Mn, r):
			// a combining mark: dropped, as slowFold drops it
		default:
			f, ok := foldLetters[r]
			if !ok {
				return slowFold(s) // a script the table does not hold
			}
			b.WriteString(f)
		}
	}
	return b.String()
}

// foldLetters holds the folded form of every letter of the Latin
// supplements and extensions, so that names written with them (Müller,
// Łódź, Nguyễn) are folded a letter at a time instead of through the
// Unicode transforms, which cost many times more.
var foldLetters = func() map[rune]string {
	m := map[rune]string{}
	for _, span := range [][2]rune{{0x80, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			if !unicode.Is(unicode.Mn, r) {
				m[r] = slowFold(string(r))
			}
		}
	}
	return m
}()

// slowFold folds any text through Unicode decomposition: the letters'
// special cases, marks removed, recomposed, lower case.
func slowFold(s string) string {
	s = foldSpecial.Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
