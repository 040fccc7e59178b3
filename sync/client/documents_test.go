package client_test

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/synctest"
)

// twoDesktops are two desktops of a group's PGA, synced once.
func twoDesktops(t *testing.T) (*synctest.Service, string, *synctest.Desktop, *synctest.Desktop) {
	t.Helper()
	svc := synctest.NewService(t, 300)
	pga, group := svc.UserWithRole(t, model.RolePGA)
	a, b := svc.NewDesktop(t, pga), svc.NewDesktop(t, pga)
	a.Round(t)
	b.Round(t)
	return svc, group, a, b
}

func TestAFileAddedOnOneDesktopArrivesOnAnotherWithTheSameHash(t *testing.T) {
	svc, group, a, b := twoDesktops(t)
	content := fileOf(2*api.ChunkSize+4321, 'a')
	doc := addFile(t, a, group, content)
	if rep := a.Round(t); rep.Files.Uploaded != 1 || rep.Applied != 1 {
		t.Fatalf("the first desktop's round: %+v", rep)
	}
	if !bytes.Equal(onService(t, svc, group, sumOf(content)), content) {
		t.Fatal("the service holds other bytes")
	}
	if rep := b.Round(t); rep.Files.Downloaded != 1 {
		t.Fatalf("the second desktop's round: %+v", rep)
	}
	got := fileOn(t, b, doc)
	if sumOf(got) != doc.File().SHA256 || !bytes.Equal(got, content) {
		t.Fatalf("the file arrived with SHA-256 %s, want %s", sumOf(got), doc.File().SHA256)
	}
	if rep := b.Round(t); rep.Files.Downloaded != 0 || rep.Files.Uploaded != 0 {
		t.Fatalf("a further round moved files again: %+v", rep.Files)
	}
}

func TestAChunkDamagedOnTheWayIsDetectedAndSentAgain(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(up, down *tamper)
	}{
		{"an uploaded chunk with a byte flipped is refused by the service", func(up, _ *tamper) { up.flipPut, up.flipAt = 1, api.ChunkSize }},
		{"a downloaded chunk with a byte flipped fails its digest", func(_, down *tamper) { down.flipGet, down.flipAt = 1, api.ChunkSize }},
		{"a downloaded file damaged without a digest fails its SHA-256 and is fetched again", func(_, down *tamper) {
			down.flipGet, down.flipAt, down.stripDigest = 1, api.ChunkSize, true
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc, group, a, b := twoDesktops(t)
			up, down := tampered(a), tampered(b)
			tc.set(up, down)
			content := fileOf(2*api.ChunkSize+99, 'd')
			doc := addFile(t, a, group, content)
			repA, repB := a.Round(t), b.Round(t)
			if repA.Files.Retried+repB.Files.Retried == 0 || len(repA.Files.Problems)+len(repB.Files.Problems) != 0 {
				t.Fatalf("nothing was retried, or a problem stayed: %+v %+v", repA.Files, repB.Files)
			}
			if up.flipPut > 0 || down.flipGet > 0 || up.flipAt > 0 && up.refused != 1 {
				t.Fatalf("the damage was not done or not refused: %+v", up)
			}
			if !bytes.Equal(onService(t, svc, group, sumOf(content)), content) || !bytes.Equal(fileOn(t, b, doc), content) {
				t.Fatal("a damaged copy was kept")
			}
		})
	}
}

func TestATransferCutOffGoesOnWhereItStoppedAfterARestart(t *testing.T) {
	svc, group, a, b := twoDesktops(t)
	content := fileOf(3*api.ChunkSize+10, 'r')
	doc := addFile(t, a, group, content)
	up := tampered(a)
	up.cutAfter = 2
	if _, err := a.Syncer.Round(context.Background()); err == nil {
		t.Fatal("the round went on without a network")
	}
	up.cutAfter = 0
	a.Round(t)
	if want := "bytes 2097152-3145727/3145738"; up.ranges[2] != want {
		t.Fatalf("the upload started again at %q, want %q (sent: %q)", up.ranges[2], want, up.ranges)
	}

	down := tampered(b)
	down.cutAfter = 3
	if _, err := b.Syncer.Round(context.Background()); err == nil {
		t.Fatal("the round went on without a network")
	}
	path := b.DB.Path
	must(t, b.DB.Close())
	db, err := sqlite.Open(model.WithPrincipal(context.Background(), model.LocalOwner), path)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	b.DB, b.Syncer.DB = db, db
	down.cutAfter = 0
	b.Round(t)
	if want := "bytes=3145728-3145737"; down.ranges[3] != want {
		t.Fatalf("after the restart the download asked for %q, want %q (asked: %q)", down.ranges[3], want, down.ranges)
	}
	if !bytes.Equal(fileOn(t, b, doc), content) {
		t.Fatal("the file resumed after a restart differs")
	}
	_ = svc
}

func TestAMembershipUserGetsNoDocumentsOrContracts(t *testing.T) {
	svc := synctest.NewService(t, 300)
	sys := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	for _, g := range svc.Book.Groups {
		d := model.Document{GroupID: g.ID, Kind: model.DocArbitration, Title: "Arbitration agreement"}
		must(t, svc.DB.AddDocument(sys, &d, model.NewFile{Name: "arb.txt", Content: []byte("signed by " + g.Name)}))
	}
	clerk, group := svc.UserWithRole(t, model.RoleMembership)
	d := svc.NewDesktop(t, clerk)
	d.Round(t)
	if n := rows(t, d.DB.Path, "documents") + rows(t, d.DB.Path, "document_content") + rows(t, d.DB.Path, "contracts"); n != 0 {
		t.Fatalf("the Membership user's desktop holds %d rows of the vault", n)
	}
	_, err := d.DB.Documents(d.Ctx(t), model.DocumentQuery{GroupID: group})
	if model.ErrorCode(err) != model.EFORBIDDEN || !strings.Contains(model.ErrorMessage(err), "documents.view") {
		t.Fatalf("the desktop let a Membership user list documents: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func rows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	must(t, err)
	defer db.Close()
	var n int
	must(t, db.QueryRow("SELECT count(*) FROM "+table).Scan(&n))
	return n
}
