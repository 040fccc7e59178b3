package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

// logSizes counts the audit entries and outbox operations.
func logSizes(t *testing.T, db *DB) (audit, outbox int) {
	t.Helper()
	return count(t, db, "audit"), count(t, db, "outbox")
}

func TestEveryWriteIsAuditedAndQueuedOnce(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := fullGroup("G-1", "Acme")
	p := agePlan("P1", "Gold")
	sub := subscriber("", "E1", "Anna", "Müller", "1980-06-15")
	writes := []struct {
		name, entity string
		action       model.Action
		base         int64
		write        func() (id string, err error)
	}{
		{"creating a plan", model.EntityPlan, model.ActionCreate, 0, func() (string, error) { return p.ID, db.SavePlan(ctx, p) }},
		{"changing a plan", model.EntityPlan, model.ActionUpdate, 1, func() (string, error) { p.Name = "Gold+"; return p.ID, db.SavePlan(ctx, p) }},
		{"creating a group", model.EntityGroup, model.ActionCreate, 0, func() (string, error) { err := db.CreateGroup(ctx, g); return g.ID, err }},
		{"changing a group", model.EntityGroup, model.ActionUpdate, 1, func() (string, error) { g.Industry = "Retail"; return g.ID, db.UpdateGroup(ctx, g) }},
		{"creating a member", model.EntityMember, model.ActionCreate, 0, func() (string, error) {
			sub.GroupID = g.ID
			err := db.CreateMember(ctx, sub)
			return sub.ID, err
		}},
		{"changing a member", model.EntityMember, model.ActionUpdate, 1, func() (string, error) {
			sub.LastName = "Mueller"
			return sub.ID, db.UpdateMember(ctx, sub)
		}},
	}
	for _, w := range writes {
		t.Run(w.name+" writes one audit entry and one outbox operation", func(t *testing.T) {
			a0, o0 := logSizes(t, db)
			id, err := w.write()
			must(t, err)
			if a, o := logSizes(t, db); a != a0+1 || o != o0+1 {
				t.Fatalf("audit %d→%d, outbox %d→%d", a0, a, o0, o)
			}
			hist, err := db.History(ctx, w.entity, id)
			must(t, err)
			e := hist[len(hist)-1]
			if e.Action != w.action || e.ActorID != "local" || e.Actor != "Local user" || !e.At.Equal(testNow) || e.Batch != "" || e.Summary == "" {
				t.Errorf("audit entry %+v", e)
			}
			if (w.action == model.ActionCreate) != (e.Before == nil) || e.After == nil {
				t.Errorf("before %s, after %s", e.Before, e.After)
			}
			ops, err := db.Outbox(ctx)
			must(t, err)
			op := ops[len(ops)-1]
			if op.Entity != w.entity || op.EntityID != id || op.Action != w.action || op.BaseVersion != w.base ||
				op.State != model.OpPending || op.ID == "" || !op.CreatedAt.Equal(testNow) {
				t.Errorf("outbox operation %+v", op)
			}
			if string(op.Payload) != string(e.After) {
				t.Errorf("payload %s differs from the audited state %s", op.Payload, e.After)
			}
		})
	}
	t.Run("the member's history tells what changed", func(t *testing.T) {
		hist, err := db.History(ctx, model.EntityMember, sub.ID)
		must(t, err)
		if len(hist) != 2 {
			t.Fatalf("%d entries", len(hist))
		}
		want := []model.FieldChange{{Field: "last_name", Before: "Müller", After: "Mueller"}}
		if got := hist[1].Changes(); len(got) != 1 || got[0] != want[0] {
			t.Errorf("changes %+v, want %+v", got, want)
		}
	})
	t.Run("creating many members writes one entry and one operation each", func(t *testing.T) {
		a0, o0 := logSizes(t, db)
		ms := []model.Member{*subscriber(g.ID, "E2", "B", "B", "1990-01-01"), *subscriber(g.ID, "E3", "C", "C", "1990-01-01"),
			*subscriber(g.ID, "E4", "D", "D", "1990-01-01")}
		must(t, db.CreateMembers(ctx, ms))
		if a, o := logSizes(t, db); a != a0+3 || o != o0+3 {
			t.Errorf("audit %d→%d, outbox %d→%d", a0, a, o0, o)
		}
	})
	t.Run("a refused write leaves no trace", func(t *testing.T) {
		a0, o0 := logSizes(t, db)
		bad := *subscriber(g.ID, "E5", "Ok", "Ok", "1990-01-01")
		ms := []model.Member{bad, bad}
		ms[1].FirstName = ""
		wantCode(t, db.CreateMembers(ctx, ms), model.EINVALID)
		if a, o := logSizes(t, db); a != a0 || o != o0 {
			t.Errorf("audit %d→%d, outbox %d→%d", a0, a, o0, o)
		}
		if n := count(t, db, "members WHERE employee_id = 'E5'"); n != 0 {
			t.Errorf("%d members of the refused batch were kept", n)
		}
		if ms[0].ID != "" || ms[0].Version != 0 {
			t.Errorf("the refused batch left the caller's first member with ID %q, version %d", ms[0].ID, ms[0].Version)
		}
	})
	t.Run("the chain is intact", func(t *testing.T) {
		broken, n, err := db.VerifyAudit(ctx)
		must(t, err)
		if broken != nil || n != count(t, db, "audit") {
			t.Errorf("broken %+v after %d entries", broken, n)
		}
	})
}

