package e2e_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// Renewals end to end against a real accountd: the offer the demo's
// renewal job made reaches the PGA's and a read-only Secondary User's
// desktops by sync; the read-only user cannot submit, and the server
// refuses the answer when it is sent anyway; the PGA answers (ending a
// dependent's coverage at renewal); the carrier moves the renewal through
// review, a question and acceptance; both desktops follow each status; on
// the renewal date the job starts the new plan year, and the termination
// takes effect then and not before.
func TestARenewalOfferIsAnsweredAndFollowedOnEveryDesktop(t *testing.T) {
	svc := startService(t, smallTemplate)
	group := small.named(t, "Bayview Dental Group")
	readOnly := userWithRole(t, group.ID, model.RoleReadOnly)

	pga := svc.newDesktop(t, "the PGA", group.PGA, withForm(group.PGA, demoPassword))
	viewer := svc.newDesktop(t, "the read-only user", readOnly, withForm(readOnly, demoPassword))
	r := offerOn(t, pga, group.ID, model.RenewalAvailable)
	offerOn(t, viewer, group.ID, model.RenewalAvailable)

	leaving := aDependent(t, pga, group.ID, r.Effective)
	sub := keepWithTermination(t, pga, &r, leaving)

	t.Run("a Secondary User without renewals.submit cannot submit, and the server refuses it", func(t *testing.T) {
		vr := offerOn(t, viewer, group.ID, model.RenewalAvailable)
		if err := viewer.DB.SubmitRenewal(viewer.ctx(t), &vr, sub); model.ErrorCode(err) != model.EFORBIDDEN {
			t.Fatalf("the desktop let a read-only user submit: %v", err)
		}
		res := pushAnswer(t, svc, readOnly, vr, sub)
		if res.Status != model.ResultRefused || res.Code != model.EFORBIDDEN || !strings.Contains(res.Reason, "renewals.submit") {
			t.Fatalf("the server's answer to a read-only user's submission: %+v", res)
		}
	})

	t.Run("the PGA starts and submits; both desktops see each status", func(t *testing.T) {
		must(t, pga.DB.StartRenewal(pga.ctx(t), &r))
		pga.sync(t)
		bothSee(t, group.ID, model.RenewalDraft, pga, viewer)
		must(t, pga.DB.SubmitRenewal(pga.ctx(t), &r, sub))
		pga.sync(t)
		bothSee(t, group.ID, model.RenewalSubmitted, pga, viewer)
	})

	t.Run("the carrier reviews, asks, and accepts the answer given again", func(t *testing.T) {
		carrierMoves(t, svc, r.ID, "in_review", "")
		bothSee(t, group.ID, model.RenewalInReview, pga, viewer)
		carrierMoves(t, svc, r.ID, "needs_information", "Please confirm the number of eligible employees.")
		got := bothSee(t, group.ID, model.RenewalNeedsInfo, pga, viewer)
		if got.LastNote() != "Please confirm the number of eligible employees." {
			t.Fatalf("the carrier's note reads %q on the desktop", got.LastNote())
		}
		must(t, pga.DB.SubmitRenewal(pga.ctx(t), &got, sub))
		pga.sync(t)
		bothSee(t, group.ID, model.RenewalSubmitted, pga, viewer)
		carrierMoves(t, svc, r.ID, "accepted", "")
		bothSee(t, group.ID, model.RenewalAccepted, pga, viewer)
	})

	t.Run("the new plan year starts on the renewal date, and not before", func(t *testing.T) {
		runJob(t, svc, r.Effective.AddDays(-1))
		bothSee(t, group.ID, model.RenewalAccepted, pga, viewer)
		if m := memberOn(t, viewer, leaving.ID); m.Status == model.StatusTerminated {
			t.Fatal("the dependent's coverage ended before the renewal date")
		}
		runJob(t, svc, r.Effective)
		got := bothSee(t, group.ID, model.RenewalEffective, pga, viewer)
		for _, d := range []*desktop{pga, viewer} {
			if m := memberOn(t, d, leaving.ID); m.Status != model.StatusTerminated || m.Termination != r.Effective.AddDays(-1) {
				t.Fatalf("on %s's desktop %s is %s until %s", d.Name, m.FullName(), m.Status, m.Termination)
			}
		}
		if len(got.Applied) == 0 || strings.Contains(strings.Join(got.Applied, " "), "Not applied") {
			t.Fatalf("the renewal says it applied %q", got.Applied)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// named returns the group of the book whose name starts so.
func (b *bookFacts) named(tb testing.TB, prefix string) groupFact {
	tb.Helper()
	for _, g := range b.Groups {
		if strings.HasPrefix(g.Name, prefix) {
			return g
		}
	}
	tb.Fatalf("the demo book has no group %s", prefix)
	return groupFact{}
}

// offerOn returns the group's renewal on a desktop, which must have a status.
func offerOn(t *testing.T, d *desktop, group string, want model.RenewalStatus) model.Renewal {
	t.Helper()
	rs, err := d.DB.Renewals(d.ctx(t), group)
	if err != nil || len(rs) != 1 {
		t.Fatalf("%s's desktop holds %d renewals of the group (%v), want the offer", d.Name, len(rs), err)
	}
	if rs[0].Status != want {
		t.Fatalf("%s's desktop shows the renewal %s, want %s", d.Name, rs[0].Status.Label(), want.Label())
	}
	return rs[0]
}

// bothSee syncs each desktop and checks it shows the status.
func bothSee(t *testing.T, group string, want model.RenewalStatus, ds ...*desktop) model.Renewal {
	t.Helper()
	var r model.Renewal
	for _, d := range ds {
		d.sync(t)
		r = offerOn(t, d, group, want)
	}
	return r
}

// aDependent returns a dependent covered on the renewal date.
func aDependent(t *testing.T, d *desktop, group string, on model.Date) model.Member {
	t.Helper()
	page, err := d.DB.Members(d.ctx(t), model.MemberQuery{GroupID: group, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Members {
		if !m.IsSubscriber() && m.CoveredOn(on) && m.DateOfBirth.AgeOn(on) < model.DependentAgeLimit {
			return m
		}
	}
	t.Fatal("the group has no dependent to end coverage for")
	return model.Member{}
}

// keepWithTermination is the PGA's answer: keep the plans, end one
// dependent's coverage with the plan year (and any child's who is 26 by
// the renewal date, as the checks ask).
func keepWithTermination(t *testing.T, d *desktop, r *model.Renewal, leaving model.Member) model.RenewalSubmission {
	t.Helper()
	changes := []model.RenewalChange{{Kind: model.ChangeTerminate, Family: leaving.SubscriberID, Member: leaving.ID,
		Reason: "Other coverage", Who: leaving.FullName()}}
	page, err := d.DB.Members(d.ctx(t), model.MemberQuery{GroupID: r.GroupID, Relationship: model.RelChild, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Members {
		if m.ID != leaving.ID && m.CoveredOn(r.Effective) && m.DateOfBirth.AgeOn(r.Effective) >= model.DependentAgeLimit {
			changes = append(changes, model.RenewalChange{Kind: model.ChangeTerminate, Family: m.SubscriberID, Member: m.ID,
				Reason: "Child reached age 26", Who: m.FullName()})
		}
	}
	cur, _ := r.Offer.Totals()
	subscribers := 0
	for _, m := range r.Offer.Mappings {
		subscribers += m.Subscribers
	}
	if cur == 0 || subscribers == 0 {
		t.Fatalf("the offer has no premium or subscribers: %+v", r.Offer.Mappings)
	}
	return model.KeepPlans(r, model.DefaultContribution, subscribers, changes)
}

// pushAnswer sends a submission straight to the service as a user's
// operation, as a desktop that skipped its own check would.
func pushAnswer(t *testing.T, svc *service, email string, r model.Renewal, sub model.RenewalSubmission) model.OpResult {
	t.Helper()
	r.Status, r.Submission = model.RenewalSubmitted, &sub
	data, _ := json.Marshal(r)
	return postOp(t, svc, email, api.Op{ID: "renewal-answer-" + email, Entity: model.EntityRenewal, EntityID: r.ID,
		GroupID: r.GroupID, Action: model.ActionUpdate, BaseVersion: r.Version, Data: data})
}

// carrierMoves is the carrier deciding with accountd's admin command.
func carrierMoves(t *testing.T, svc *service, id, status, note string) {
	t.Helper()
	args := []string{"renewal", "--db", svc.DBPath, "--id", id, "--status", status}
	if note != "" {
		args = append(args, "--note", note)
	}
	must(t, command(binDir, accountdBin, args...))
}

// runJob runs accountd's renewal job for a day.
func runJob(t *testing.T, svc *service, day model.Date) {
	t.Helper()
	must(t, command(binDir, accountdBin, "renewals", "--db", svc.DBPath, "--today", day.String()))
}

func memberOn(t *testing.T, d *desktop, id string) model.Member {
	t.Helper()
	m, err := d.DB.Member(d.ctx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
