package nacha

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var special = strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss", "æ", "ae", "Æ", "AE",
	"œ", "oe", "Œ", "OE", "ı", "i", "&", "AND")

// ascii spells a name in the printable ASCII an ACH file holds: Łódź
// Bakery is LODZ BAKERY; other characters become spaces.
func ascii(s string) string {
	s = special.Replace(s)
	if out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil {
		s = out
	}
	b := []byte(s)
	for i, c := range b {
		if c < ' ' || c > '~' {
			b[i] = ' '
		}
	}
	return strings.Join(strings.Fields(string(b)), " ")
}
