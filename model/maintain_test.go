package model_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

var maintToday = model.MustDate("2026-06-17")

// changeContext is a California small group on 2026-06-17 with two plans.
func changeContext() model.ChangeContext {
	n := 0
	return model.ChangeContext{
		Today:       maintToday,
		Group:       model.Group{ID: "g1", Segment: model.SegmentSmall, Address: model.Address{State: "CA"}, RatingArea: "area-1"},
		Subscribers: 40,
		Rules:       testRules(),
		Plans:       map[string]*model.Plan{"P1": testAgePlan("P1"), "P2": testAgePlan("P2")},
		NewID:       func() string { n++; return fmt.Sprintf("new-%d", n) },
	}
}

func testAgePlan(id string) *model.Plan {
	return &model.Plan{ID: id, Name: "Plan " + id, Rating: model.Rating{Method: model.RatingAge, Curve: "federal-2018",
		TobaccoFactor: 11500, BaseRates: map[string]model.Money{"area-1": 44000}}}
}

func famMember(id, sub string, rel model.Relationship, first, born string) model.Member {
	return model.Member{ID: id, GroupID: "g1", SubscriberID: sub, EmployeeID: "E1", Relationship: rel, FirstName: first,
		LastName: "Rivera", DateOfBirth: model.MustDate(born), Gender: model.GenderUnknown, PlanID: "P1", Tier: model.TierFAM,
		Status: model.StatusActive, Effective: model.MustDate("2024-01-01"), Version: 3}
}

// riveras is a family of four: Ann (the employee), Bob her spouse, and
// two children.
func riveras() []model.Member {
	return []model.Member{
		famMember("ann", "", model.RelEmployee, "Ann", "1980-03-02"),
		famMember("bob", "ann", model.RelSpouse, "Bob", "1981-07-09"),
		famMember("cat", "ann", model.RelChild, "Cat", "2010-01-20"),
		famMember("dan", "ann", model.RelChild, "Dan", "2014-11-05"),
	}
}

func byID(fam []model.Member) map[string]model.Member {
	out := map[string]model.Member{}
	for _, m := range fam {
		out[m.ID] = m
	}
	return out
}

func wantRefusal(t *testing.T, err error, code, text string) {
	t.Helper()
	var e *model.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want a %s error saying %q", err, code, text)
	}
	if e.Code != code || !strings.Contains(e.Error()+fmt.Sprint(e.Details), text) {
		t.Fatalf("error %s %q, want %s saying %q", e.Code, e.Error(), code, text)
	}
}

func TestEnrollmentBuildsTheFamily(t *testing.T) {
	c := changeContext()
	sub := famMember("", "", model.RelEmployee, "Eve", "1990-04-04")
	sub.EmployeeID, sub.Effective, sub.Tier = "E77", model.MustDate("2026-07-01"), ""
	kid := famMember("", "", model.RelChild, "Fay", "2020-02-02")
	kid.EmployeeID, kid.PlanID, kid.Effective = "", "", model.Date{}
	e := &model.Enrollment{Subscriber: sub, Dependents: []model.Member{kid}}
	out, err := e.Apply(nil, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Family) != 2 {
		t.Fatalf("%d members, want 2", len(out.Family))
	}
	s, d := out.Family[0], out.Family[1]
	if d.SubscriberID != s.ID || d.EmployeeID != "E77" || d.PlanID != "P1" || d.Effective != s.Effective {
		t.Errorf("the child did not join the family: %+v", d)
	}
	if s.Tier != model.TierEC || d.Tier != model.TierEC {
		t.Errorf("tiers %s/%s, want EC", s.Tier, d.Tier)
	}
	if s.Status != model.StatusPending {
		t.Errorf("a July start is %s on June 17, want pending", s.Status)
	}
	if len(out.Notes) != 2 {
		t.Errorf("notes %v", out.Notes)
	}
}

