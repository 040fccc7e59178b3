package client_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/synctest"
)

var carrier = model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Underwriting", System: true})

// bakeryApplication applies for a three-employee Oakland bakery, effective
// on the first of the month after next.
func bakeryApplication(planID string) *model.Application {
	eff := model.DateOf(time.Now()).FirstOfNextMonth().FirstOfNextMonth()
	person := func(id string, rel model.Relationship, first, born string) model.QuotePerson {
		return model.QuotePerson{EmployeeID: id, Relationship: rel, FirstName: first, LastName: "Wójcik",
			DateOfBirth: model.MustDate(born), Gender: model.GenderFemale, ZIP: "94612"}
	}
	doc := func(kind string) model.AppDocument {
		return model.AppDocument{Kind: kind, FileName: kind + ".pdf", Size: 1200, SHA256: strings.Repeat("0f", 32)}
	}
	return &model.Application{
		Broker: "Harbor Benefits",
		Company: model.Company{LegalName: "Łódź Bakery LLC", FEIN: "94-7654321", Industry: "Bakery",
			Address: model.Address{Line1: "1950 Broadway", City: "Oakland", State: "CA", ZIP: "94612"}, ContactName: "Ewa Wójcik"},
		EmployeesTotal: 3, EmployeesEligible: 3, Effective: eff,
		Census: []model.QuotePerson{person("B1", model.RelEmployee, "Ewa", "1979-03-04"), person("B1", model.RelChild, "Ola", "2012-09-01"),
			person("B2", model.RelEmployee, "Jan", "1990-11-30"), person("B3", model.RelEmployee, "Iga", "1968-01-15")},
		PlanIDs: []string{planID}, Contribution: model.Contribution{Basis: model.ContribEmployeeOnly, Percent: 7500, PayPeriods: 26},
		Documents: []model.AppDocument{doc("wage_report"), doc("enrollment_forms"), doc("broker_of_record")},
	}
}

func TestAnApprovedApplicationBecomesAGroupThatArrivesOnTheDesktop(t *testing.T) {
	svc := synctest.NewService(t, 400)
	broker, _ := svc.UserWithRole(t, model.RoleBroker)
	d := svc.NewDesktop(t, broker)
	d.Round(t)
	ctx := d.Ctx(t)
	cat, err := d.DB.Catalog(ctx)
	if err != nil || len(cat.Areas) == 0 {
		t.Fatalf("the rating areas did not reach the desktop: %v", err)
	}
	app := bakeryApplication(svc.Book.Plans[1].ID)
	if err := d.DB.SaveApplication(ctx, app); err != nil {
		t.Fatal(err)
	}
	if err := d.DB.SubmitApplication(ctx, app); err != nil {
		t.Fatal(model.ErrorMessage(err))
	}
	if rep := d.Round(t); rep.Applied != 2 || rep.Refused != 0 {
		t.Fatalf("pushed %d, applied %d, refused %d", rep.Pushed, rep.Applied, rep.Refused)
	}
	for _, step := range []model.ApplicationStatus{model.AppInReview, model.AppNeedsInfo} {
		if _, err := svc.DB.MoveApplication(carrier, app.ID, step, "Send the Q3 wage report, please."); err != nil {
			t.Fatal(err)
		}
	}
	d.Round(t)
	got, err := d.DB.Application(ctx, app.ID)
	if err != nil || got.Status != model.AppNeedsInfo || got.LastNote() != "Send the Q3 wage report, please." {
		t.Fatalf("on the desktop: %s %q, %v", got.Status, got.LastNote(), err)
	}
	if err := d.DB.SubmitApplication(ctx, &got); err != nil {
		t.Fatal(err)
	}
	d.Round(t)
	for _, step := range []model.ApplicationStatus{model.AppInReview, model.AppApproved} {
		if _, err := svc.DB.MoveApplication(carrier, app.ID, step, ""); err != nil {
			t.Fatalf("moving to %s: %v", step, err)
		}
	}
	d.Round(t)
	got, _ = d.DB.Application(d.Ctx(t), app.ID)
	if got.Status != model.AppApproved || got.GroupID == "" {
		t.Fatalf("the desktop sees %s, group %q", got.Status, got.GroupID)
	}
	page, err := d.DB.Members(d.Ctx(t), model.MemberQuery{GroupID: got.GroupID, Limit: 10})
	if err != nil || page.Total != 4 {
		t.Fatalf("the new group's members on the desktop: %d, %v", page.Total, err)
	}
	g, err := d.DB.Group(d.Ctx(t), got.GroupID)
	if err != nil || g.Name != "Łódź Bakery LLC" || g.Segment != model.SegmentSmall || g.RatingArea != "CA-06" {
		t.Fatalf("the new group: %+v, %v", g, err)
	}
}

func TestTheServiceRefusesAnIncompleteSubmissionAndAnotherUsersApplication(t *testing.T) {
	svc := synctest.NewService(t, 400)
	broker, _ := svc.UserWithRole(t, model.RoleBroker)
	pga, _ := svc.UserWithRole(t, model.RolePGA)
	d := svc.NewDesktop(t, broker)
	d.Round(t)
	app := bakeryApplication(svc.Book.Plans[1].ID)
	if err := d.DB.SaveApplication(d.Ctx(t), app); err != nil {
		t.Fatal(err)
	}
	d.Round(t)
	other := model.WithPrincipal(context.Background(), &model.Principal{UserID: pga.ID, Name: pga.Name, Grants: map[string]model.Role{"x": model.RolePGA}})
	stolen := *app
	stolen.Company.LegalName = "Someone Else Inc"
	res, err := svc.DB.ApplyOps(other, []model.Operation{{ID: "op-stolen-1", GroupID: model.ApplicantScope(pga.ID), Entity: model.EntityApplication,
		EntityID: app.ID, Action: model.ActionUpdate, BaseVersion: 1, Payload: mustJSON(t, stolen)}})
	if err != nil || res[0].Status != model.ResultRefused {
		t.Fatalf("another user's change: %+v, %v", res, err)
	}
	owner, err := svc.DB.Principal(context.Background(), broker.ID)
	if err != nil {
		t.Fatal(err)
	}
	incomplete := *app
	incomplete.Status, incomplete.Documents, incomplete.OwnerID = model.AppSubmitted, nil, broker.ID
	res, err = svc.DB.ApplyOps(model.WithPrincipal(context.Background(), owner), []model.Operation{{ID: "op-incomplete-1",
		GroupID: model.ApplicantScope(broker.ID), Entity: model.EntityApplication, EntityID: app.ID, Action: model.ActionUpdate,
		BaseVersion: 1, Payload: mustJSON(t, incomplete)}})
	if err != nil || res[0].Status != model.ResultRefused || !strings.Contains(res[0].Reason, "Required documents: Attach:") {
		t.Fatalf("an incomplete submission: %+v, %v", res, err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
