package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

const goodArea = `{"id": "CA-04", "state": "CA", "zips": ["94612", "945"]}`

func planJSON(rating string) string {
	return `{"id": "GOLD80-HMO", "name": "Gold 80 HMO", "type": "HMO", "metal": "gold", "rating": ` + rating + `}`
}

func TestMalformedPlansFilesAreRefusedNamingThePlace(t *testing.T) {
	ageRating := `{"method": "age", "curve": "federal-2018", "base_rates": {"CA-04": "440.00"}}`
	tests := []struct {
		name string
		file string
		want string
	}{
		{"broken JSON names the line and column", "{\n  \"areas\": [" + goodArea + ",\n  ]\n}",
			"the plans file is not valid JSON at line 3, column 3: invalid character ']' looking for beginning of value"},
		{"an amount written as a number names the plan", `{"areas": [` + goodArea + `], "plans": [` +
			planJSON(`{"method": "age", "base_rates": {"CA-04": 440}}`) + `]}`, "plan GOLD80-HMO: "},
		{"an unknown field names the plan", `{"areas": [` + goodArea + `], "plans": [` +
			`{"id": "P9", "name": "X", "type": "HMO", "metal": "gold", "ratings": {}}]}`, `plan P9: unknown field "ratings"`},
		{"an unknown curve names the plan", `{"areas": [` + goodArea + `], "plans": [` +
			planJSON(`{"method": "age", "curve": "federal-2099", "base_rates": {"CA-04": "440.00"}}`) + `]}`,
			`plan GOLD80-HMO: there is no age curve "federal-2099"`},
		{"a rate for an undefined area names the plan and the area", `{"areas": [` + goodArea + `], "plans": [` +
			planJSON(`{"method": "age", "base_rates": {"CA-04": "440.00", "CA-09": "410.00"}}`) + `]}`,
			"plan GOLD80-HMO has a rate for area CA-09, which is not defined"},
		{"a composite plan without a family rate", `{"areas": [], "plans": [` +
			planJSON(`{"method": "composite", "tier_rates": {"EE": "1.00", "ES": "2.00", "EC": "3.00"}}`) + `]}`,
			"plan GOLD80-HMO has no FAM rate"},
		{"a curve beyond 3:1 names the curve", `{"areas": [` + goodArea + `], "curves": {"steep": {"0": "0.5", "21": "1.0", "64": "3.5"}}, "plans": [` +
			planJSON(`{"method": "age", "curve": "steep", "base_rates": {"CA-04": "440.00"}}`) + `]}`,
			"curve steep: adult factors run from 1.000 to 3.500, more than the 3:1 the ACA allows"},
		{"a curve with an age past 64", `{"areas": [` + goodArea + `], "curves": {"c": {"0": 0.7, "70": 3.0}}, "plans": [` + planJSON(ageRating) + `]}`,
			`curve c: "70" is not an age from 0 to 64`},
		{"an area with a bad ZIP", `{"areas": [{"id": "CA-04", "state": "CA", "zips": ["9461"]}], "plans": [` + planJSON(ageRating) + `]}`,
			`area CA-04: "9461" is neither a five-digit ZIP nor a three-digit prefix`},
		{"a plan defined twice", `{"areas": [` + goodArea + `], "plans": [` + planJSON(ageRating) + `,` + planJSON(ageRating) + `]}`,
			"plan GOLD80-HMO is defined twice"},
		{"a file with no plans", `{"areas": []}`, "the file has no plans"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, err := model.ParseCatalog([]byte(tt.file))
			if cat != nil || err == nil || !strings.Contains(describeAll(err), tt.want) {
				t.Fatalf("catalog %v, error:\n%s\nwant it to say: %s", cat != nil, describeAll(err), tt.want)
			}
		})
	}
}

// describeAll joins every problem of an error.
func describeAll(err error) string {
	if e, ok := err.(*model.Error); ok && len(e.Details) > 0 {
		var lines []string
		for _, d := range e.Details {
			lines = append(lines, d.Error())
		}
		return strings.Join(lines, "\n")
	}
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestCustomCurvesFillBandsAndBuiltinsNeedNoDefinition(t *testing.T) {
	cat, err := model.ParseCatalog([]byte(`{"areas": [` + goodArea + `],
	  "curves": {"flat-kids": {"0": 0.8, "21": 1.0, "40": 1.5, "64": 2.5}},
	  "plans": [` + planJSON(`{"method": "age", "curve": "flat-kids", "base_rates": {"CA-04": "100.00"}}`) + `,
	    {"id": "OLD", "name": "Old", "type": "PPO", "metal": "silver", "rating": {"method": "age", "curve": "federal-2014", "base_rates": {"CA-04": "100.00"}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := cat.Curve("flat-kids")
	for age, want := range map[int]string{0: "0.800", 20: "0.800", 21: "1.000", 39: "1.000", 40: "1.500", 63: "1.500", 64: "2.500", 90: "2.500"} {
		if got := c.Factor(age).String(); got != want {
			t.Errorf("factor at %d = %s, want %s", age, got, want)
		}
	}
	if old, err := cat.Curve("federal-2014"); err != nil || old.Factor(10).String() != "0.635" {
		t.Errorf("federal-2014: %v", err)
	}
}
