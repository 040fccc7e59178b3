package ui

import (
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"
)

// fontMissing lists the runes of a text the theme's font for a style has
// no glyph for: Fyne draws those from a fallback font, and the space after
// such a rune (an arrow, say) comes out as a box.
func fontMissing(t *testing.T, style fyne.TextStyle, text string) []rune {
	t.Helper()
	res := theme.TextFont()
	switch {
	case style.Monospace:
		res = theme.TextMonospaceFont()
	case style.Bold && style.Italic:
		res = theme.TextBoldItalicFont()
	case style.Bold:
		res = theme.TextBoldFont()
	case style.Italic:
		res = theme.TextItalicFont()
	}
	f, err := sfnt.Parse(res.Content())
	if err != nil {
		t.Fatalf("%s: %v", res.Name(), err)
	}
	var buf sfnt.Buffer
	var out []rune
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			out = append(out, r)
		}
	}
	return out
}

// TestEveryScreenDrawsItsTextWithTheFontsGlyphs: no label on any screen,
// nor in a member's history or a contract's changes, uses a character the
// font lacks.
func TestEveryScreenDrawsItsTextWithTheFontsGlyphs(t *testing.T) {
	s, c := contractsShell(t)
	oldest := c.contracts[len(c.contracts)-1]
	c.compare.SetSelected(oldest.Label())
	seen := map[string]bool{}
	check := func(where string) {
		labelsIn(s.win.Canvas().Content(), func(l *widget.Label) {
			if seen[l.Text] {
				return
			}
			seen[l.Text] = true
			if miss := fontMissing(t, l.TextStyle, l.Text); len(miss) > 0 {
				t.Errorf("%s: %q uses %q, which the font lacks", where, l.Text, string(miss))
			}
		})
	}
	check("Contracts")
	for _, sc := range s.screens {
		s.ShowScreen(sc.title())
		check(sc.title())
	}
	if len(seen) < 50 {
		t.Fatalf("only %d texts read", len(seen))
	}
}
