package x12

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
)

var (
	storeToday = model.MustDate("2026-11-28")
	storeOnce  sync.Once
	storeBytes []byte // the database file of the demo book with its billing
	storeErr   error
)

func ownerCtx() context.Context { return model.WithPrincipal(context.Background(), model.LocalOwner) }

// demoStore returns a copy of a database holding a small demo book (three
// groups) with its two years of billing played out, made once per run.
func demoStore(t *testing.T) *sqlite.DB {
	t.Helper()
	storeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "groupdesk-x12-")
		if err != nil {
			storeErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "x12.db")
		if storeErr = seedStore(path); storeErr == nil {
			storeBytes, storeErr = os.ReadFile(path)
		}
	})
	if storeErr != nil {
		t.Fatal(storeErr)
	}
	path := filepath.Join(t.TempDir(), "groupdesk.db")
	if err := os.WriteFile(path, storeBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ownerCtx(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func seedStore(path string) error {
	ctx := ownerCtx()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	o := demo.Options{Seed: 11, Groups: 3, People: 700, Today: storeToday}
	sc, known := demo.NewBilling(o, demo.Generate(o))
	if err := db.Load(ctx, known, nil); err != nil {
		return err
	}
	carrier := model.WithPrincipal(ctx, &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	_, err = db.SeedBilling(carrier, sc)
	return err
}

// groupsOf lists the demo groups, the largest first.
func groupsOf(t *testing.T, db *sqlite.DB) []model.Group {
	t.Helper()
	list, err := db.Groups(ownerCtx(), "")
	if err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Subscribers > list[j].Subscribers })
	var out []model.Group
	for _, g := range list {
		out = append(out, g.Group)
	}
	if len(out) == 0 {
		t.Fatal("the demo book has no group")
	}
	return out
}

var testCarrier = Carrier{Name: "Pacific Crest Health Plan", ID: "946543210"}

func export834(t *testing.T, db *sqlite.DB, groupID string, o Options834) ([]byte, Summary834) {
	t.Helper()
	if o.On.IsZero() {
		o.On = storeToday
	}
	o.Carrier = testCarrier
	var buf bytes.Buffer
	sum, err := Export834(ownerCtx(), db, groupID, &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), sum
}

// enrolled counts a group's subscribers and dependents enrolled on a day,
// as the full file should carry them.
func enrolled(t *testing.T, db *sqlite.DB, groupID string, on model.Date) (subs, deps int) {
	t.Helper()
	err := db.EachFamily(ownerCtx(), groupID, func(fam []model.Member) error {
		if !model.EnrolledOn(&fam[0], on) {
			return nil
		}
		for i := range fam {
			switch {
			case !model.EnrolledOn(&fam[i], on):
			case fam[i].IsSubscriber():
				subs++
			default:
				deps++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return subs, deps
}

// TestDemoGroupsExportFull834 exports every demo group's full file and
// reads it back: it validates, carries every enrolled member once with
// the control totals, and the control numbers go up by one per file.
func TestDemoGroupsExportFull834(t *testing.T) {
	db := demoStore(t)
	var last int64
	levels := map[string]bool{}
	for _, g := range groupsOf(t, db) {
		data, sum := export834(t, db, g.ID, Options834{})
		e, err := Read834(data)
		if err != nil {
			t.Fatalf("group %s: the exported 834 does not validate:\n%v", g.Number, err)
		}
		subs, deps := enrolled(t, db, g.ID, storeToday)
		if subs == 0 || sum.Subscribers != subs || sum.Dependents != deps || e.Employees != subs || e.Dependents != deps || e.Total != subs+deps || len(e.Members) != subs+deps {
			t.Errorf("group %s: file has %d members (QTY %d/%d/%d), summary %d+%d; the roster has %d subscribers and %d dependents enrolled",
				g.Number, len(e.Members), e.Employees, e.Dependents, e.Total, sum.Subscribers, sum.Dependents, subs, deps)
		}
		if e.Action != ActionVerify || e.PolicyNumber != g.Number || e.Payer.Name != strings.ToUpper(testCarrier.Name) {
			t.Errorf("group %s: header action %q policy %q payer %q", g.Number, e.Action, e.PolicyNumber, e.Payer.Name)
		}
		for _, m := range e.Members {
			if m.Maintenance != MaintAuditCompare || m.Reason != "XN" || len(m.Coverages) != 1 || m.Coverages[0].Maintenance != MaintAuditCompare {
				t.Fatalf("group %s: member loop at segment %d is not an audit/compare loop: %+v", g.Number, m.Pos, m)
			}
			if m.IDQual != "ZZ" || len(m.ID) < 4 {
				t.Fatalf("group %s: member at segment %d is identified by %s %q, want ZZ and the member ID (SSNs stay out)", g.Number, m.Pos, m.IDQual, m.ID)
			}
			levels[m.Coverages[0].Level] = true
		}
		ic, _ := Parse(data)
		n := mustAtoi(t, ic.Control)
		if last != 0 && n != last+1 {
			t.Errorf("control number %d after %d, want one more", n, last)
		}
		if ic.Groups[0].GS.E(6) != ic.Groups[0].GE.E(2) || mustAtoi(t, ic.Groups[0].GS.E(6)) != n || sum.Control != n {
			t.Errorf("GS06 %s, summary %d, ISA13 %d", ic.Groups[0].GS.E(6), sum.Control, n)
		}
		last = n
	}
	if len(levels) != 4 {
		t.Errorf("coverage levels %v, want EMP, ESP, ECH and FAM", levels)
	}
	stored, err := db.Meta(ownerCtx(), sqlite.MetaX12Control)
	if err != nil || stored != itoa(last) {
		t.Errorf("the meta table keeps control number %q, want %d (%v)", stored, last, err)
	}
}

// TestUnmaskedExportCarriesSSNs: with Unmasked the members are identified
// by their SSNs (NM108 34).
func TestUnmaskedExportCarriesSSNs(t *testing.T) {
	db := demoStore(t)
	g := groupsOf(t, db)[0]
	data, _ := export834(t, db, g.ID, Options834{Unmasked: true})
	e, err := Read834(data)
	if err != nil {
		t.Fatal(err)
	}
	ssn := 0
	for _, m := range e.Members {
		if m.IDQual == "34" && len(m.ID) == 9 {
			ssn++
		}
	}
	if ssn == 0 {
		t.Error("no member is identified by SSN in the unmasked file")
	}
	// A read-only user may export the file, but not with the SSNs.
	ro := model.WithPrincipal(context.Background(), &model.Principal{UserID: "ro", Name: "Read-only", Grants: map[string]model.Role{g.ID: model.RoleReadOnly}})
	if _, err := Export834(ro, db, g.ID, &bytes.Buffer{}, Options834{Unmasked: true, On: storeToday}); model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("a read-only user exported the SSNs: %v", err)
	}
	if _, err := Export834(ro, db, g.ID, &bytes.Buffer{}, Options834{On: storeToday}); err != nil {
		t.Errorf("a read-only user cannot export the masked file: %v", err)
	}
	masked, _ := export834(t, db, g.ID, Options834{})
	for _, m := range e.Members {
		if m.IDQual == "34" && bytes.Contains(masked, []byte(m.ID)) {
			t.Fatalf("the masked file holds the SSN of %s %s", m.First, m.Last)
		}
	}
}

// TestRoundTripHasNoDiscrepancy exports each group's full 834, reads it
// as the carrier's file and compares it with the roster: nothing differs.
func TestRoundTripHasNoDiscrepancy(t *testing.T) {
	db := demoStore(t)
	for _, g := range groupsOf(t, db) {
		data, sum := export834(t, db, g.ID, Options834{})
		r, err := Compare834(ownerCtx(), db, g.ID, data, "full.834", storeToday)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Clean() {
			t.Errorf("group %s: the round trip finds %d discrepancies, first %+v", g.Number, len(r.Items), r.Items[0])
		}
		if r.Compared != sum.Subscribers+sum.Dependents || r.GroupNumber != g.Number {
			t.Errorf("group %s: compared %d records, the file has %d", g.Number, r.Compared, sum.Subscribers+sum.Dependents)
		}
	}
}

// TestPlantedDiscrepanciesAreFound changes the carrier's copy of a full
// file in one way per kind, each on another family, and expects exactly
// those seven discrepancies, each about the member it was planted on.
func TestPlantedDiscrepanciesAreFound(t *testing.T) {
	db := demoStore(t)
	g := groupsOf(t, db)[0]
	data, _ := export834(t, db, g.ID, Options834{})
	e, err := Read834(data)
	if err != nil {
		t.Fatal(err)
	}
	plans, _ := planMap(ownerCtx(), db)
	// families in the file with a dependent, by the index of the subscriber
	var fams []int
	for i := 0; i+1 < len(e.Members); i++ {
		if e.Members[i].Subscriber && !e.Members[i+1].Subscriber {
			fams = append(fams, i)
		}
	}
	if len(fams) < 7 {
		t.Fatalf("only %d families with dependents in group %s", len(fams), g.Number)
	}
	name := func(m *EnrolledMember) string { return m.Last + ", " + m.First }
	want := map[model.DiscrepancyKind]string{}
	// Demographics: the carrier has another date of birth for a subscriber.
	m := &e.Members[fams[0]]
	m.BirthDate = m.BirthDate.AddDays(-3)
	want[model.DiscWrongDemographics] = name(m)
	// Dates: the carrier's coverage of a subscriber starts a month later.
	m = &e.Members[fams[1]]
	m.Coverages[0].Begin = m.Coverages[0].Begin.AddMonths(1)
	want[model.DiscWrongDates] = name(m)
	// Tier: the carrier has a family on employee-only.
	m = &e.Members[fams[2]]
	m.Coverages[0].Level = "EMP"
	want[model.DiscWrongTier] = name(m)
	// Plan: the carrier has a subscriber on another plan.
	m = &e.Members[fams[3]]
	for id := range plans {
		if id != m.Coverages[0].Plan {
			m.Coverages[0].Plan = id
			break
		}
	}
	want[model.DiscWrongPlan] = name(m)
	// Coverage: the carrier has a subscriber on COBRA.
	m = &e.Members[fams[4]]
	m.BenefitStatus = "C"
	want[model.DiscWrongCoverage] = name(m)
	// Missing at the carrier: a dependent left out of the file.
	gone := e.Members[fams[5]+1]
	want[model.DiscNotAtCarrier] = name(&gone)
	// Not on the roster: a subscriber the roster does not know.
	stranger := e.Members[fams[6]]
	stranger.SubscriberNumber, stranger.ID, stranger.Last, stranger.First = "X99999", "M-UNKNOWN", "STRANGER", "PAT"
	want[model.DiscNotOnRoster] = name(&stranger)
	e.Members = append(append(e.Members[:fams[5]+1:fams[5]+1], e.Members[fams[5]+2:]...), stranger)
	var buf bytes.Buffer
	if err := Write834(&buf, Envelope{SenderID: "PCHP", ReceiverID: g.Number, Control: 77, Created: time.Now()}, e); err != nil {
		t.Fatal(err)
	}
	r, err := Compare834(ownerCtx(), db, g.ID, buf.Bytes(), "carrier.834", storeToday)
	if err != nil {
		t.Fatal(err)
	}
	got := map[model.DiscrepancyKind]string{}
	for _, d := range r.Items {
		if got[d.Kind] != "" {
			t.Errorf("a second %s: %s", d.Kind, d.Detail)
		}
		got[d.Kind] = Text(d.Name)
	}
	for k, who := range want {
		if got[k] != who {
			t.Errorf("%s: found %q, want %q", k.Label(), got[k], who)
		}
	}
	if len(r.Items) != len(want) {
		for _, d := range r.Items {
			t.Logf("%s: %s", d.Kind, d.Detail)
		}
		t.Errorf("%d discrepancies, want %d", len(r.Items), len(want))
	}
}

// TestCompareRefusesWrongFiles: a change file, another group's file and a
// broken file are refused with what is wrong.
func TestCompareRefusesWrongFiles(t *testing.T) {
	db := demoStore(t)
	gs := groupsOf(t, db)
	data, _ := export834(t, db, gs[0].ID, Options834{})
	if _, err := Compare834(ownerCtx(), db, gs[1].ID, data, "a.834", storeToday); err == nil || !strings.Contains(err.Error(), gs[0].Number) {
		t.Errorf("another group's file: %v", err)
	}
	change, _ := export834(t, db, gs[0].ID, Options834{Since: model.MustDate("2000-01-01")})
	if _, err := Compare834(ownerCtx(), db, gs[0].ID, change, "c.834", storeToday); err == nil || !strings.Contains(err.Error(), "change file") {
		t.Errorf("a change file: %v", err)
	}
	broken := bytes.Replace(data, []byte("QTY*TO*"), []byte("QTY*TO*1"), 1)
	if _, err := Compare834(ownerCtx(), db, gs[0].ID, broken, "b.834", storeToday); err == nil || !strings.Contains(err.Error(), "(QTY)") {
		t.Errorf("a file with a wrong total: %v", err)
	}
}

// TestChangeFileFromTheAuditHistory records an addition, a change, a
// termination and a reinstatement after a day and exports the changes
// since then: each member once, with its maintenance code, and nothing
// recorded before the day.
func TestChangeFileFromTheAuditHistory(t *testing.T) {
	db := demoStore(t)
	ctx := ownerCtx()
	g := groupsOf(t, db)[0]
	later := time.Date(2030, 1, 2, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return later }
	var fams [][]model.Member
	var termed *model.Member
	err := db.EachFamily(ctx, g.ID, func(fam []model.Member) error {
		if model.EnrolledOn(&fam[0], storeToday) && fam[0].Status == model.StatusActive && fam[0].Termination.IsZero() {
			fams = append(fams, append([]model.Member(nil), fam...))
		} else if termed == nil && fam[0].Status == model.StatusTerminated && len(fam) == 1 {
			m := fam[0]
			termed = &m
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) < 4 || termed == nil {
		t.Fatalf("group %s: %d active families, terminated subscriber %v", g.Number, len(fams), termed)
	}
	// 021: a child born to the first family.
	sub := fams[0][0]
	baby := model.Member{ID: sqlite.NewID(), GroupID: g.ID, SubscriberID: sub.ID, EmployeeID: sub.EmployeeID, Relationship: model.RelChild,
		FirstName: "Noor", LastName: sub.LastName, DateOfBirth: model.MustDate("2029-12-20"), Gender: model.GenderFemale,
		Address: sub.Address, PlanID: sub.PlanID, Tier: sub.Tier, Status: model.StatusActive, Effective: model.MustDate("2029-12-20")}
	must(t, db.CreateMember(ctx, &baby))
	// 001: the second subscriber moves.
	moved := fams[1][0]
	moved.Address.Line1 = "77 Harbor Way"
	must(t, db.UpdateMember(ctx, &moved))
	// 024: the third subscriber leaves.
	left := fams[2][0]
	left.Status, left.Termination, left.TermReason = model.StatusTerminated, model.MustDate("2030-01-31"), "Voluntary resignation"
	must(t, db.UpdateMember(ctx, &left))
	// 025: a terminated subscriber comes back.
	back := *termed
	back.Status, back.Termination, back.TermReason = model.StatusActive, model.Date{}, ""
	must(t, db.UpdateMember(ctx, &back))
	// 001 with reason 09: the fourth subscriber goes on COBRA.
	cobra := fams[3][0]
	cobra.Status = model.StatusCOBRA
	must(t, db.UpdateMember(ctx, &cobra))
	// a change an 834 does not carry: the department.
	dept := fams[0][0]
	dept.Employment.Department = "Somewhere else"
	must(t, db.UpdateMember(ctx, &dept))

	data, sum := export834(t, db, g.ID, Options834{Since: model.MustDate("2030-01-01"), On: model.MustDate("2030-01-02"), Now: later})
	e, err := Read834(data)
	if err != nil {
		t.Fatalf("the change file does not validate:\n%v", err)
	}
	if e.Action != ActionChange || sum.Adds != 1 || sum.Changes != 2 || sum.Terms != 1 || sum.Reinstatements != 1 {
		t.Errorf("action %q, summary %+v", e.Action, sum)
	}
	got := map[string]EnrolledMember{}
	for _, m := range e.Members {
		got[strings.ToLower(m.ID)] = m
	}
	if len(e.Members) != 5 {
		t.Fatalf("%d member loops, want 5: %+v", len(e.Members), e.Members)
	}
	check := func(who string, id, maint, reason string) EnrolledMember {
		m, ok := got[id]
		if !ok {
			t.Fatalf("%s is not in the change file: %+v", who, e.Members)
		}
		if m.Maintenance != maint || m.Reason != reason || m.Coverages[0].Maintenance != maint {
			t.Errorf("%s: INS03 %s INS04 %s HD01 %s, want %s %s", who, m.Maintenance, m.Reason, m.Coverages[0].Maintenance, maint, reason)
		}
		return m
	}
	b := check("the baby", baby.ID, MaintAdd, "28")
	if b.Subscriber || b.Relationship != "19" || b.SubscriberNumber != sub.EmployeeID {
		t.Errorf("the baby: %+v", b)
	}
	if m := check("the one who moved", moved.ID, MaintChange, "25"); m.Address.Line1 != "77 HARBOR WAY" {
		t.Errorf("the new address is %q", m.Address.Line1)
	}
	if m := check("the one who left", left.ID, MaintTerm, "08"); m.EmploymentStatus != "TE" || m.EligibilityEnd.String() != "2030-01-31" || m.Coverages[0].End.String() != "2030-01-31" {
		t.Errorf("the termination: %+v", m)
	}
	check("the one who came back", back.ID, MaintReinstate, "41")
	if m := check("the one on COBRA", cobra.ID, MaintChange, "09"); m.BenefitStatus != "C" {
		t.Errorf("INS05 of the one on COBRA is %q", m.BenefitStatus)
	}
}

// TestExport820OfDemoPayments writes the 820 of demo payments: each
// validates, pays what the payment pays, and details each subscriber when
// the payment pays the invoice whole.
func TestExport820OfDemoPayments(t *testing.T) {
	db := demoStore(t)
	ctx := ownerCtx()
	var whole, partial int
	for _, g := range groupsOf(t, db) {
		pays, err := db.Payments(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pays {
			if p.Status != model.PaymentProcessed {
				continue
			}
			inv, err := db.Invoice(ctx, p.InvoiceID)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			sum, err := Export820(ctx, db, p.ID, &buf, Options820{Carrier: testCarrier})
			if err != nil {
				t.Fatalf("payment %s: %v", p.ID, err)
			}
			r, err := Read820(buf.Bytes())
			if err != nil {
				t.Fatalf("payment %s: the 820 does not validate:\n%v", p.ID, err)
			}
			if r.Amount != p.Amount || r.InvoiceRef != inv.Number || r.AccountRef != g.Number || r.Trace != p.Confirmation && r.Trace != p.ID {
				t.Errorf("payment %s: BPR02 %s REF*2F %s REF*14 %s TRN %s", p.ID, r.Amount, r.InvoiceRef, r.AccountRef, r.Trace)
			}
			if p.Amount == inv.Charges() && inv.HasLines() {
				whole++
				if sum.Detail != DetailMember || len(r.Members) != len(inv.Lines) || r.Summary != nil {
					t.Errorf("payment %s pays invoice %s whole: detail %s with %d members, want one per line (%d)", p.ID, inv.Number, sum.Detail, len(r.Members), len(inv.Lines))
				}
			} else {
				partial++
				if sum.Detail != DetailSummary || r.Summary == nil || r.Summary.Paid != p.Amount || r.Summary.Billed != inv.Charges() {
					t.Errorf("payment %s: detail %s, summary %+v", p.ID, sum.Detail, r.Summary)
				}
				if _, err := Export820(ctx, db, p.ID, &bytes.Buffer{}, Options820{Detail: DetailMember}); err == nil {
					t.Errorf("payment %s: a per-member 820 of a payment that does not pay its invoice whole was written", p.ID)
				}
			}
			var sb bytes.Buffer
			if _, err := Export820(ctx, db, p.ID, &sb, Options820{Detail: DetailSummary}); err != nil {
				t.Fatal(err)
			}
			if s, err := Read820(sb.Bytes()); err != nil || s.Summary == nil || s.Summary.Members != inv.Members {
				t.Errorf("payment %s: summary 820: %v", p.ID, err)
			}
		}
	}
	if whole == 0 {
		t.Errorf("no demo payment paid its invoice whole (%d others)", partial)
	}
	if _, err := Export820(ctx, db, "no-such-payment", &bytes.Buffer{}, Options820{}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("an unknown payment: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustAtoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestGroupFamiliesMatchesTheRoster: the one-query roster the files use
// holds the same families as the roster screens read, subscriber first,
// then the partner, then the children from the oldest, by name.
func TestGroupFamiliesMatchesTheRoster(t *testing.T) {
	db := demoStore(t)
	for _, g := range groupsOf(t, db) {
		want := map[string][]string{}
		err := db.EachFamily(ownerCtx(), g.ID, func(fam []model.Member) error {
			for i := range fam {
				want[fam[0].ID] = append(want[fam[0].ID], fam[i].ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		fams, err := db.GroupFamilies(ownerCtx(), g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(fams) != len(want) {
			t.Fatalf("group %s: %d families, the roster has %d", g.Number, len(fams), len(want))
		}
		for i, fam := range fams {
			w := want[fam[0].ID]
			if !fam[0].IsSubscriber() || len(fam) != len(w) {
				t.Fatalf("group %s: family of %s has %d members, the roster %d", g.Number, fam[0].FullName(), len(fam), len(w))
			}
			for k := 1; k < len(fam); k++ {
				if fam[k].SubscriberID != fam[0].ID {
					t.Fatalf("%s is in the family of %s", fam[k].FullName(), fam[0].FullName())
				}
				if k > 1 && fam[k-1].Relationship == model.RelChild && fam[k].Relationship == model.RelChild && fam[k].DateOfBirth.Before(fam[k-1].DateOfBirth) {
					t.Errorf("children of %s are not oldest first", fam[0].FullName())
				}
			}
			if i > 0 && fams[i-1][0].LastName > fam[0].LastName {
				t.Errorf("families not by name: %s before %s", fams[i-1][0].LastName, fam[0].LastName)
			}
		}
	}
}
