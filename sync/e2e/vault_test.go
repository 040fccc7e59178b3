package e2e_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// vaultFile is n bytes that differ from one seed to another.
func vaultFile(n int, seed byte) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(i*31+i/977) ^ seed
	}
	return out
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// addVaultFile adds a document with its file on a desktop as its user.
func addVaultFile(t *testing.T, d *syncer, group, title string, content []byte) model.Document {
	t.Helper()
	doc := model.Document{GroupID: group, Kind: model.DocSBC, Title: title, Tags: []string{"plan year 2027"}}
	if err := d.DB.AddDocument(signedInCtx(t, d.DB), &doc, model.NewFile{Name: "sbc-2027.pdf", Content: content}); err != nil {
		t.Fatal(err)
	}
	return doc
}

// fileOnDesktop is a document's current file as a desktop holds it, found
// by the document's ID.
func fileOnDesktop(t *testing.T, d *syncer, id string) (model.Document, []byte) {
	t.Helper()
	ctx := signedInCtx(t, d.DB)
	doc, err := d.DB.Document(ctx, id)
	if err != nil {
		t.Fatalf("the document is not on the desktop: %v", err)
	}
	b, err := d.DB.FileContent(ctx, doc.GroupID, doc.File().SHA256)
	if err != nil {
		t.Fatalf("its file is not on the desktop: %v", err)
	}
	return doc, b
}

// serverContent is the content accountd holds for a file, read from its
// database.
func serverContent(t *testing.T, svc *service, group, sum string) []byte {
	t.Helper()
	rows, err := sqlDB(t, svc.DBPath).Query(`SELECT data FROM document_chunks WHERE group_id = ? AND sha256 = ? ORDER BY n`, group, sum)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []byte
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, b...)
	}
	return out
}

// A file added on one desktop reaches the service and a second desktop of
// the group byte for byte, with the same SHA-256; the vault the demo
// seeded arrives with the first sync, its files checked the same way.
func TestAFileAddedOnOneDesktopArrivesOnAnotherWithTheSameHash(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	a, b := svc.newSyncer(t, g.PGA), svc.newSyncer(t, g.PGA)
	a.round(t)
	first := b.round(t)
	seeded, err := b.DB.Documents(signedInCtx(t, b.DB), model.DocumentQuery{GroupID: g.ID})
	if err != nil || len(seeded) == 0 || first.Files.Downloaded < len(seeded) {
		t.Fatalf("the group's seeded vault: %d documents, %d files fetched (%v)", len(seeded), first.Files.Downloaded, err)
	}
	for _, d := range seeded {
		if _, got := fileOnDesktop(t, b, d.ID); sha(got) != d.File().SHA256 {
			t.Errorf("the seeded %q arrived with SHA-256 %s, want %s", d.Title, sha(got), d.File().SHA256)
		}
	}
	if cs, err := b.DB.Contracts(signedInCtx(t, b.DB), g.ID); err != nil || len(cs) == 0 {
		t.Errorf("the group's contracts did not arrive: %d, %v", len(cs), err)
	}

	content := vaultFile(2*api.ChunkSize+54321, 'a')
	doc := addVaultFile(t, a, g.ID, "Summary of benefits and coverage, 2027", content)
	if rep := a.round(t); rep.Files.Uploaded != 1 || len(rep.Files.Problems) != 0 {
		t.Fatalf("the first desktop's round: %+v", rep.Files)
	}
	if got := serverContent(t, svc, g.ID, sha(content)); !bytes.Equal(got, content) {
		t.Fatalf("accountd holds %d bytes with SHA-256 %s", len(got), sha(got))
	}
	if rep := b.round(t); rep.Files.Downloaded != 1 {
		t.Fatalf("the second desktop's round: %+v", rep.Files)
	}
	got, gotBytes := fileOnDesktop(t, b, doc.ID)
	if sha(gotBytes) != doc.File().SHA256 || got.File().SHA256 != doc.File().SHA256 || !bytes.Equal(gotBytes, content) {
		t.Fatalf("the file arrived with SHA-256 %s, want %s", sha(gotBytes), doc.File().SHA256)
	}
	if found, _ := b.DB.Documents(signedInCtx(t, b.DB), model.DocumentQuery{GroupID: g.ID, Search: "2027"}); len(found) != 1 {
		t.Errorf("searching the second desktop for the tag finds %d documents", len(found))
	}
	if rep := b.round(t); rep.Files.Downloaded != 0 || rep.Files.Uploaded != 0 {
		t.Fatalf("a further round moved files again: %+v", rep.Files)
	}
}

