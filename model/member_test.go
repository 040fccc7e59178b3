package model_test

import (
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func TestNormalizeSSN(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"dashes are removed", "123-45-6789", "123456789"},
		{"spaces are removed", "123 45 6789", "123456789"},
		{"nine bare digits are kept", "123456789", "123456789"},
		{"an empty SSN is allowed and stays empty", "", ""},
		{"area 899 is the highest valid area", "899-45-6789", "899456789"},
		{"area 665 is valid", "665-45-6789", "665456789"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.NormalizeSSN(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("NormalizeSSN(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestNormalizeSSNRefusesInvalidNumbers(t *testing.T) {
	for _, tt := range []struct{ name, in string }{
		{"area 000 is never issued", "000-45-6789"},
		{"area 666 is never issued", "666-45-6789"},
		{"area 900 is never issued", "900-45-6789"},
		{"area 999 is never issued", "999-45-6789"},
		{"group 00 is never issued", "123-00-6789"},
		{"serial 0000 is never issued", "123-45-0000"},
		{"eight digits are too few", "12345678"},
		{"ten digits are too many", "1234567890"},
		{"letters are not digits", "12345678X"},
		{"dots are not separators", "123.45.6789"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.NormalizeSSN(tt.in)
			if err == nil {
				t.Fatalf("NormalizeSSN(%q) = %q, want an error", tt.in, got)
			}
			var e *model.Error
			if !errors.As(err, &e) || e.Code != model.EINVALID || e.Field != "ssn" {
				t.Errorf("error = %#v, want an EINVALID field error on ssn", err)
			}
		})
	}
}

func TestMaskSSN(t *testing.T) {
	tests := []struct{ name, in, masked, formatted string }{
		{"a bare SSN shows its last four", "123456789", "***-**-6789", "123-45-6789"},
		{"a dashed SSN shows its last four", "123-45-6789", "***-**-6789", "123-45-6789"},
		{"no SSN shows nothing", "", "", ""},
		{"a fragment too short to mask shows nothing", "123", "", "123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.MaskSSN(tt.in); got != tt.masked {
				t.Errorf("MaskSSN(%q) = %q, want %q", tt.in, got, tt.masked)
			}
			if got := model.FormatSSN(tt.in); got != tt.formatted {
				t.Errorf("FormatSSN(%q) = %q, want %q", tt.in, got, tt.formatted)
			}
		})
	}
	m := model.Member{SSN: "123456789"}
	if m.MaskedSSN() != "***-**-6789" || m.SSNLast4() != "6789" {
		t.Errorf("member masks %q, last four %q", m.MaskedSSN(), m.SSNLast4())
	}
}

func TestTierFor(t *testing.T) {
	tests := []struct {
		name string
		deps []model.Relationship
		want model.Tier
	}{
		{"no dependents is employee only", nil, model.TierEE},
		{"a spouse is employee and spouse", []model.Relationship{model.RelSpouse}, model.TierES},
		{"a domestic partner counts as a spouse", []model.Relationship{model.RelDomesticPartner}, model.TierES},
		{"one child is employee and children", []model.Relationship{model.RelChild}, model.TierEC},
		{"several children are employee and children", []model.Relationship{model.RelChild, model.RelChild, model.RelChild}, model.TierEC},
		{"an other dependent counts as a child", []model.Relationship{model.RelOther}, model.TierEC},
		{"a spouse and a child is family", []model.Relationship{model.RelChild, model.RelSpouse}, model.TierFAM},
		{"a partner and an other dependent is family", []model.Relationship{model.RelDomesticPartner, model.RelOther}, model.TierFAM},
		{"the employee in the list changes nothing", []model.Relationship{model.RelEmployee}, model.TierEE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.TierFor(tt.deps); got != tt.want {
				t.Errorf("TierFor(%v) = %s, want %s", tt.deps, got, tt.want)
			}
		})
	}
}

