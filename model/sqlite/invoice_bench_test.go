package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// benchSubscribers is the size of the group the billing benchmarks bill.
const benchSubscribers = 20_000

var (
	billBenchOnce sync.Once
	billBenchBase string // the service's database the day before February is billed
	billBenchFeb  string // the same after the job billed February
	billBenchInv  model.Invoice
	billBenchErr  error
)

// billBenchBook is the bakery grown to 20,000 subscribers, every other one
// on the age-rated plan (each member rated on their age), the rest on the
// composite plan; a third with a spouse, a quarter with a child.
func billBenchBook() *model.Book {
	b := billingBook()
	b.Members = nil
	for i := range benchSubscribers {
		id := fmt.Sprintf("s%05d", i)
		plan, tier := "GOLD", model.TierEE
		if i%2 == 1 {
			plan = "SILVER"
		}
		spouse, child := i%3 == 0, i%4 == 0
		switch {
		case spouse && child:
			tier = model.TierFAM
		case spouse:
			tier = model.TierES
		case child:
			tier = model.TierEC
		}
		m := func(id, sub string, rel model.Relationship, born model.Date) model.Member {
			return model.Member{ID: id, GroupID: billingGroup, SubscriberID: sub, EmployeeID: "E-" + id, Relationship: rel,
				FirstName: "Zoë", LastName: fmt.Sprintf("Łukasiewicz %d", i), DateOfBirth: born, Gender: model.GenderFemale,
				PlanID: plan, Tier: tier, Status: model.StatusActive, Effective: model.MustDate("2024-01-01"),
				Address: model.Address{ZIP: "94612"}}
		}
		b.Members = append(b.Members, m(id, "", model.RelEmployee, model.NewDate(1960+i%40, time.Month(1+i%12), 1+i%28)))
		if spouse {
			b.Members = append(b.Members, m(id+"-sp", id, model.RelSpouse, model.NewDate(1962+i%38, time.Month(1+i%12), 2)))
		}
		if child {
			b.Members = append(b.Members, m(id+"-c", id, model.RelChild, model.NewDate(2008+i%16, time.Month(1+i%12), 3)))
		}
	}
	return b
}

// billingBench builds, once per process, the service's database of the
// 20,000-subscriber group with January billed and paid and 1% of the
// roster's changes for January entered late (200 families added and 200
// families whose coverage ended with December), so February's invoice
// carries at least 400 retroactive lines; and a copy after the job billed February.
func billingBench(b *testing.B) (base, feb string, inv model.Invoice) {
	b.Helper()
	billBenchOnce.Do(func() {
		start := time.Now()
		billBenchBase = filepath.Join(benchDir, "billing-base.db")
		billBenchFeb = filepath.Join(benchDir, "billing-feb.db")
		if billBenchErr = buildBillingBench(billBenchBase); billBenchErr != nil {
			return
		}
		if billBenchErr = copyFile(billBenchBase, billBenchFeb); billBenchErr != nil {
			return
		}
		db, err := openBenchService(billBenchFeb, "2026-01-01")
		if err != nil {
			billBenchErr = err
			return
		}
		defer db.Close()
		if _, billBenchErr = db.RunBilling(billingCtx, model.MustDate("2026-01-01"), nil); billBenchErr != nil {
			return
		}
		invs, err := invoicesWhere(billingCtx, db.read, `group_id = ? AND period = '2026-02'`, billingGroup)
		if err != nil || len(invs) != 1 {
			billBenchErr = fmt.Errorf("February's invoice: %d, %v", len(invs), err)
			return
		}
		billBenchInv, billBenchErr = db.Invoice(billingCtx, invs[0].ID)
		if billBenchErr == nil && (len(billBenchInv.Lines) != benchSubscribers || len(billBenchInv.Retro) < 400) {
			billBenchErr = fmt.Errorf("February has %d lines and %d retroactive ones", len(billBenchInv.Lines), len(billBenchInv.Retro))
		}
		b.Logf("built the %d-subscriber billing book in %v", benchSubscribers, time.Since(start).Round(time.Millisecond))
	})
	if billBenchErr != nil {
		b.Fatal(billBenchErr)
	}
	return billBenchBase, billBenchFeb, billBenchInv
}