// flipper damages the vault's transfers through the proxy, once each: a
// byte of an uploaded chunk on its way to accountd, a byte of a
// downloaded chunk on its way back. It counts accountd's refusals.
type flipper struct {
	mu       sync.Mutex
	sum      string // the file whose transfers are damaged
	upload   int    // uploaded chunks still to damage
	download int    // downloaded chunks still to damage
	refused  int    // uploads accountd answered 400
}

func (f *flipper) hook(r *http.Request, resp *http.Response) error {
	if !strings.HasSuffix(r.URL.Path, "/"+f.sum) {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	second := strings.HasPrefix(r.Header.Get("Content-Range"), fmt.Sprintf("bytes %d-", api.ChunkSize)) ||
		strings.HasPrefix(r.Header.Get("Range"), fmt.Sprintf("bytes=%d-", api.ChunkSize))
	switch {
	case resp == nil && r.Method == http.MethodPut && f.upload > 0 && second:
		f.upload--
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return err
		}
		body[len(body)/3] ^= 0x20
		r.Body = io.NopCloser(bytes.NewReader(body))
	case resp != nil && r.Method == http.MethodPut && resp.StatusCode == http.StatusBadRequest:
		f.refused++
	case resp != nil && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/files/") && f.download > 0 && second:
		f.download--
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		body[len(body)/3] ^= 0x20
		resp.Body = io.NopCloser(bytes.NewReader(body))
	}
	return nil
}

// Bytes changed in flight, on the way up and on the way down, are
// noticed (accountd refuses the chunk; the desktop checks the digest) and
// the chunk is sent or fetched again: both ends keep the file whole.
func TestAChunkChangedInFlightIsDetectedAndTransferredAgain(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	a, b := svc.newSyncer(t, g.PGA), svc.newSyncer(t, g.PGA)
	a.round(t)
	b.round(t)
	content := vaultFile(2*api.ChunkSize+777, 'c')
	f := &flipper{sum: sha(content), upload: 1, download: 1}
	svc.Proxy.setHook(f.hook)
	doc := addVaultFile(t, a, g.ID, "Summary of benefits, damaged on the way", content)
	up := a.round(t)
	if f.upload != 0 || f.refused != 1 || up.Files.Retried < 1 || up.Files.Uploaded != 1 || len(up.Files.Problems) != 0 {
		t.Fatalf("the damaged upload: flips left %d, refused %d, report %+v", f.upload, f.refused, up.Files)
	}
	if got := serverContent(t, svc, g.ID, f.sum); !bytes.Equal(got, content) {
		t.Fatal("accountd kept a damaged copy")
	}
	down := b.round(t)
	if f.download != 0 || down.Files.Retried < 1 || down.Files.Downloaded != 1 || len(down.Files.Problems) != 0 {
		t.Fatalf("the damaged download: flips left %d, report %+v", f.download, down.Files)
	}
	if _, got := fileOnDesktop(t, b, doc.ID); !bytes.Equal(got, content) {
		t.Fatal("the second desktop kept a damaged copy")
	}
}

