package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// ratingDate is the plan-year start every rating test rates on.
var ratingDate = model.MustDate("2026-01-01")

// agePlan is the plan of the worked example in DOMAIN.md §1.1: a base rate of
// $400.00 at age 21 in an area whose factor is 1.10 (so $440.00), and a
// tobacco factor of 1.15.
func agePlan() *model.Plan {
	return &model.Plan{ID: "P1", Rating: model.Rating{
		Method: model.RatingAge, Curve: "federal-2018", TobaccoFactor: 11500,
		BaseRates: map[string]model.Money{"area-1": model.Money(40000).MulRound(11000)},
	}}
}

// person is someone of the given age on ratingDate whose birthday is in
// mid-year, so the age is unambiguous.
func person(rel model.Relationship, age int) model.RatedPerson {
	return model.RatedPerson{Relationship: rel, DateOfBirth: model.NewDate(ratingDate.Year-age-1, 7, 1), Area: "area-1"}
}

func TestRateFamilyWorkedExample(t *testing.T) {
	emp := person(model.RelEmployee, 45)
	emp.Tobacco = true
	// Children listed youngest first, to show that order in the list does
	// not decide who is rated.
	people := []model.RatedPerson{
		emp, person(model.RelSpouse, 43),
		person(model.RelChild, 8), person(model.RelChild, 10), person(model.RelChild, 14), person(model.RelChild, 17),
	}
	want := []struct {
		age     int
		factor  string
		rated   bool
		premium string
	}{
		{45, "1.444", true, "730.66"},
		{43, "1.357", true, "597.08"},
		{8, "0.765", false, "0.00"},
		{10, "0.765", true, "336.60"},
		{14, "0.765", true, "336.60"},
		{17, "0.885", true, "389.40"},
	}
	lines, total := model.RateFamily(agePlan(), &model.CurveFederal2018, people, ratingDate)
	for i, w := range want {
		l := lines[i]
		if l.Age != w.age || l.Factor.String() != w.factor || l.Rated != w.rated || l.Premium.Decimal() != w.premium || l.Err != nil {
			t.Errorf("line %d = age %d factor %s rated %v premium %s err %v; want age %d factor %s rated %v premium %s",
				i, l.Age, l.Factor, l.Rated, l.Premium.Decimal(), l.Err, w.age, w.factor, w.rated, w.premium)
		}
	}
	if total.String() != "$2,390.34" {
		t.Errorf("family total = %s, want $2,390.34", total)
	}
}

// curveFile reads the federal default curve (CMS, 2018 and later) from
// testdata, a copy of the one in the shared domain folder, with the
// factors kept exact.
func curveFile(t *testing.T) map[int]model.Factor {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "federal_default_age_curve_2018.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.Number
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[int]model.Factor{}
	for k, v := range raw {
		age, err := strconv.Atoi(k)
		if err != nil {
			t.Fatalf("age %q: %v", k, err)
		}
		if out[age], err = model.ParseFactor(v.String()); err != nil {
			t.Fatalf("age %d: %v", age, err)
		}
	}
	if len(out) != 65 {
		t.Fatalf("the curve file has %d ages, want 0–64", len(out))
	}
	return out
}

