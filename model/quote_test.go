package model_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// quoteEffective is the coverage effective date of the quote tests.
var quoteEffective = model.MustDate("2026-01-01")

// exampleCatalog is the worked example of DOMAIN.md §1.1 as a plans file
// would give it: $440.00 at 21 in CA-04 ($400.00 × area 1.10), tobacco 1.15.
func exampleCatalog(t testing.TB) *model.Catalog {
	t.Helper()
	cat, err := model.ParseCatalog([]byte(`{
	  "areas": [{"id": "CA-04", "state": "CA", "zips": ["94612", "945"]}, {"id": "CA-07", "state": "CA", "zips": ["951"]}],
	  "plans": [
	    {"id": "GOLD80-HMO", "name": "Gold 80 HMO", "type": "HMO", "metal": "gold",
	     "rating": {"method": "age", "curve": "federal-2018", "tobacco_factor": "1.15", "base_rates": {"CA-04": "440.00", "CA-07": "400.00"}}},
	    {"id": "SILVER-CA04", "name": "Silver 70 PPO", "type": "PPO", "metal": "silver",
	     "rating": {"method": "age", "base_rates": {"CA-04": "380.00"}}},
	    {"id": "LG-HMO", "name": "Large Group HMO", "type": "HMO", "metal": "gold",
	     "rating": {"method": "composite", "tier_rates": {"EE": "500.00", "ES": "1000.00", "EC": "900.00", "FAM": "1500.00"}}}
	  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// qp is a census person of the given age on quoteEffective (born mid-year).
func qp(rel model.Relationship, age int) model.QuotePerson {
	return model.QuotePerson{EmployeeID: "E1", Relationship: rel, FirstName: string(rel), LastName: "Nguyễn",
		DateOfBirth: model.NewDate(quoteEffective.Year-age-1, 7, 1), ZIP: "94612"}
}

// prepare prepares people as rows 2, 3, … of a census file.
func prepare(t testing.TB, cat *model.Catalog, people ...model.QuotePerson) (*model.QuoteCensus, []model.ImportProblem) {
	t.Helper()
	for i := range people {
		people[i].Row = i + 2
	}
	areas, err := model.NewAreaIndex(cat.Areas)
	if err != nil {
		t.Fatal(err)
	}
	return model.PrepareCensus(people, model.CensusOptions{Effective: quoteEffective, Today: model.MustDate("2025-12-01"), Areas: areas})
}

// quoteOne rates people under one plan of the example catalog.
func quoteOne(t testing.TB, planID string, people ...model.QuotePerson) (*model.QuoteCensus, model.PlanQuote) {
	t.Helper()
	cat := exampleCatalog(t)
	c, probs := prepare(t, cat, people...)
	if len(probs) > 0 {
		t.Fatalf("census problems: %v", probs)
	}
	qs, err := model.QuotePlans(c, cat, []string{planID})
	if err != nil {
		t.Fatal(err)
	}
	return c, qs[0]
}

func TestQuoteWorkedExample(t *testing.T) {
	emp := qp(model.RelEmployee, 45)
	emp.Tobacco = true
	_, q := quoteOne(t, "GOLD80-HMO", emp, qp(model.RelSpouse, 43),
		qp(model.RelChild, 17), qp(model.RelChild, 14), qp(model.RelChild, 10), qp(model.RelChild, 8))
	want := []string{"730.66", "597.08", "389.40", "336.60", "336.60", "0.00"}
	for i, w := range want {
		if got := q.Premiums[i].Decimal(); got != w {
			t.Errorf("member %d pays %s, want %s", i, got, w)
		}
	}
	if q.Total.Decimal() != "2390.34" || q.Err != nil || q.Rated[5] {
		t.Errorf("family total %s (err %v, fourth child rated %v), want 2390.34", q.Total.Decimal(), q.Err, q.Rated[5])
	}
}

func TestQuoteFollowsTheFederalCurveAtEveryAge(t *testing.T) {
	curve := curveFile(t)
	for age := 0; age <= 70; age++ {
		t.Run("age "+strconv.Itoa(age), func(t *testing.T) {
			c, q := quoteOne(t, "GOLD80-HMO", qp(model.RelEmployee, age))
			want := model.Money(44000).MulRound(curve[min(age, 64)])
			if c.Lines[0].Age != age || q.Total != want {
				t.Errorf("age %d pays %s, want %s at factor %s", c.Lines[0].Age, q.Total, want, curve[min(age, 64)])
			}
		})
	}
}

func TestQuoteRatesLikeRateFamily(t *testing.T) {
	cat := exampleCatalog(t)
	plan, _ := cat.Plan("GOLD80-HMO")
	for n := 0; n < 200; n++ {
		people := []model.QuotePerson{qp(model.RelEmployee, 20+n%45)}
		people[0].Tobacco = n%3 == 0
		if n%2 == 0 {
			people = append(people, qp(model.RelSpouse, 18+n%50))
		}
		for k := 0; k < n%7; k++ {
			people = append(people, qp(model.RelChild, (n*7+k*5)%26))
		}
		c, q := quoteOne(t, "GOLD80-HMO", people...)
		rated := make([]model.RatedPerson, len(people))
		for i, p := range c.People {
			rated[i] = model.RatedPerson{Relationship: p.Relationship, DateOfBirth: p.DateOfBirth, Tobacco: p.Tobacco, Area: "CA-04"}
		}
		lines, total := model.RateFamily(plan, &model.CurveFederal2018, rated, quoteEffective)
		if total != q.Total {
			t.Fatalf("family %d: quote %s, RateFamily %s", n, q.Total, total)
		}
		for i := range lines {
			if lines[i].Premium != q.Premiums[i] || lines[i].Rated != q.Rated[i] {
				t.Fatalf("family %d member %d: quote %s/%v, RateFamily %s/%v", n, i, q.Premiums[i], q.Rated[i], lines[i].Premium, lines[i].Rated)
			}
		}
	}
}

func TestQuoteThreeChildRuleAndAges(t *testing.T) {
	emp := qp(model.RelEmployee, 40)
	twin := qp(model.RelChild, 10)
	born := func(rel model.Relationship, dob string) model.QuotePerson {
		p := qp(rel, 0)
		p.DateOfBirth = model.MustDate(dob)
		return p
	}
	tests := []struct {
		name      string
		people    []model.QuotePerson
		wantRated []bool
		wantAge   int // of the last person
		premium   string
	}{
		{"of four children the youngest is free", []model.QuotePerson{emp,
			qp(model.RelChild, 2), qp(model.RelChild, 12), qp(model.RelChild, 9), qp(model.RelChild, 6)},
			[]bool{true, false, true, true, true}, 6, "336.60"},
		{"of five children the two youngest are free", []model.QuotePerson{emp,
			qp(model.RelChild, 1), qp(model.RelChild, 16), qp(model.RelChild, 3), qp(model.RelChild, 19), qp(model.RelChild, 7)},
			[]bool{true, false, true, false, true, true}, 7, "336.60"},
		{"of twins in the third slot the one listed first is rated", []model.QuotePerson{emp,
			qp(model.RelChild, 15), qp(model.RelChild, 12), twin, twin},
			[]bool{true, true, true, true, false}, 10, "0.00"},
		{"a child who is 21 is rated and takes no slot", []model.QuotePerson{emp,
			qp(model.RelChild, 18), qp(model.RelChild, 16), qp(model.RelChild, 13), qp(model.RelChild, 21)},
			[]bool{true, true, true, true, true}, 21, "440.00"},
		{"a member aged 64 pays three times the base", []model.QuotePerson{qp(model.RelEmployee, 64)}, []bool{true}, 64, "1320.00"},
		{"a member aged 80 pays the 64 rate", []model.QuotePerson{qp(model.RelEmployee, 80)}, []bool{true}, 80, "1320.00"},
		{"a birthday on the effective date counts", []model.QuotePerson{born(model.RelEmployee, "1981-01-01")}, []bool{true}, 45, "635.36"},
		{"a birthday the day after does not", []model.QuotePerson{born(model.RelEmployee, "1981-01-02")}, []bool{true}, 44, "614.68"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, q := quoteOne(t, "GOLD80-HMO", tt.people...)
			for i, w := range tt.wantRated {
				if q.Rated[i] != w {
					t.Fatalf("rated %v, want %v", q.Rated, tt.wantRated)
				}
			}
			last := len(tt.people) - 1
			if c.Lines[last].Age != tt.wantAge || q.Premiums[last].Decimal() != tt.premium {
				t.Errorf("last person is %d and pays %s; want %d and %s", c.Lines[last].Age, q.Premiums[last].Decimal(), tt.wantAge, tt.premium)
			}
		})
	}
}

func TestQuoteCompositeChargesTheTierOnTheSubscriber(t *testing.T) {
	c, q := quoteOne(t, "LG-HMO", qp(model.RelEmployee, 50), qp(model.RelSpouse, 45), qp(model.RelChild, 5),
		func() model.QuotePerson { p := qp(model.RelEmployee, 30); p.EmployeeID = "E2"; return p }())
	if q.Total.Decimal() != "2000.00" || c.Families[0].Tier != model.TierFAM || q.Premiums[1] != 0 || q.EEOnly[0].Decimal() != "500.00" {
		t.Errorf("total %s, tier %s, premiums %v", q.Total.Decimal(), c.Families[0].Tier, q.Premiums)
	}
}

func TestBadCensusesAreRefusedWithRowAndColumn(t *testing.T) {
	other := qp(model.RelEmployee, 30)
	other.EmployeeID = "E2"
	tests := []struct {
		name   string
		people []model.QuotePerson
		want   string
	}{
		{"a date of birth in the future", []model.QuotePerson{qp(model.RelEmployee, 30),
			func() model.QuotePerson {
				p := qp(model.RelChild, 0)
				p.DateOfBirth = model.MustDate("2025-12-24")
				return p
			}()},
			"row 3, column date_of_birth: the date of birth 2025-12-24 is in the future"},
		{"an age over 120", []model.QuotePerson{func() model.QuotePerson {
			p := qp(model.RelEmployee, 0)
			p.DateOfBirth = model.MustDate("1899-05-01")
			return p
		}()}, "row 2, column date_of_birth: the date of birth 1899-05-01 makes this person 126, older than 120"},
		{"a ZIP in no rating area", []model.QuotePerson{other, func() model.QuotePerson {
			p := qp(model.RelEmployee, 30)
			p.ZIP = "10001"
			return p
		}()}, "row 3, column zip: ZIP 10001 is in no rating area of the plan catalog"},
		{"a dependent before any employee", []model.QuotePerson{qp(model.RelSpouse, 30), other},
			"row 2, column relationship: a Spouse listed before the employee with ID E1: list each employee before their dependents"},
		{"an employee ID used twice", []model.QuotePerson{qp(model.RelEmployee, 30), qp(model.RelEmployee, 31)},
			"row 3, column employee_id: employee ID E1 is used by two employees"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, probs := prepare(t, exampleCatalog(t), tt.people...)
			if c != nil || len(probs) != 1 || probs[0].String() != tt.want {
				t.Fatalf("census %v, problems %v; want one: %s", c != nil, probs, tt.want)
			}
		})
	}
}

func TestAPlanWithoutARateForTheAreaNamesThePlanAndTheRow(t *testing.T) {
	far := qp(model.RelEmployee, 40)
	far.ZIP = "95112"
	_, q := quoteOne(t, "SILVER-CA04", qp(model.RelEmployee, 30), func() model.QuotePerson { p := far; p.EmployeeID = "E9"; return p }())
	want := "plan SILVER-CA04 has no rate for area CA-07 (row 3, ZIP 95112, the first person living there)"
	if q.Err == nil || q.Err.Error() != want {
		t.Fatalf("error %v, want %s", q.Err, want)
	}
}

func TestExactZIPsWinOverPrefixes(t *testing.T) {
	x, err := model.NewAreaIndex([]model.RatingArea{
		{ID: "A", State: "CA", ZIPs: []string{"945"}}, {ID: "B", State: "CA", ZIPs: []string{"94512", "946"}}})
	if err != nil {
		t.Fatal(err)
	}
	for zip, want := range map[string]string{"94501": "A", "94512": "B", "94512-1234": "B", "94601": "B", "10001": ""} {
		if got, _ := x.Lookup(zip); got != want {
			t.Errorf("ZIP %s is in %q, want %q", zip, got, want)
		}
	}
	if _, err := model.NewAreaIndex([]model.RatingArea{{ID: "A", ZIPs: []string{"945"}}, {ID: "B", ZIPs: []string{"945"}}}); err == nil ||
		!strings.Contains(err.Error(), "ZIP 945 is in both area A and area B") {
		t.Errorf("an overlapping prefix: %v", err)
	}
}
