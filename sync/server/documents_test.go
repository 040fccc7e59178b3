package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// putChunk sends one chunk of an upload with the digest given.
func (f *fixture) putChunk(user, group, sum string, total int64, start int, chunk []byte, digest string) (int, []byte) {
	f.t.Helper()
	req, _ := http.NewRequest("PUT", f.url+"/v1/groups/"+group+"/uploads/"+sum, bytes.NewReader(chunk))
	req.Header.Set("Authorization", "Bearer "+user)
	req.Header.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, start+len(chunk)-1, total))
	req.Header.Set(api.DigestHeader, digest)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// get reads a path with a Range header, returning the response.
func (f *fixture) get(user, path, rng string) (*http.Response, []byte) {
	f.t.Helper()
	req, _ := http.NewRequest("GET", f.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+user)
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestADamagedChunkIsRefusedAndTheUploadGoesOnFromWhatArrived(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	content := bytes.Repeat([]byte("Zoë Łukasiewicz signed here. "), api.ChunkSize/10)[:api.ChunkSize+5000]
	sum, total := hexSum(content), int64(len(content))
	first, rest := content[:api.ChunkSize], content[api.ChunkSize:]
	damaged := bytes.Clone(first)
	damaged[100] ^= 1
	status, body := f.putChunk(pga.ID, group, sum, total, 0, damaged, api.ContentDigest(first))
	if status != 400 || !strings.Contains(string(body), "damaged on the way") {
		t.Fatalf("a chunk changed on the way: %d %s", status, body)
	}
	f.putChunk(pga.ID, group, sum, total, 0, first, api.ContentDigest(first))
	var st api.UploadStatus
	_, body = f.do(pga.ID, "GET", "/v1/groups/"+group+"/uploads/"+sum, nil)
	if json.Unmarshal(body, &st); st.Received != api.ChunkSize || st.Complete {
		t.Fatalf("after the first chunk: %s", body)
	}
	if status, body = f.putChunk(pga.ID, group, sum, total, api.ChunkSize, rest, api.ContentDigest(rest)); status != 200 || !strings.Contains(string(body), `"complete":true`) {
		t.Fatalf("the last chunk: %d %s", status, body)
	}
	resp, got := f.get(pga.ID, "/v1/groups/"+group+"/files/"+sum, fmt.Sprintf("bytes=%d-", api.ChunkSize))
	if resp.StatusCode != 206 || !bytes.Equal(got, rest) || !api.DigestMatches(resp.Header.Get(api.DigestHeader), got) {
		t.Fatalf("the second chunk came back as %d, %d bytes, %s", resp.StatusCode, len(got), resp.Header.Get("Content-Range"))
	}
	if resp, _ = f.get(pga.ID, "/v1/groups/"+group+"/files/"+sum, fmt.Sprintf("bytes=%d-", total)); resp.StatusCode != 416 {
		t.Fatalf("a range past the end: %d", resp.StatusCode)
	}
}

func TestAFileWhoseWholeHashDiffersIsRefused(t *testing.T) {
	f := newFixture(t)
	pga, group := f.userWithRole(model.RolePGA)
	content := []byte("an enrollment form")
	status, body := f.putChunk(pga.ID, group, hexSum([]byte("another file")), int64(len(content)), 0, content, api.ContentDigest(content))
	if status != 400 || !strings.Contains(string(body), "does not match its SHA-256") {
		t.Fatalf("%d %s", status, body)
	}
}

func TestAMembershipUserSeesNoDocumentsOrContracts(t *testing.T) {
	f := newFixture(t)
	clerk, group := f.userWithRole(model.RoleMembership)
	pga, pgaGroup := f.userWithRole(model.RolePGA)
	sys := model.WithPrincipal(t.Context(), &model.Principal{UserID: "carrier", Name: "Carrier", System: true})
	for _, g := range []string{group, pgaGroup} {
		d := model.Document{GroupID: g, Kind: model.DocArbitration, Title: "Arbitration agreement"}
		if err := f.db.AddDocument(sys, &d, model.NewFile{Name: "arb.txt", Content: []byte("signed")}); err != nil {
			t.Fatal(err)
		}
	}
	sum := hexSum([]byte("signed"))
	for _, path := range []string{"/v1/groups/" + group + "/documents", "/v1/groups/" + group + "/files/" + sum, "/v1/groups/" + group + "/uploads/" + sum} {
		if status, body := f.do(clerk.ID, "GET", path, nil); status != http.StatusForbidden || !strings.Contains(string(body), "documents.") {
			t.Errorf("GET %s as Membership: %d %s", path, status, body)
		}
	}
	kinds := func(user string) map[string]bool {
		changes, _ := f.pullAll(user, "")
		out := map[string]bool{}
		for _, c := range changes {
			out[c.Entity] = true
		}
		return out
	}
	if k := kinds(clerk.ID); k[model.EntityDocument] || k[model.EntityContract] {
		t.Fatalf("the Membership user's feed carries %v", k)
	}
	if k := kinds(pga.ID); !k[model.EntityDocument] {
		t.Fatalf("the PGA's feed has no document: %v", k)
	}
}