// The copy in testdata is the shared domain folder's curve, where that
// folder is beside the repository (or named by GROUPDESK_SHARED).
func TestTheCurveInTestdataIsTheSharedOne(t *testing.T) {
	dir := os.Getenv("GROUPDESK_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared")
	}
	shared, err := os.ReadFile(filepath.Join(dir, "domain", "federal_default_age_curve_2018.json"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("the shared domain folder is not at %s", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(filepath.Join("testdata", "federal_default_age_curve_2018.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, copied) {
		t.Error("testdata/federal_default_age_curve_2018.json differs from the shared domain folder's")
	}
}

func TestRateFamilyFollowsTheFederalCurveAtEveryAge(t *testing.T) {
	curve := curveFile(t)
	plan := &model.Plan{ID: "P", Rating: model.Rating{Method: model.RatingAge, BaseRates: map[string]model.Money{"area-1": 100000}}}
	for age := 0; age <= 70; age++ {
		t.Run("age "+strconv.Itoa(age), func(t *testing.T) {
			want := curve[min(age, 64)]
			if got := model.CurveFederal2018.Factor(age); got != want {
				t.Errorf("built-in factor %s, file says %s", got, want)
			}
			lines, total := model.RateFamily(plan, &model.CurveFederal2018, []model.RatedPerson{person(model.RelEmployee, age)}, ratingDate)
			if lines[0].Age != age || lines[0].Factor != want {
				t.Errorf("line age %d factor %s, want %d and %s", lines[0].Age, lines[0].Factor, age, want)
			}
			if wantPremium := model.Money(100000).MulRound(want); total != wantPremium {
				t.Errorf("premium %s, want %s", total, wantPremium)
			}
		})
	}
	t.Run("the adult ratio is exactly 3:1 and the curve never falls", func(t *testing.T) {
		c := model.CurveFederal2018
		if c.Factor(64) != 3*c.Factor(21) {
			t.Errorf("factor(64) = %s, factor(21) = %s", c.Factor(64), c.Factor(21))
		}
		for age := 1; age <= 64; age++ {
			if c.Factor(age) < c.Factor(age-1) {
				t.Errorf("the factor falls at age %d", age)
			}
		}
	})
	t.Run("the 2014 curve rates every child at 0.635 and adults alike", func(t *testing.T) {
		for age := 0; age <= 70; age++ {
			want := curve[min(age, 64)]
			if age < 21 {
				want = 6350
			}
			if got := model.CurveFederal2014.Factor(age); got != want {
				t.Errorf("2014 factor at %d = %s, want %s", age, got, want)
			}
		}
	})
}

// rated lists which lines were charged.
func rated(lines []model.RatedLine) []bool {
	out := make([]bool, len(lines))
	for i, l := range lines {
		out[i] = l.Rated
	}
	return out
}

func TestRateFamilyThreeChildRule(t *testing.T) {
	emp := person(model.RelEmployee, 40)
	twin := person(model.RelChild, 10)
	tests := []struct {
		name      string
		people    []model.RatedPerson
		wantRated []bool
	}{
		{"three children are all rated", []model.RatedPerson{emp,
			person(model.RelChild, 5), person(model.RelChild, 3), person(model.RelChild, 1)}, []bool{true, true, true, true}},
		{"of four children the youngest is free", []model.RatedPerson{emp,
			person(model.RelChild, 2), person(model.RelChild, 12), person(model.RelChild, 9), person(model.RelChild, 6)},
			[]bool{true, false, true, true, true}},
		{"of five children the two youngest are free", []model.RatedPerson{emp,
			person(model.RelChild, 1), person(model.RelChild, 16), person(model.RelChild, 3), person(model.RelChild, 19), person(model.RelChild, 7)},
			[]bool{true, false, true, false, true, true}},
		{"twins in the third slot: one is rated, the other is free", []model.RatedPerson{emp,
			person(model.RelChild, 15), person(model.RelChild, 12), twin, twin},
			[]bool{true, true, true, true, false}},
		{"twins within the first three are both rated", []model.RatedPerson{emp,
			twin, twin, person(model.RelChild, 4), person(model.RelChild, 2)},
			[]bool{true, true, true, true, false}},
		{"a child aged 21 is rated and takes no slot", []model.RatedPerson{emp,
			person(model.RelChild, 21), person(model.RelChild, 18), person(model.RelChild, 16), person(model.RelChild, 13), person(model.RelChild, 11)},
			[]bool{true, true, true, true, true, false}},
		{"a child aged 25 is rated even with three younger ones", []model.RatedPerson{emp,
			person(model.RelChild, 6), person(model.RelChild, 25), person(model.RelChild, 8), person(model.RelChild, 7)},
			[]bool{true, true, true, true, true}},
		{"an other dependent under 21 takes a child slot", []model.RatedPerson{emp,
			person(model.RelOther, 17), person(model.RelChild, 14), person(model.RelChild, 12), person(model.RelChild, 9)},
			[]bool{true, true, true, true, false}},
		{"a young spouse is always rated and takes no slot", []model.RatedPerson{emp,
			person(model.RelSpouse, 20), person(model.RelChild, 3), person(model.RelChild, 2), person(model.RelChild, 1)},
			[]bool{true, true, true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, total := model.RateFamily(agePlan(), &model.CurveFederal2018, tt.people, ratingDate)
			got := rated(lines)
			if len(got) != len(tt.wantRated) {
				t.Fatalf("%d lines for %d people", len(got), len(tt.people))
			}
			var sum model.Money
			for i := range got {
				if got[i] != tt.wantRated[i] {
					t.Errorf("rated = %v, want %v", got, tt.wantRated)
					break
				}
			}
			for _, l := range lines {
				if !l.Rated && l.Premium != 0 {
					t.Errorf("an unrated line costs %s", l.Premium)
				}
				sum += l.Premium
			}
			if sum != total {
				t.Errorf("lines add up to %s, total says %s", sum, total)
			}
		})
	}
}

func TestRateFamilyAges(t *testing.T) {
	plan := agePlan()
	tests := []struct {
		name        string
		p           model.RatedPerson
		wantAge     int
		wantFactor  string
		wantPremium string
	}{
		{"a member aged 64 pays three times the base", person(model.RelEmployee, 64), 64, "3.000", "1320.00"},
		{"a member aged 80 pays the 64 rate", person(model.RelEmployee, 80), 80, "3.000", "1320.00"},
		{"a birthday on the rating date counts", model.RatedPerson{Relationship: model.RelEmployee,
			DateOfBirth: model.MustDate("1981-01-01"), Area: "area-1"}, 45, "1.444", "635.36"},
		{"the day after the rating date the birthday does not count", model.RatedPerson{Relationship: model.RelEmployee,
			DateOfBirth: model.MustDate("1981-01-02"), Area: "area-1"}, 44, "1.397", "614.68"},
		{"a child turning 15 on the rating date gets the 15 factor", model.RatedPerson{Relationship: model.RelChild,
			DateOfBirth: model.MustDate("2011-01-01"), Area: "area-1"}, 15, "0.833", "366.52"},
		{"a Feb 29 baby is rated by the March 1 rule", model.RatedPerson{Relationship: model.RelChild,
			DateOfBirth: model.MustDate("2008-02-29"), Area: "area-1"}, 17, "0.885", "389.40"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			people := []model.RatedPerson{tt.p}
			idx := 0
			if tt.p.Relationship != model.RelEmployee {
				people, idx = []model.RatedPerson{person(model.RelEmployee, 30), tt.p}, 1
			}
			lines, _ := model.RateFamily(plan, &model.CurveFederal2018, people, ratingDate)
			l := lines[idx]
			if l.Age != tt.wantAge || l.Factor.String() != tt.wantFactor || l.Premium.Decimal() != tt.wantPremium {
				t.Errorf("age %d factor %s premium %s; want %d, %s, %s", l.Age, l.Factor, l.Premium.Decimal(), tt.wantAge, tt.wantFactor, tt.wantPremium)
			}
		})
	}
	t.Run("a child turning 21 on the rating date is rated individually", func(t *testing.T) {
		turning := model.RatedPerson{Relationship: model.RelChild, DateOfBirth: model.MustDate("2005-01-01"), Area: "area-1"}
		people := []model.RatedPerson{person(model.RelEmployee, 50), turning,
			person(model.RelChild, 19), person(model.RelChild, 18), person(model.RelChild, 17)}
		lines, _ := model.RateFamily(plan, &model.CurveFederal2018, people, ratingDate)
		if got := rated(lines); !allTrue(got) || lines[1].Age != 21 || lines[1].Factor != model.FactorOne {
			t.Errorf("rated %v, the 21-year-old is %d with %s", got, lines[1].Age, lines[1].Factor)
		}
	})
	t.Run("tobacco applies only to users and only when the plan has a factor", func(t *testing.T) {
		smoker := person(model.RelEmployee, 21)
		smoker.Tobacco = true
		lines, _ := model.RateFamily(plan, &model.CurveFederal2018, []model.RatedPerson{smoker}, ratingDate)
		if lines[0].Premium.Decimal() != "506.00" {
			t.Errorf("smoker pays %s, want 506.00", lines[0].Premium.Decimal())
		}
		noFactor := agePlan()
		noFactor.Rating.TobaccoFactor = 0
		lines, _ = model.RateFamily(noFactor, &model.CurveFederal2018, []model.RatedPerson{smoker}, ratingDate)
		if lines[0].Premium.Decimal() != "440.00" {
			t.Errorf("smoker under a 1:1 plan pays %s, want 440.00", lines[0].Premium.Decimal())
		}
	})
	t.Run("a person in an area without a rate has an error and adds nothing", func(t *testing.T) {
		away := person(model.RelSpouse, 40)
		away.Area = "area-9"
		lines, total := model.RateFamily(plan, &model.CurveFederal2018, []model.RatedPerson{person(model.RelEmployee, 21), away}, ratingDate)
		if model.ErrorCode(lines[1].Err) != model.EINVALID || lines[1].Premium != 0 || total.Decimal() != "440.00" {
			t.Errorf("line %+v, total %s", lines[1], total)
		}
	})
	t.Run("an empty family costs nothing", func(t *testing.T) {
		lines, total := model.RateFamily(plan, &model.CurveFederal2018, nil, ratingDate)
		if len(lines) != 0 || total != 0 {
			t.Errorf("%v, %s", lines, total)
		}
	})
}

func allTrue(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return true
}

func TestRateFamilyComposite(t *testing.T) {
	plan := &model.Plan{ID: "C1", Rating: model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{
		model.TierEE: 50000, model.TierES: 100000, model.TierEC: 90000, model.TierFAM: 150000,
	}}}
	emp := person(model.RelEmployee, 60)
	tests := []struct {
		name   string
		people []model.RatedPerson
		want   model.Money
	}{
		{"an employee alone pays the EE rate", []model.RatedPerson{emp}, 50000},
		{"with a spouse the ES rate", []model.RatedPerson{emp, person(model.RelSpouse, 30)}, 100000},
		{"with a domestic partner the ES rate", []model.RatedPerson{emp, person(model.RelDomesticPartner, 30)}, 100000},
		{"with five children the EC rate, whatever their number", []model.RatedPerson{emp,
			person(model.RelChild, 1), person(model.RelChild, 2), person(model.RelChild, 3), person(model.RelChild, 4), person(model.RelChild, 22)}, 90000},
		{"with a spouse and a child the family rate", []model.RatedPerson{emp, person(model.RelChild, 1), person(model.RelSpouse, 30)}, 150000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, total := model.RateFamily(plan, nil, tt.people, ratingDate)
			if total != tt.want || lines[0].Premium != tt.want || !lines[0].Rated || lines[0].Err != nil {
				t.Errorf("total %s, subscriber line %+v; want %s", total, lines[0], tt.want)
			}
			for _, l := range lines[1:] {
				if l.Premium != 0 || l.Rated {
					t.Errorf("a dependent line is charged: %+v", l)
				}
			}
		})
	}
	t.Run("a missing tier rate is an error on the subscriber's line", func(t *testing.T) {
		partial := &model.Plan{ID: "C2", Rating: model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{model.TierEE: 1}}}
		lines, total := model.RateFamily(partial, nil, []model.RatedPerson{emp, person(model.RelSpouse, 30)}, ratingDate)
		if model.ErrorCode(lines[0].Err) != model.EINVALID || total != 0 {
			t.Errorf("line %+v, total %s", lines[0], total)
		}
	})
	t.Run("an empty family costs nothing", func(t *testing.T) {
		lines, total := model.RateFamily(plan, nil, nil, ratingDate)
		if len(lines) != 0 || total != 0 {
			t.Errorf("%v, %s", lines, total)
		}
	})
}