func openBenchService(path, day string) (*DB, error) {
	db, err := OpenServer(billingCtx, path)
	if err != nil {
		return nil, err
	}
	at := model.MustDate(day).Time().Add(6 * time.Hour)
	db.Now = func() time.Time { return at }
	return db, nil
}

func buildBillingBench(path string) error {
	db, err := openBenchService(path, "2025-12-01")
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Load(billingCtx, billBenchBook(), nil); err != nil {
		return err
	}
	day := func(d string) error {
		at := model.MustDate(d).Time().Add(6 * time.Hour)
		db.Now = func() time.Time { return at }
		_, err := db.RunBilling(billingCtx, model.MustDate(d), nil)
		return err
	}
	if err := day("2025-12-01"); err != nil {
		return err
	}
	invs, err := invoicesWhere(billingCtx, db.read, `group_id = ? AND period = '2026-01'`, billingGroup)
	if err != nil || len(invs) != 1 {
		return fmt.Errorf("January's invoice: %d, %v", len(invs), err)
	}
	p := model.Payment{ID: "bench-pay-jan", InvoiceID: invs[0].ID, Amount: invs[0].AmountDue, On: model.MustDate("2025-12-15"), Bank: bankAccount}
	if err := db.RecordPayment(billingCtx, &p); err != nil {
		return err
	}
	if err := day("2025-12-15"); err != nil {
		return err
	}
	at := model.MustDate("2025-12-28").Time().Add(6 * time.Hour)
	db.Now = func() time.Time { return at }
	for i := range 200 {
		m := model.Member{ID: fmt.Sprintf("late%03d", i), GroupID: billingGroup, EmployeeID: fmt.Sprintf("E-late%03d", i),
			Relationship: model.RelEmployee, FirstName: "Øyvind", LastName: fmt.Sprintf("Brødrene %d", i),
			DateOfBirth: model.NewDate(1970+i%30, 5, 5), Gender: model.GenderMale, PlanID: "GOLD", Tier: model.TierEE,
			Status: model.StatusActive, Effective: model.MustDate("2026-01-01"), Address: model.Address{ZIP: "94612"}}
		if err := db.CreateMember(billingCtx, &m); err != nil {
			return err
		}
		sub := fmt.Sprintf("s%05d", 100*i+1) // the family's coverage ends with the subscriber's
		for _, id := range []string{sub, sub + "-sp", sub + "-c"} {
			left, err := db.Member(billingCtx, id)
			if model.ErrorCode(err) == model.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			left.Status, left.Termination, left.TermReason = model.StatusTerminated, model.MustDate("2025-12-31"), "Voluntary resignation"
			if err := db.UpdateMember(billingCtx, &left); err != nil {
				return err
			}
		}
	}
	return day("2025-12-31")
}