func TestVersionConflictWritesNothing(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := seedGroup(t, db)
	m := subscriber(g.ID, "E1", "Anna", "Müller", "1980-06-15")
	must(t, db.CreateMember(ctx, m))
	mine, theirs := *m, *m
	theirs.FirstName = "Annette"
	must(t, db.UpdateMember(ctx, &theirs))
	a0, o0 := logSizes(t, db)

	mine.LastName = "Mine"
	err := db.UpdateMember(ctx, &mine)
	wantCode(t, err, model.ECONFLICT)
	if !strings.Contains(model.ErrorMessage(err), "Annette") {
		t.Errorf("message %q does not name the member as saved", model.ErrorMessage(err))
	}
	got, err := db.Member(ctx, m.ID)
	must(t, err)
	if got.LastName != "Müller" || got.FirstName != "Annette" || got.Version != 2 {
		t.Errorf("stored %s %s v%d", got.FirstName, got.LastName, got.Version)
	}
	if a, o := logSizes(t, db); a != a0 || o != o0 {
		t.Errorf("audit %d→%d, outbox %d→%d", a0, a, o0, o)
	}
	if mine.Version != 1 {
		t.Errorf("the refused update left the caller's version at %d", mine.Version)
	}
}

func TestLoadIsAuditedAsOneBatchAndNotQueued(t *testing.T) {
	db := openTestDB(t)
	ctx := ownerCtx()
	g := fullGroup("G-1", "Loaded")
	g.ID = "g1"
	sub := subscriber(g.ID, "E1", "Ana", "Nuñez", "1970-01-01")
	sub.ID = "m1"
	book := &model.Book{Plans: []model.Plan{*agePlan("P1", "Gold")}, Groups: []model.Group{*g},
		Members: []model.Member{*sub, *dependent(sub, model.RelChild, "Kid", "2010-01-01")},
		Users:   []model.User{{ID: "u1", Email: "a@example.com", Name: "A", Kind: model.UserEmployer}},
		Grants:  []model.Grant{{ID: "gr1", UserID: "u1", GroupID: g.ID, Role: model.RolePGA}}}
	must(t, db.Load(ctx, book, nil))

	if n := count(t, db, "audit"); n != 6 {
		t.Errorf("%d audit entries for 6 records", n)
	}
	if n := count(t, db, "audit WHERE batch = (SELECT batch FROM audit LIMIT 1) AND batch != ''"); n != 6 {
		t.Errorf("%d entries share the first entry's batch, want 6", n)
	}
	if n := count(t, db, "outbox"); n != 0 {
		t.Errorf("the load queued %d operations", n)
	}
	broken, _, err := db.VerifyAudit(ctx)
	if err != nil || broken != nil {
		t.Errorf("chain after load: %+v, %v", broken, err)
	}
}

// injectFault makes every insert into a table fail, as a full disk or a bug
// halfway through a transaction would.
func injectFault(t *testing.T, db *DB, table string) {
	t.Helper()
	rawExec(t, db.Path, "CREATE TRIGGER fail_"+table+" BEFORE INSERT ON "+table+" BEGIN SELECT RAISE(ABORT, 'injected fault'); END")
	t.Cleanup(func() { rawExec(t, db.Path, "DROP TRIGGER IF EXISTS fail_"+table) })
}