// An empty file and one over the limit are refused with a message that
// names them, on the desktop before anything is queued, and by accountd
// when a client sends one anyway.
func TestAnEmptyFileAndOneOverTheLimitAreRefusedWithAClearMessage(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	a := svc.newSyncer(t, g.PGA)
	a.round(t)
	ctx := signedInCtx(t, a.DB)
	if err := a.DB.SetDocumentLimit(ctx, 2*model.MB); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		size int
		want string
	}{
		{"blank.pdf", 0, "blank.pdf is empty (0 bytes)"},
		{"scan-600dpi.pdf", 2_500_000, "scan-600dpi.pdf is 2.5 MB, over the vault's limit of 2 MB"},
	} {
		doc := model.Document{GroupID: g.ID, Kind: model.DocOther, Title: tc.name}
		err := a.DB.AddDocument(ctx, &doc, model.NewFile{Name: tc.name, Content: vaultFile(tc.size, 'z')})
		if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), tc.want) {
			t.Errorf("adding %s: %v; want %q", tc.name, err, tc.want)
		}
	}
	if rep := a.round(t); rep.Files.Uploaded != 0 || rep.Pushed != 0 {
		t.Fatalf("refused files went out: %+v", rep)
	}

	hc := bearerClient(svc.signIn(t, g.PGA, demoPassword))
	put := func(sum, contentRange string, body []byte) (int, string) {
		req, _ := http.NewRequest(http.MethodPut, svc.URL+"/v1/groups/"+g.ID+"/uploads/"+sum, bytes.NewReader(body))
		req.Header.Set("Content-Range", contentRange)
		req.Header.Set(api.DigestHeader, api.ContentDigest(body))
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p api.Problem
		json.NewDecoder(resp.Body).Decode(&p)
		return resp.StatusCode, p.Detail
	}
	chunk := vaultFile(api.ChunkSize, 'o')
	if code, msg := put(sha(chunk), fmt.Sprintf("bytes 0-%d/%d", api.ChunkSize-1, 150*model.MB), chunk); code != http.StatusBadRequest ||
		!strings.Contains(msg, "is 150 MB, over the vault's limit of 100 MB") {
		t.Errorf("an upload of 150 MB: %d %q", code, msg)
	}
	if code, msg := put(sha(nil), "bytes 0-0/0", nil); code != http.StatusBadRequest || !strings.Contains(msg, "is empty (0 bytes)") {
		t.Errorf("an upload of an empty file: %d %q", code, msg)
	}
}

// A Membership clerk's role lacks documents.view: accountd refuses them
// the group's documents and files, and their desktop receives none of the
// vault or the contracts the PGA's desktop receives.
func TestAMembershipUserIsRefusedTheVaultByTheServer(t *testing.T) {
	t.Parallel()
	svc := startService(t, smallTemplate)
	g := small.largest()
	pga := svc.newSyncer(t, g.PGA)
	pga.round(t)
	docs, err := pga.DB.Documents(signedInCtx(t, pga.DB), model.DocumentQuery{GroupID: g.ID})
	if err != nil || len(docs) == 0 {
		t.Fatalf("the PGA's desktop has %d documents (%v): nothing to refuse", len(docs), err)
	}
	clerk := userWithRole(t, g.ID, model.RoleMembership)
	hc := bearerClient(svc.signIn(t, clerk, demoPassword))
	for _, path := range []string{"/documents", "/files/" + docs[0].File().SHA256} {
		resp, err := hc.Get(svc.URL + "/v1/groups/" + g.ID + path)
		if err != nil {
			t.Fatal(err)
		}
		var p api.Problem
		json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(p.Detail, "documents.view") {
			t.Errorf("GET %s as a Membership clerk: %d %q", path, resp.StatusCode, p.Detail)
		}
	}
	desk := svc.newSyncer(t, clerk)
	desk.round(t)
	db := sqlDB(t, desk.Path)
	for _, table := range []string{"documents", "document_content", "document_chunks", "contracts"} {
		if n := count(t, db, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("the clerk's desktop holds %d rows of %s", n, table)
		}
	}
	if members := count(t, db, "SELECT count(*) FROM members WHERE group_id = ?", g.ID); members == 0 {
		t.Error("the clerk's desktop holds no members either: the round did not pull")
	}
	_, err = desk.DB.Documents(signedInCtx(t, desk.DB), model.DocumentQuery{GroupID: g.ID})
	if model.ErrorCode(err) != model.EFORBIDDEN {
		t.Errorf("the desktop let the clerk list documents: %v", err)
	}
}