func TestEnrollmentRefusals(t *testing.T) {
	tests := []struct {
		name   string
		change func(e *model.Enrollment)
		text   string
	}{
		{"an enrollment needs a plan", func(e *model.Enrollment) { e.Subscriber.PlanID = "" }, "choose a plan"},
		{"an unknown plan is refused", func(e *model.Enrollment) { e.Subscriber.PlanID = "P9" }, `no plan "P9"`},
		{"coverage cannot start before the first of the month", func(e *model.Enrollment) {
			e.Subscriber.Effective = model.MustDate("2026-05-01")
		}, "cannot start before 2026-06-01"},
		{"a child of 26 cannot be enrolled", func(e *model.Enrollment) {
			e.Dependents = []model.Member{famMember("", "", model.RelChild, "Old", "2000-01-01")}
		}, "children are covered until their 26th birthday"},
		{"two spouses are refused", func(e *model.Enrollment) {
			e.Dependents = []model.Member{famMember("", "", model.RelSpouse, "One", "1990-01-01"), famMember("", "", model.RelDomesticPartner, "Two", "1990-01-01")}
		}, "one spouse or domestic partner"},
		{"a dependent without a name is refused, by position", func(e *model.Enrollment) {
			e.Dependents = []model.Member{{Relationship: model.RelChild, DateOfBirth: model.MustDate("2020-01-01")}}
		}, "person 2: a first name is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := famMember("", "", model.RelEmployee, "Eve", "1990-04-04")
			sub.Effective = model.MustDate("2026-07-01")
			e := &model.Enrollment{Subscriber: sub}
			tt.change(e)
			_, err := e.Apply(nil, changeContext())
			wantRefusal(t, err, model.EINVALID, tt.text)
		})
	}
}

func TestDependentAdditionThroughALifeEvent(t *testing.T) {
	tests := []struct {
		name      string
		rel       model.Relationship
		born      string
		event     model.LifeEvent
		eventDate string
		effective string
		tier      model.Tier
	}{
		{"a newborn is covered from the day of birth", model.RelChild, "2026-06-01", model.EventBirth, "2026-06-01", "2026-06-01", model.TierFAM},
		{"an adopted child is covered from the adoption", model.RelChild, "2019-03-03", model.EventAdoption, "2026-05-15", "2026-05-15", model.TierFAM},
		{"a new spouse is covered from the first of next month", model.RelSpouse, "1985-01-01", model.EventMarriage, "2026-05-01", "2026-07-01", model.TierFAM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fam := riveras()[:1] // Ann alone, so the tier grows
			fam[0].Tier = model.TierEE
			if tt.rel == model.RelSpouse {
				fam = append(riveras()[:1], riveras()[2:]...)
			}
			d := famMember("", "", tt.rel, "New", tt.born)
			a := &model.DependentAddition{Subscriber: "ann", Dependent: d, Event: tt.event, EventDate: model.MustDate(tt.eventDate)}
			out, err := a.Apply(fam, changeContext())
			if err != nil {
				t.Fatal(err)
			}
			added := out.Family[len(out.Family)-1]
			if added.Effective.String() != tt.effective {
				t.Errorf("effective %s, want %s", added.Effective, tt.effective)
			}
			if tt.rel == model.RelChild && out.Family[0].Tier != model.TierEC {
				t.Errorf("tier %s, want EC", out.Family[0].Tier)
			}
			if tt.rel == model.RelSpouse && out.Family[0].Tier != tt.tier {
				t.Errorf("tier %s, want %s", out.Family[0].Tier, tt.tier)
			}
			if out.Event == nil || out.Event.Status != model.LifeEventEnrolled || out.Event.MemberID != added.ID {
				t.Errorf("the life event was not recorded: %+v", out.Event)
			}
		})
	}
}

func TestDependentAdditionRefusals(t *testing.T) {
	tests := []struct {
		name      string
		rel       model.Relationship
		born      string
		event     model.LifeEvent
		eventDate string
		text      string
	}{
		{"a marriage 61 days ago is past California's window", model.RelSpouse, "1985-01-01", model.EventMarriage, "2026-04-17", "60-day window"},
		{"a birth adds a child, not a spouse", model.RelSpouse, "1985-01-01", model.EventBirth, "2026-06-01", "a birth adds a child"},
		{"a newborn is born on the day of the birth", model.RelChild, "2026-05-01", model.EventBirth, "2026-06-01", "born that day"},
		{"a second spouse is refused", model.RelSpouse, "1985-01-01", model.EventMarriage, "2026-06-01", "one spouse"},
		{"an event must be chosen", model.RelChild, "2026-06-01", "", "2026-06-01", "choose the life event"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &model.DependentAddition{Subscriber: "ann", Dependent: famMember("", "", tt.rel, "New", tt.born), Event: tt.event, EventDate: model.MustDate(tt.eventDate)}
			_, err := a.Apply(riveras(), changeContext())
			wantRefusal(t, err, model.EINVALID, tt.text)
		})
	}
}