func TestAFailureHalfwayWritesNothing(t *testing.T) {
	for _, table := range []string{"outbox", "audit"} {
		t.Run("when the "+table+" insert fails", func(t *testing.T) {
			db := openTestDB(t)
			ctx := ownerCtx()
			g := seedGroup(t, db)
			existing := subscriber(g.ID, "E1", "Anna", "Müller", "1980-06-15")
			must(t, db.CreateMember(ctx, existing))
			a0, o0 := logSizes(t, db)
			members0 := count(t, db, "members")
			injectFault(t, db, table)

			t.Run("creating a member fails and leaves no member and no entry", func(t *testing.T) {
				m := subscriber(g.ID, "E2", "Łukasz", "Nowak", "1990-01-01")
				m.ID = "new-member"
				if err := db.CreateMember(ctx, m); err == nil || !strings.Contains(err.Error(), "injected fault") {
					t.Fatalf("CreateMember = %v, want the injected fault", err)
				}
				_, err := db.Member(ctx, "new-member")
				wantCode(t, err, model.ENOTFOUND)
				if n := count(t, db, "members"); n != members0 {
					t.Errorf("%d members, was %d", n, members0)
				}
				page, err := db.Members(ctx, model.MemberQuery{GroupID: g.ID, Search: "nowak"})
				must(t, err)
				if page.Total != 0 {
					t.Errorf("the search index kept the failed member")
				}
			})
			t.Run("changing a member fails and leaves the stored member as it was", func(t *testing.T) {
				m := *existing
				m.LastName = "Changed"
				if err := db.UpdateMember(ctx, &m); err == nil {
					t.Fatal("UpdateMember succeeded")
				}
				got, err := db.Member(ctx, existing.ID)
				must(t, err)
				if got.LastName != "Müller" || got.Version != 1 {
					t.Errorf("stored %s v%d", got.LastName, got.Version)
				}
				if m.Version != 1 {
					t.Errorf("the failed update left the caller's version at %d, so a retry would conflict", m.Version)
				}
			})
			if a, o := logSizes(t, db); a != a0 || o != o0 {
				t.Errorf("audit %d→%d, outbox %d→%d", a0, a, o0, o)
			}
			t.Run("once the fault is gone the same change can be retried", func(t *testing.T) {
				rawExec(t, db.Path, "DROP TRIGGER fail_"+table)
				m, err := db.Member(ctx, existing.ID)
				must(t, err)
				m.LastName = "Changed"
				failed := m
				must(t, db.UpdateMember(ctx, &failed))
				if failed.Version != 2 {
					t.Errorf("version %d after the retry", failed.Version)
				}
			})
		})
	}
}

func TestVerifyAuditFindsTampering(t *testing.T) {
	setup := func(t *testing.T) *DB {
		t.Helper()
		db := openTestDB(t)
		g := seedGroup(t, db) // entries 1-3
		for _, name := range []string{"Anna", "Berta", "Carla"} {
			must(t, db.CreateMember(ownerCtx(), subscriber(g.ID, "E-"+name, name, "Müller", "1980-06-15")))
		}
		return db
	}
	tests := []struct {
		name     string
		tamper   string
		wantSeq  int64
		wantText string
	}{
		{"a fresh log is intact", "", 0, ""},
		{"an altered summary is found at its entry", "UPDATE audit SET summary = 'nothing happened' WHERE seq = 4", 4, "altered"},
		{"an altered after-image is found at its entry", `UPDATE audit SET after = replace(after, 'Berta', 'Bertha') WHERE seq = 5`, 5, "altered"},
		{"an altered time is found at its entry", "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 2", 2, "altered"},
		{"a deleted entry is found at the entry after it", "DELETE FROM audit WHERE seq = 3", 4, "removed"},
		{"a deleted first entry is found at the new first entry", "DELETE FROM audit WHERE seq = 1", 2, "removed"},
		{"a rehashed altered entry is found at the next entry", `UPDATE audit SET summary = 'x', hash = 'forged' WHERE seq = 4`, 4, "altered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := setup(t)
			if tt.tamper != "" {
				rawExec(t, db.Path, tt.tamper)
			}
			broken, n, err := db.VerifyAudit(ownerCtx())
			must(t, err)
			switch {
			case tt.wantSeq == 0 && broken != nil:
				t.Errorf("broken %+v", broken)
			case tt.wantSeq == 0 && n != 6:
				t.Errorf("checked %d entries, want 6", n)
			case tt.wantSeq != 0 && (broken == nil || broken.Seq != tt.wantSeq || !strings.Contains(broken.Reason, tt.wantText)):
				t.Errorf("broken %+v, want seq %d (%s)", broken, tt.wantSeq, tt.wantText)
			}
		})
	}
	t.Run("the stored after-image is the member as saved", func(t *testing.T) {
		db := setup(t)
		var after string
		must(t, db.read.QueryRow(`SELECT after FROM audit WHERE seq = 6`).Scan(&after))
		var m model.Member
		must(t, json.Unmarshal([]byte(after), &m))
		if m.FirstName != "Carla" || m.Version != 1 || m.SSN == "" {
			t.Errorf("after-image %+v", m)
		}
	})
}

// A write whose caller gives up keeps nothing, even when the cancel comes
// after its last statement: the transaction is not committed.
func TestACancelledWriteKeepsNothing(t *testing.T) {
	db := openTestDB(t)
	ctx, cancel := context.WithCancel(ownerCtx())
	defer cancel()
	g := fullGroup("G-1", "Cancelled")
	g.ID = "g1"
	sub := subscriber(g.ID, "E1", "Ana", "Nuñez", "1970-01-01")
	sub.ID = "m1"
	book := &model.Book{Plans: []model.Plan{*agePlan("P1", "Gold")}, Groups: []model.Group{*g}, Members: []model.Member{*sub}}
	err := db.Load(ctx, book, func(done, total int) {
		if done == total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a load cancelled after its last record: %v", err)
	}
	for _, table := range []string{"groups", "members", "plans", "audit"} {
		if n := count(t, db, table); n != 0 {
			t.Errorf("%d rows in %s after the cancelled load", n, table)
		}
	}
}
