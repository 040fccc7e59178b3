package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

var censusToday = model.MustDate("2026-06-17")

// record is a census row for a member of the Riveras (or anyone), with
// every column a full census has.
func record(row int, m model.Member) model.CensusRecord {
	var has model.FieldSet
	for _, f := range model.CensusFields() {
		if m.CensusValue(f) != "" && f != model.FieldTier {
			has = has.With(f)
		}
	}
	r := model.CensusRecord{Row: row, Member: m, Has: has, Plan: m.PlanID}
	r.Member.ID, r.Member.SubscriberID, r.Member.Version, r.Member.Tier = "", "", 0, ""
	return r
}

// rosterWithZIP is the Riveras with addresses, and the Nguyens (an
// employee alone).
func rosterWithZIP() []model.Member {
	fam := riveras()
	nguyen := famMember("tam", "", model.RelEmployee, "Tam", "1975-05-05")
	nguyen.LastName, nguyen.EmployeeID, nguyen.Tier = "Nguyen", "E2", model.TierEE
	fam = append(fam, nguyen)
	for i := range fam {
		fam[i].Address.ZIP = "94110"
	}
	return fam
}

// recordsOf turns a roster into the census that describes it exactly.
func recordsOf(ms []model.Member) []model.CensusRecord {
	var out []model.CensusRecord
	for i, m := range ms {
		out = append(out, record(i+2, m))
	}
	return out
}

func planImport(roster []model.Member, recs []model.CensusRecord, exclude bool) *model.ImportPlan {
	return model.PlanImport(roster, recs, nil, model.ImportOptions{GroupID: "g1", Today: censusToday,
		Plans: []model.Plan{*testAgePlan("P1"), *testAgePlan("P2")}, ExcludeBad: exclude})
}

func TestACensusOfTheRosterChangesNothing(t *testing.T) {
	p := planImport(rosterWithZIP(), recordsOf(rosterWithZIP()), false)
	if !p.Empty() || p.Unchanged != 5 || len(p.Problems) != 0 {
		t.Fatalf("plan: %s; problems %v", p.Summary(), p.Problems)
	}
}

func TestImportIntoAnEmptyGroupAddsEveryone(t *testing.T) {
	p := planImport(nil, recordsOf(rosterWithZIP()), false)
	if len(p.Adds) != 5 || p.Errors() != 0 {
		t.Fatalf("plan: %s; problems %v", p.Summary(), p.Problems)
	}
	ann, bob := p.Adds[0].After, p.Adds[1].After
	if bob.SubscriberID != ann.ID || ann.Tier != model.TierFAM || bob.Tier != model.TierFAM || p.Adds[1].Row != 3 {
		t.Errorf("the family was not rebuilt: ann %+v, bob %+v", ann, bob)
	}
}

func TestImportPreview(t *testing.T) {
	roster := rosterWithZIP()
	recs := recordsOf(roster[:3]) // Ann, Bob and Cat; Dan and the Nguyens are missing
	recs[1].Member.LastName = "Rivera-Ortiz"
	newKid := famMember("", "", model.RelChild, "Eli", "2025-12-01")
	recs = append(recs, record(9, newKid))
	p := planImport(roster, recs, false)
	if p.Errors() != 0 {
		t.Fatal(p.Problems)
	}
	if len(p.Adds) != 1 || p.Adds[0].After.FirstName != "Eli" || p.Adds[0].Row != 9 || p.Adds[0].After.SubscriberID != "ann" || p.Adds[0].Before != nil {
		t.Errorf("adds: %+v", p.Adds)
	}
	if len(p.Changes) != 1 || p.Changes[0].After.ID != "bob" || p.Changes[0].Fields[0].Field != "last_name" ||
		p.Changes[0].Before == nil || p.Changes[0].Before.LastName != roster[1].LastName {
		t.Errorf("changes: %+v", p.Changes)
	}
	var terms []string
	for _, c := range p.Terms {
		if c.Before == nil || c.Before.ID != c.After.ID || !c.Before.Termination.IsZero() {
			t.Errorf("termination of %s: before %+v", c.After.FirstName, c.Before)
		}
		terms = append(terms, c.After.FirstName+" "+c.After.Termination.String()+" "+c.After.TermReason)
	}
	want := "Tam 2026-06-30 Not in the census file,Dan 2026-06-30 Not in the census file" // by name: Nguyen, Rivera
	if strings.Join(terms, ",") != want {
		t.Errorf("terminations %q, want %q", strings.Join(terms, ","), want)
	}
	if p.Unchanged != 2 {
		t.Errorf("unchanged %d, want Ann and Cat", p.Unchanged)
	}
}

func TestImportKeepsCOBRAMembersMissingFromTheFile(t *testing.T) {
	roster := rosterWithZIP()
	roster[4].Status = model.StatusCOBRA
	p := planImport(roster, recordsOf(roster[:4]), false)
	if len(p.Terms) != 0 {
		t.Fatalf("terminations: %+v", p.Terms)
	}
}

func TestImportProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(recs []model.CensusRecord) []model.CensusRecord
		where  string
		text   string
	}{
		{"a duplicate employee ID", func(r []model.CensusRecord) []model.CensusRecord {
			r[4].Member.EmployeeID = "E1"
			return r
		}, "row 6, column employee_id", "also on row 2"},
		{"a dependent with no employee", func(r []model.CensusRecord) []model.CensusRecord {
			r[3].Member.EmployeeID = "E404"
			return r
		}, "row 5, column employee_id", "no employee row has employee ID E404"},
		{"a birth date in the future", func(r []model.CensusRecord) []model.CensusRecord {
			r[2].Member.DateOfBirth = model.MustDate("2031-02-03")
			return r
		}, "row 4, column date_of_birth", "in the future"},
		{"an invalid SSN", func(r []model.CensusRecord) []model.CensusRecord {
			r[0].Member.SSN, r[0].Has = "666123456", r[0].Has.With(model.FieldSSN)
			return r
		}, "row 2, column ssn", "not a valid SSN"},
		{"a second spouse", func(r []model.CensusRecord) []model.CensusRecord {
			r[2].Member.Relationship = model.RelDomesticPartner
			return r
		}, "row 4, column relationship", "already has a covered spouse"},
		{"a plan not in the catalog", func(r []model.CensusRecord) []model.CensusRecord {
			r[4].Plan = "Platinum Dreams"
			return r
		}, "row 6, column plan", `"Platinum Dreams" is not a plan`},
		{"a new child of 26", func(r []model.CensusRecord) []model.CensusRecord {
			return append(r, record(7, famMember("", "", model.RelChild, "Gus", "1999-01-01")))
		}, "row 7, column date_of_birth", "covered until their 26th birthday"},
		{"an employee ID that is someone else's", func(r []model.CensusRecord) []model.CensusRecord {
			r[4].Member.FirstName, r[4].Member.DateOfBirth = "Zed", model.MustDate("1999-09-09")
			return r
		}, "row 6, column employee_id", "is Tam Nguyen (born 1975-05-05) in the roster"},
		{"a termination backdated too far", func(r []model.CensusRecord) []model.CensusRecord {
			r[3].Member.Termination, r[3].Has = model.MustDate("2026-04-30"), r[3].Has.With(model.FieldTermination).With(model.FieldTermReason)
			r[3].Member.TermReason = "Other coverage"
			r[3].Member.Status = model.StatusTerminated
			return r
		}, "row 5, column termination_date", "cannot end before 2026-06-01"},
		{"an employee without a ZIP code", func(r []model.CensusRecord) []model.CensusRecord {
			r[4].Member.Address.ZIP = ""
			return r
		}, "row 6, column zip", "ZIP code is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is an error at its row and column", func(t *testing.T) {
			roster := rosterWithZIP()
			p := planImport(roster, tt.change(recordsOf(roster)), false)
			found := false
			for _, pr := range p.Problems {
				if pr.Where() == tt.where && strings.Contains(pr.Message, tt.text) && !pr.Warning {
					found = true
				}
			}
			if !found {
				t.Fatalf("no error at %s saying %q: %v", tt.where, tt.text, p.Problems)
			}
			if !p.Blocked() {
				t.Error("the plan is not blocked")
			}
			if len(p.Terms) != 0 {
				t.Errorf("a family with an error is terminated: %+v", p.Terms)
			}
		})
	}
}

func TestExcludingBadRowsLeavesTheirFamiliesAlone(t *testing.T) {
	roster := rosterWithZIP()
	recs := recordsOf(roster)
	recs[2].Member.DateOfBirth = model.MustDate("2031-02-03") // Cat: the Riveras are left out
	recs[4].Member.Email = "tam@example.com"
	recs[4].Has = recs[4].Has.With(model.FieldEmail)
	p := planImport(roster, recs, true)
	if p.Blocked() {
		t.Fatal("excluding the bad rows still blocks")
	}
	if len(p.Excluded) != 1 || p.Excluded[0] != "E1" {
		t.Errorf("excluded %v, want E1", p.Excluded)
	}
	if len(p.Terms) != 0 || len(p.Changes) != 1 || p.Changes[0].After.Email != "tam@example.com" {
		t.Errorf("plan %s: %+v", p.Summary(), p.Changes)
	}
}

func TestATierTheFamilyDoesNotMakeIsAWarning(t *testing.T) {
	roster := rosterWithZIP()
	recs := recordsOf(roster)
	recs[4].Tier, recs[4].Has = model.TierFAM, recs[4].Has.With(model.FieldTier)
	p := planImport(roster, recs, false)
	if p.Errors() != 0 || len(p.Problems) != 1 || !p.Problems[0].Warning || !strings.Contains(p.Problems[0].Message, "makes EE") {
		t.Fatalf("problems %v", p.Problems)
	}
}

func TestANewEmployeeNeedsAPlan(t *testing.T) {
	sub := famMember("", "", model.RelEmployee, "Ivy", "1990-01-01")
	sub.EmployeeID, sub.PlanID, sub.Address.ZIP, sub.Effective = "E5", "", "94110", model.Date{}
	recs := []model.CensusRecord{record(2, sub)}
	p := planImport(nil, recs, false)
	if p.Errors() != 1 || !strings.Contains(fmt.Sprint(p.Problems), "needs a plan") {
		t.Fatalf("problems %v", p.Problems)
	}
	p = model.PlanImport(nil, recs, nil, model.ImportOptions{GroupID: "g1", Today: censusToday, Plans: []model.Plan{*testAgePlan("P1")}, DefaultPlan: "P1"})
	if p.Errors() != 0 || p.Adds[0].After.PlanID != "P1" || p.Adds[0].After.Effective.String() != "2026-07-01" {
		t.Fatalf("with a default plan: %v %+v", p.Problems, p.Adds)
	}
}