func TestTermination(t *testing.T) {
	c := changeContext()
	t.Run("ending the subscriber ends the whole family", func(t *testing.T) {
		out, err := (&model.Termination{Family: "ann", Member: "ann", Version: 3, Date: model.MustDate("2026-06-30"), Reason: "Voluntary resignation"}).Apply(riveras(), c)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range out.Family {
			if m.Status != model.StatusTerminated || m.Termination.String() != "2026-06-30" || m.TermReason != "Voluntary resignation" {
				t.Errorf("%s: %s %s %q", m.FirstName, m.Status, m.Termination, m.TermReason)
			}
		}
	})
	t.Run("ending a dependent lowers the family's tier", func(t *testing.T) {
		out, err := (&model.Termination{Family: "ann", Member: "bob", Date: model.MustDate("2026-06-30"), Reason: "Divorce or legal separation"}).Apply(riveras(), c)
		if err != nil {
			t.Fatal(err)
		}
		got := byID(out.Family)
		if got["bob"].Status != model.StatusTerminated || got["ann"].Status != model.StatusActive {
			t.Errorf("statuses: ann %s, bob %s", got["ann"].Status, got["bob"].Status)
		}
		if got["ann"].Tier != model.TierEC || got["cat"].Tier != model.TierEC || got["bob"].Tier != model.TierFAM {
			t.Errorf("tiers: ann %s cat %s bob %s; want EC, EC and FAM kept on the terminated", got["ann"].Tier, got["cat"].Tier, got["bob"].Tier)
		}
	})
	refusals := []struct {
		name string
		term model.Termination
		code string
		text string
	}{
		{"a termination before the first of the month is refused", model.Termination{Member: "cat", Date: model.MustDate("2026-05-31"), Reason: "Other coverage"},
			model.EINVALID, "cannot end before 2026-06-01"},
		{"a reason is required", model.Termination{Member: "cat", Date: model.MustDate("2026-06-30")}, model.EINVALID, "give the reason"},
		{"a stale version is a conflict", model.Termination{Member: "cat", Version: 2, Date: model.MustDate("2026-06-30"), Reason: "x"}, model.ECONFLICT, "changed by someone else"},
		{"an unknown member is not found", model.Termination{Member: "zed", Date: model.MustDate("2026-06-30"), Reason: "x"}, model.ENOTFOUND, "no member zed"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.term.Apply(riveras(), c)
			wantRefusal(t, err, tt.code, tt.text)
		})
	}
}

func TestReinstatementUndoesATermination(t *testing.T) {
	c := changeContext()
	out, err := (&model.Termination{Member: "ann", Date: model.MustDate("2026-06-30"), Reason: "Layoff"}).Apply(riveras(), c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := (&model.Reinstatement{Member: "ann"}).Apply(out.Family, c)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range back.Family {
		if m != riveras()[i] {
			t.Errorf("%s after reinstatement: %+v, want %+v", m.FirstName, m, riveras()[i])
		}
	}
	t.Run("coverage ended before the retro limit cannot be reinstated", func(t *testing.T) {
		fam := riveras()
		fam[2].Status, fam[2].Termination, fam[2].TermReason = model.StatusTerminated, model.MustDate("2026-03-31"), "x"
		_, err := (&model.Reinstatement{Member: "cat"}).Apply(fam, c)
		wantRefusal(t, err, model.EINVALID, "Enroll them again")
	})
	t.Run("a dependent waits for the subscriber", func(t *testing.T) {
		_, err := (&model.Reinstatement{Member: "cat"}).Apply(out.Family, c)
		wantRefusal(t, err, model.EINVALID, "reinstate the subscriber first")
	})
}

func TestCOBRAElection(t *testing.T) {
	tests := []struct {
		name        string
		subscribers int
		event       model.COBRAEvent
		ends        string
		kind        string
	}{
		{"a terminated employee continues 18 months", 40, model.COBRATermination, "2027-12-31", "COBRA continuation"},
		{"a death gives 36 months", 40, model.COBRADeath, "2029-06-30", "COBRA continuation"},
		{"a California group of 12 gives Cal-COBRA's 36 months", 12, model.COBRATermination, "2029-06-30", "Cal-COBRA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := changeContext()
			c.Subscribers = tt.subscribers
			out, err := (&model.Termination{Member: "ann", Date: model.MustDate("2026-06-30"), Reason: "Layoff"}).Apply(riveras(), c)
			if err != nil {
				t.Fatal(err)
			}
			res, err := (&model.COBRAElection{Member: "ann", Event: tt.event}).Apply(out.Family, c)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range res.Family {
				if m.Status != model.StatusCOBRA || m.Termination.String() != tt.ends || !strings.Contains(m.TermReason, tt.kind) {
					t.Errorf("%s: %s until %s (%s)", m.FirstName, m.Status, m.Termination, m.TermReason)
				}
			}
		})
	}
	_, err := (&model.COBRAElection{Member: "ann", Event: model.COBRATermination}).Apply(riveras(), changeContext())
	wantRefusal(t, err, model.EINVALID, "End Ann Rivera's coverage first")
}

