package sqlite

import (
	"strings"
	"testing"
)

// The letter-at-a-time fold gives what the Unicode transforms give, for
// every letter it holds and for names mixing them with marks and ASCII.
func TestFoldKeyByLetterMatchesTheTransforms(t *testing.T) {
	for r := range foldLetters {
		s := "Ab" + string(r) + "Zé\u0301"
		if got, want := foldKey(s), slowFold(s); got != want {
			t.Errorf("%q (U+%04X): %q, the transforms give %q", s, r, got, want)
		}
	}
	for _, name := range []string{"Müller", "ŁUKASIEWICZ\x01Zoë", "Nguyễn\x01Thị", "Øster\x01Ærø", "Straße", "İstanbul", "Дмитрий", "O\u0308hman", "李"} {
		if got, want := foldKey(name), slowFold(name); got != want {
			t.Errorf("%q: %q, the transforms give %q", name, got, want)
		}
	}
	if got := foldKey("Łukasiewicz", "Zoë"); got != "lukasiewicz\x01zoe" {
		t.Errorf("Łukasiewicz, Zoë folds to %q", got)
	}
	if !strings.HasPrefix(foldKey("Nguyễn"), "nguyen") {
		t.Errorf("Nguyễn folds to %q", foldKey("Nguyễn"))
	}
}

func BenchmarkFoldKeyDiacritics(b *testing.B) {
	for range b.N {
		foldKey("Łukasiewicz", "Zoë", "Nguyễn")
	}
}

func BenchmarkFoldKeyDiacriticsTransforms(b *testing.B) {
	for range b.N {
		slowFold(strings.Join([]string{"Łukasiewicz", "Zoë", "Nguyễn"}, "\x01"))
	}
}
