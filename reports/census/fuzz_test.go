package census_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// checkCensus fails when a read that succeeded gives records or problems
// that point nowhere, and runs the import plan on what was read.
func checkCensus(t *testing.T, c *census.Census, err error) {
	if err != nil {
		return
	}
	for _, r := range c.Records {
		if r.Row < 2 {
			t.Fatalf("a record at row %d", r.Row)
		}
	}
	for _, p := range c.Problems {
		if p.Row < 1 || p.Message == "" {
			t.Fatalf("a problem nowhere: %+v", p)
		}
	}
	plan := model.PlanImport(nil, c.Records, c.Problems, model.ImportOptions{GroupID: "g", Today: model.MustDate("2026-06-17"), DefaultPlan: "P1"})
	if plan.Rows != len(c.Records) {
		t.Fatalf("the plan counts %d rows of %d", plan.Rows, len(c.Records))
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(goodCSV))
	f.Add([]byte("employee_id;relationship;first_name;last_name;date_of_birth;gender;zip;tobacco\nE1;employee;J\xe9;M;1980-01-01;M;93721;no\n"))
	f.Add([]byte("\xff\xfee\x00m\x00p\x00"))
	f.Add([]byte("employee_id,relationship\n\"E1,"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := census.ReadCSV(context.Background(), bytes.NewReader(data), census.Options{MaxRows: 1000})
		checkCensus(t, c, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := census.ReadXLSX(context.Background(), data, census.Options{MaxRows: 1000})
		checkCensus(t, c, err)
	})
}