func TestParseRelationship(t *testing.T) {
	tests := []struct {
		in   string
		want model.Relationship
		ok   bool
	}{
		{"employee", model.RelEmployee, true},
		{"Employee", model.RelEmployee, true},
		{"EE", model.RelEmployee, true},
		{"self", model.RelEmployee, true},
		{"Spouse", model.RelSpouse, true},
		{"wife", model.RelSpouse, true},
		{"domestic_partner", model.RelDomesticPartner, true},
		{"Domestic Partner", model.RelDomesticPartner, true},
		{"domestic-partner", model.RelDomesticPartner, true},
		{"partner", model.RelDomesticPartner, true},
		{"child", model.RelChild, true},
		{" Dependent Child ", model.RelChild, true},
		{"stepchild", model.RelChild, true},
		{"other", model.RelOther, true},
		{"", "", false},
		{"cousin", "", false},
	}
	for _, tt := range tests {
		t.Run("reading "+tt.in, func(t *testing.T) {
			got, ok := model.ParseRelationship(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseRelationship(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseGender(t *testing.T) {
	tests := []struct {
		in   string
		want model.Gender
		ok   bool
	}{
		{"F", model.GenderFemale, true},
		{"female", model.GenderFemale, true},
		{"M", model.GenderMale, true},
		{" Male ", model.GenderMale, true},
		{"U", model.GenderUnknown, true},
		{"", model.GenderUnknown, true},
		{"X", model.GenderUnknown, true},
		{"not specified", model.GenderUnknown, true},
		{"Q", "", false},
	}
	for _, tt := range tests {
		t.Run("reading "+tt.in, func(t *testing.T) {
			got, ok := model.ParseGender(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseGender(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// validMember returns a subscriber that passes Validate on 2026-06-01.
func validMember() model.Member {
	return model.Member{
		GroupID: "g1", EmployeeID: "E-1001", Relationship: model.RelEmployee,
		FirstName: "Anna", LastName: "Müller", DateOfBirth: model.MustDate("1980-06-15"),
		Gender: model.GenderFemale, SSN: "123-45-6789", Address: model.Address{ZIP: "94110"},
		PlanID: "P1", Tier: model.TierEE, Status: model.StatusActive, Effective: model.MustDate("2026-01-01"),
	}
}

// problemFields returns the fields an error's problems are about, sorted.
func problemFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *model.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *model.Error", err)
	}
	if e.Code != model.EINVALID {
		t.Errorf("code = %s, want %s", e.Code, model.EINVALID)
	}
	var fields []string
	if len(e.Details) == 0 {
		fields = []string{e.Field}
	}
	for _, d := range e.Details {
		fields = append(fields, d.Field)
	}
	sort.Strings(fields)
	return fields
}

func TestMemberValidate(t *testing.T) {
	today := model.MustDate("2026-06-01")
	tests := []struct {
		name   string
		change func(m *model.Member)
		want   []string
	}{
		{"a complete subscriber is valid", func(m *model.Member) {}, nil},
		{"a dependent with a subscriber is valid", func(m *model.Member) {
			m.Relationship, m.SubscriberID = model.RelChild, "s1"
		}, nil},
		{"a member without an SSN or ZIP is valid", func(m *model.Member) { m.SSN, m.Address.ZIP = "", "" }, nil},
		{"a ZIP+4 is valid", func(m *model.Member) { m.Address.ZIP = "94110-1234" }, nil},
		{"a termination on the effective date is valid", func(m *model.Member) { m.Termination = m.Effective }, nil},
		{"a blank first name is a problem", func(m *model.Member) { m.FirstName = "  " }, []string{"first_name"}},
		{"a missing last name is a problem", func(m *model.Member) { m.LastName = "" }, []string{"last_name"}},
		{"a missing employee ID is a problem", func(m *model.Member) { m.EmployeeID = "" }, []string{"employee_id"}},
		{"an unknown relationship is a problem", func(m *model.Member) { m.Relationship = "cousin" }, []string{"relationship", "subscriber_id"}},
		{"a subscriber under another subscriber is a problem", func(m *model.Member) { m.SubscriberID = "s1" }, []string{"relationship"}},
		{"a dependent without a subscriber is a problem", func(m *model.Member) { m.Relationship = model.RelSpouse }, []string{"subscriber_id"}},
		{"a missing date of birth is a problem", func(m *model.Member) { m.DateOfBirth = model.Date{} }, []string{"date_of_birth"}},
		{"a birth tomorrow is a problem", func(m *model.Member) { m.DateOfBirth = today.AddDays(1) }, []string{"date_of_birth"}},
		{"a birth today is fine", func(m *model.Member) { m.DateOfBirth = today }, nil},
		{"an age over 120 is a problem", func(m *model.Member) { m.DateOfBirth = model.MustDate("1900-01-01") }, []string{"date_of_birth"}},
		{"an unknown gender is a problem", func(m *model.Member) { m.Gender = "Q" }, []string{"gender"}},
		{"an invalid SSN is a problem", func(m *model.Member) { m.SSN = "666-12-3456" }, []string{"ssn"}},
		{"a short ZIP is a problem", func(m *model.Member) { m.Address.ZIP = "9411" }, []string{"zip"}},
		{"an unknown tier is a problem", func(m *model.Member) { m.Tier = "EE+1" }, []string{"tier"}},
		{"a missing effective date is a problem", func(m *model.Member) { m.Effective = model.Date{} }, []string{"effective_date"}},
		{"a termination before the effective date is a problem", func(m *model.Member) {
			m.Termination = m.Effective.AddDays(-1)
		}, []string{"termination_date"}},
		{"every problem is reported at once", func(m *model.Member) {
			m.FirstName, m.LastName, m.SSN = "", "", "000-00-0000"
		}, []string{"first_name", "last_name", "ssn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMember()
			tt.change(&m)
			got := problemFields(t, m.Validate(today))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems about %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMemberHelpers(t *testing.T) {
	m := model.Member{FirstName: "Anna", MiddleName: " ", LastName: "Müller", Relationship: model.RelChild,
		DateOfBirth: model.MustDate("2004-02-29"), Effective: model.MustDate("2026-01-01"), Termination: model.MustDate("2026-03-31")}
	if m.FullName() != "Anna Müller" || m.SortName() != "Müller, Anna" {
		t.Errorf("names %q and %q", m.FullName(), m.SortName())
	}
	if d, ok := m.AgesOut(); !ok || d.String() != "2030-03-01" {
		t.Errorf("AgesOut = %s, %v; want the 26th birthday 2030-03-01", d, ok)
	}
	for day, want := range map[string]bool{"2025-12-31": false, "2026-01-01": true, "2026-03-31": true, "2026-04-01": false} {
		if got := m.CoveredOn(model.MustDate(day)); got != want {
			t.Errorf("CoveredOn(%s) = %v, want %v", day, got, want)
		}
	}
	spouse := model.Member{Relationship: model.RelSpouse, DateOfBirth: model.MustDate("1980-01-01")}
	if _, ok := spouse.AgesOut(); ok {
		t.Error("a spouse does not age out")
	}
}

func TestGroupValidate(t *testing.T) {
	valid := func() model.Group {
		return model.Group{Number: "G-100", Name: "Acme", Segment: model.SegmentSmall, Address: model.Address{ZIP: "94110"},
			EffectiveDate: model.MustDate("2020-01-01"), RenewalDate: model.MustDate("2027-01-01")}
	}
	tests := []struct {
		name   string
		change func(g *model.Group)
		want   []string
	}{
		{"a complete group is valid", func(g *model.Group) {}, nil},
		{"a group without a renewal date is valid", func(g *model.Group) { g.RenewalDate = model.Date{} }, nil},
		{"a missing name is a problem", func(g *model.Group) { g.Name = " " }, []string{"name"}},
		{"a missing number is a problem", func(g *model.Group) { g.Number = "" }, []string{"number"}},
		{"an unknown segment is a problem", func(g *model.Group) { g.Segment = "medium" }, []string{"segment"}},
		{"a bad ZIP is a problem", func(g *model.Group) { g.Address.ZIP = "ABCDE" }, []string{"zip"}},
		{"a missing effective date is a problem", func(g *model.Group) { g.EffectiveDate = model.Date{} }, []string{"effective_date"}},
		{"a renewal before the effective date is a problem", func(g *model.Group) { g.RenewalDate = model.MustDate("2019-01-01") }, []string{"renewal_date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := valid()
			tt.change(&g)
			got := problemFields(t, g.Validate())
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems about %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("a group without a delivery choice gets online billing", func(t *testing.T) {
		g := valid()
		if err := g.Validate(); err != nil || g.Delivery != model.DeliveryOnline {
			t.Errorf("delivery %q, %v", g.Delivery, err)
		}
	})
	t.Run("the segment follows the head count", func(t *testing.T) {
		if model.SegmentFor(100) != model.SegmentSmall || model.SegmentFor(101) != model.SegmentLarge {
			t.Error("100 is the largest small group")
		}
	})
}

func TestPlanValidate(t *testing.T) {
	valid := func() model.Plan {
		return model.Plan{ID: "P1", Name: "Gold PPO", Type: model.PlanPPO, Metal: model.MetalGold,
			Rating: model.Rating{Method: model.RatingAge, TobaccoFactor: 11500, BaseRates: map[string]model.Money{"1": 44000}}}
	}
	composite := map[model.Tier]model.Money{model.TierEE: 500, model.TierES: 1000, model.TierEC: 900, model.TierFAM: 1500}
	tests := []struct {
		name   string
		change func(p *model.Plan)
		want   []string
	}{
		{"an age-rated plan is valid", func(p *model.Plan) {}, nil},
		{"a plan without a tobacco factor is valid", func(p *model.Plan) { p.Rating.TobaccoFactor = 0 }, nil},
		{"a tobacco factor of 1.5 is the most allowed", func(p *model.Plan) { p.Rating.TobaccoFactor = 15000 }, nil},
		{"a composite plan with four tier rates is valid", func(p *model.Plan) {
			p.Rating = model.Rating{Method: model.RatingComposite, TierRates: composite}
		}, nil},
		{"a missing ID is a problem", func(p *model.Plan) { p.ID = "" }, []string{"id"}},
		{"a missing name is a problem", func(p *model.Plan) { p.Name = "" }, []string{"name"}},
		{"an unknown type is a problem", func(p *model.Plan) { p.Type = "POS" }, []string{"type"}},
		{"an unknown metal is a problem", func(p *model.Plan) { p.Metal = "copper" }, []string{"metal"}},
		{"an age-rated plan without base rates is a problem", func(p *model.Plan) { p.Rating.BaseRates = nil }, []string{"rating.base_rates"}},
		{"a tobacco factor above 1.5 is a problem", func(p *model.Plan) { p.Rating.TobaccoFactor = 15001 }, []string{"rating.tobacco_factor"}},
		{"a tobacco factor below 1 is a problem", func(p *model.Plan) { p.Rating.TobaccoFactor = 9000 }, []string{"rating.tobacco_factor"}},
		{"a composite plan missing a tier is a problem", func(p *model.Plan) {
			p.Rating = model.Rating{Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{model.TierEE: 1}}
		}, []string{"rating.tier_rates", "rating.tier_rates", "rating.tier_rates"}},
		{"an unknown rating method is a problem", func(p *model.Plan) { p.Rating.Method = "experience" }, []string{"rating.method"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.change(&p)
			got := problemFields(t, p.Validate())
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems about %v, want %v", got, tt.want)
			}
		})
	}
}
