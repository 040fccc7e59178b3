package model

import (
	"math/rand/v2"
	"testing"
)

// TestSameTextFoldsLikeFoldText: the allocation-free comparison agrees
// with comparing the folded texts, on chosen and on random strings.
func TestSameTextFoldsLikeFoldText(t *testing.T) {
	pairs := [][2]string{{"Peña-López", "PENA LOPEZ"}, {"O'Brien", "OBRIEN"}, {"Mary Ann", "MARYANN"}, {"Ann ", "ANN"},
		{" 12 Main St.", "12 MAIN ST"}, {"Zoë", "ZOE"}, {"Łukasz", "LUKASZ"}, {"", " - "}, {"A", ""}}
	for _, p := range pairs {
		if got, want := sameText(p[0], p[1]), foldText(p[0]) == foldText(p[1]); got != want {
			t.Errorf("sameText(%q, %q) = %v; the folded texts %q and %q say %v", p[0], p[1], got, foldText(p[0]), foldText(p[1]), want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbB -.'1é"
	word := func() string {
		b := []rune{}
		for range r.IntN(6) {
			b = append(b, []rune(alphabet)[r.IntN(len([]rune(alphabet)))])
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		if got, want := sameText(a, b), foldText(a) == foldText(b); got != want {
			t.Fatalf("sameText(%q, %q) = %v, folded %q %q", a, b, got, foldText(a), foldText(b))
		}
	}
}
