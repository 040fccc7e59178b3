package census_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
	"github.com/groupdesk/groupdesk/reports/roster"
)

// TestAnExportedRosterReadsTheSameWithExcelizeAlone reads a roster GroupDesk
// exported (large enough for the reader to refill its buffer many times)
// with the fast worksheet reader and with excelize alone: the same census,
// record for record, problem for problem.
func TestAnExportedRosterReadsTheSameWithExcelizeAlone(t *testing.T) {
	book := demo.Generate(demo.Options{Seed: 7, Groups: 1, People: 3000, Today: benchToday})
	src := bookSource(book)
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	if _, err := roster.WriteFile(context.Background(), path, src, roster.Options{Unmasked: true}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fast, err := census.FastReadsAll(data); !fast || err != nil {
		t.Errorf("the fast reader leaves GroupDesk's own roster to excelize (%v)", err)
	}
	fast, err := census.ReadFile(context.Background(), path, census.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var slow *census.Census
	census.WithExcelizeOnly(func() { slow, err = census.ReadFile(context.Background(), path, census.Options{}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(fast.Records) != len(book.Members) {
		t.Fatalf("%d records of %d people", len(fast.Records), len(book.Members))
	}
	for i := range slow.Records {
		if !reflect.DeepEqual(fast.Records[i], slow.Records[i]) {
			t.Fatalf("record %d: the fast reader read\n%+v\nexcelize\n%+v", i, fast.Records[i], slow.Records[i])
		}
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("the censuses differ: header %v / %v, ignored %v / %v, problems %v / %v",
			fast.Header, slow.Header, fast.Ignored, slow.Ignored, fast.Problems, slow.Problems)
	}
	var ssn int
	for _, r := range fast.Records {
		if r.Has.Has(model.FieldSSN) {
			ssn++
		}
	}
	if ssn == 0 || fast.Records[0].Sheet != "Subscribers" || fast.Records[len(fast.Records)-1].Sheet != "Dependents" {
		t.Errorf("%d SSNs read; first record from %s, last from %s", ssn, fast.Records[0].Sheet, fast.Records[len(fast.Records)-1].Sheet)
	}
}