// freshCopy copies the base database for one run, outside the timer.
func freshCopy(b *testing.B, base string) *DB {
	b.Helper()
	path := filepath.Join(b.TempDir(), "accountd.db")
	if err := copyFile(base, path); err != nil {
		b.Fatal(err)
	}
	db, err := openBenchService(path, "2026-01-01")
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkInvoiceGenerate20000Job is the account service's billing job
// on the day February is billed to a group of 20,000 subscribers: the
// roster read, every family rated for the month, compared with what each
// was billed for January (400 retroactive lines), the statement worked
// out from the balance and payments, the invoice and the families'
// billing snapshots written with the audit entry and the change feed.
// Goal: under a second.
func BenchmarkInvoiceGenerate20000Job(b *testing.B) {
	base, _, _ := billingBench(b)
	var cpu int64
	for range b.N {
		b.StopTimer()
		db := freshCopy(b, base)
		b.StartTimer()
		start := cpuTime()
		rep, err := db.RunBilling(billingCtx, model.MustDate("2026-01-01"), nil)
		if err != nil || len(rep.Issued) != 1 {
			b.Fatalf("the job issued %v (%v)", rep.Issued, err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	reportInvoiceTimes(b, cpu)
}

// reportInvoiceTimes reports the wall time and the CPU time of one
// invoice: on a machine whose cores other work shares, the CPU time shows
// what it costs when the wall clock also counts the waiting.
func reportInvoiceTimes(b *testing.B, cpu int64) {
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/invoice")
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/invoice")
}

// cpuTime is the CPU time the process has used (user and system), in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkInvoiceGenerate20000ReadWrite is the baseline: what any
// generator must do at least, reading the same roster and writing the
// same finished invoice (header and lines) in one transaction, with no
// rating, comparison, snapshots or audit.
func BenchmarkInvoiceGenerate20000ReadWrite(b *testing.B) {
	base, _, inv := billingBench(b)
	ctx := context.Background()
	var cpu int64
	for range b.N {
		b.StopTimer()
		db := freshCopy(b, base)
		b.StartTimer()
		start := cpuTime()
		fams, err := groupFamilies(ctx, db.read, billingGroup)
		if err != nil || len(fams) < benchSubscribers {
			b.Fatalf("%d families: %v", len(fams), err)
		}
		head, _ := json.Marshal(inv.Header())
		lines, _ := json.Marshal(invoiceLines{Lines: inv.Lines, Retro: inv.Retro})
		tx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO invoices (id, group_id, unit, period, status, issued_on, due_on, data, lines, version, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, inv.ID, inv.GroupID, inv.Unit, inv.Period.String(), string(inv.Status), inv.IssuedOn.String(),
			inv.DueOn.String(), string(head), string(lines), 1, timeText(time.Now())); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	reportInvoiceTimes(b, cpu)
}

// BenchmarkInvoiceReconcile20000Compare is GroupDesk checking February's
// invoice of the 20,000-subscriber group against the roster: the roster,
// the earlier invoices, the plans and the history of the members with
// retroactive lines read, the expected invoice worked out and compared
// line by line. Goal: under a second.
func BenchmarkInvoiceReconcile20000Compare(b *testing.B) {
	_, feb, inv := billingBench(b)
	db, err := openBenchService(feb, "2026-01-02")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		r, err := db.ReconcileInvoice(billingCtx, inv.ID)
		if err != nil || !r.Clean() {
			for _, d := range r.Items[:min(len(r.Items), 8)] {
				b.Logf("%+v", d)
			}
			b.Fatalf("the job's own invoice reconciled with %d discrepancies (%v)", len(r.Items), err)
		}
	}
	reportInvoiceTimes(b, cpuTime()-cpu)
}

// BenchmarkInvoiceReconcile20000ReadMatch is the baseline: reading the
// same invoice with its lines and the same roster, and matching each
// current line to its subscriber by ID (the least any comparison does).
func BenchmarkInvoiceReconcile20000ReadMatch(b *testing.B) {
	_, feb, inv := billingBench(b)
	db, err := openBenchService(feb, "2026-01-02")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		got, err := invoiceIn(ctx, db.read, inv.ID, true)
		if err != nil {
			b.Fatal(err)
		}
		fams, err := groupFamilies(ctx, db.read, billingGroup)
		if err != nil {
			b.Fatal(err)
		}
		billed := make(map[string]*model.InvoiceLine, len(got.Lines))
		for i := range got.Lines {
			billed[got.Lines[i].SubscriberID] = &got.Lines[i]
		}
		matched := 0
		for _, fam := range fams {
			if l := billed[fam[0].ID]; l != nil && l.PlanID == fam[0].PlanID {
				matched++
			}
		}
		if matched != benchSubscribers {
			b.Fatalf("%d lines matched, want %d", matched, benchSubscribers)
		}
	}
	reportInvoiceTimes(b, cpuTime()-cpu)
}