func TestCoverageChange(t *testing.T) {
	c := changeContext()
	t.Run("moving plans moves every covered member", func(t *testing.T) {
		out, err := (&model.CoverageChange{Subscriber: "ann", Version: 3, PlanID: "P2", Effective: model.MustDate("2026-07-01")}).Apply(riveras(), c)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range out.Family {
			if m.PlanID != "P2" || m.Effective.String() != "2026-07-01" || m.Status != model.StatusActive {
				t.Errorf("%s: %s from %s (%s)", m.FirstName, m.PlanID, m.Effective, m.Status)
			}
		}
	})
	t.Run("dropping the children makes the tier ES", func(t *testing.T) {
		out, err := (&model.CoverageChange{Subscriber: "ann", PlanID: "P1", Effective: model.MustDate("2026-07-01"), Drop: []string{"cat", "dan"}}).Apply(riveras(), c)
		if err != nil {
			t.Fatal(err)
		}
		got := byID(out.Family)
		if got["ann"].Tier != model.TierES || got["cat"].Termination.String() != "2026-06-30" {
			t.Errorf("ann %s, cat ends %s", got["ann"].Tier, got["cat"].Termination)
		}
	})
	refusals := []struct {
		name string
		cc   model.CoverageChange
		text string
	}{
		{"a change in the middle of a month is refused", model.CoverageChange{PlanID: "P2", Effective: model.MustDate("2026-07-15")}, "first of a month"},
		{"a change to the same plan with nothing dropped is refused", model.CoverageChange{PlanID: "P1", Effective: model.MustDate("2026-07-01")}, "Nothing changes"},
		{"the subscriber cannot be dropped", model.CoverageChange{PlanID: "P1", Effective: model.MustDate("2026-07-01"), Drop: []string{"ann"}}, "terminate them instead"},
		{"a backdated change is refused", model.CoverageChange{PlanID: "P2", Effective: model.MustDate("2026-05-01")}, "too far back"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			tt.cc.Subscriber = "ann"
			_, err := tt.cc.Apply(riveras(), c)
			wantRefusal(t, err, model.EINVALID, tt.text)
		})
	}
}

func TestDemographicsUpdate(t *testing.T) {
	c := changeContext()
	edited := riveras()[0]
	edited.LastName, edited.SSN, edited.EmployeeID = "Rivera-Lopez", "123-45-6789", "E9"
	edited.PlanID, edited.Status = "P2", model.StatusTerminated // not demographics: ignored
	out, err := (&model.DemographicsUpdate{Member: edited}).Apply(riveras(), c)
	if err != nil {
		t.Fatal(err)
	}
	ann := out.Family[0]
	if ann.LastName != "Rivera-Lopez" || ann.SSN != "123456789" || ann.PlanID != "P1" || ann.Status != model.StatusActive {
		t.Errorf("after the update: %+v", ann)
	}
	for _, m := range out.Family {
		if m.EmployeeID != "E9" {
			t.Errorf("%s keeps employee ID %s", m.FirstName, m.EmployeeID)
		}
	}
	edited = riveras()[2]
	edited.DateOfBirth = model.MustDate("1999-01-01")
	_, err = (&model.DemographicsUpdate{Member: edited}).Apply(riveras(), c)
	wantRefusal(t, err, model.EINVALID, "covered until their 26th birthday")
	_, err = (&model.DemographicsUpdate{Member: riveras()[1]}).Apply(riveras(), c)
	wantRefusal(t, err, model.EINVALID, "Nothing changed")
}

func TestAChildWhoJustTurned26DoesNotBlockOtherChanges(t *testing.T) {
	fam := riveras()
	fam[2].DateOfBirth = model.MustDate("2000-06-01") // 26 since June 1, still on the roster
	_, err := (&model.Termination{Member: "bob", Date: model.MustDate("2026-06-30"), Reason: "Divorce"}).Apply(fam, changeContext())
	if err != nil {
		t.Fatalf("terminating the spouse was refused: %v", err)
	}
}

func TestLifeEventReportOpensAWindow(t *testing.T) {
	out, err := (&model.LifeEventReport{Subscriber: "ann", Event: model.EventMarriage, EventDate: model.MustDate("2026-06-10")}).Apply(riveras(), changeContext())
	if err != nil {
		t.Fatal(err)
	}
	if out.Event.WindowCloses.String() != "2026-08-09" || out.Event.Status != model.LifeEventOpen {
		t.Errorf("event %+v", out.Event)
	}
}
