package model

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// TestChangesAreSortedByRowThenName checks the sort that moves each change
// once against a plain stable sort, on lists with many ties (two sheets
// share row numbers; people missing from the file have none).
func TestChangesAreSortedByRowThenName(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	names := []string{"Rivera", "rivera", "Ng", "Ortiz", "Abe", "ng"}
	for n := range 200 {
		cs := make([]ImportChange, n)
		for i := range cs {
			cs[i].Row = rnd.IntN(n/3 + 1)
			if n%3 == 0 { // rows far apart: sorted by comparing
				cs[i].Row *= 10_000
			}
			cs[i].After.LastName = names[rnd.IntN(len(names))]
			cs[i].After.FirstName = names[rnd.IntN(len(names))]
			cs[i].After.ID = string(rune('A'+i%26)) + strings.Repeat("x", i/26)
		}
		if n%7 == 0 { // already in order
			sortChanges(cs)
		}
		want := append([]ImportChange(nil), cs...)
		sort.SliceStable(want, func(i, j int) bool {
			a, b := want[i], want[j]
			if a.Row != b.Row {
				return a.Row < b.Row
			}
			return strings.ToLower(a.After.SortName()) < strings.ToLower(b.After.SortName())
		})
		sortChanges(cs)
		for i := range cs {
			if cs[i].After.ID != want[i].After.ID {
				t.Fatalf("%d changes: position %d holds %s, want %s", n, i, cs[i].After.ID, want[i].After.ID)
			}
		}
	}
}
