package client_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
	"github.com/groupdesk/groupdesk/sync/synctest"
)

// tamper sits between a desktop and the service and spoils the vault's
// transfers as a bad network would: it flips a byte in the body of a
// chunk (leaving its digest as it was), strips digests, or cuts the
// connection after some chunks.
type tamper struct {
	next http.RoundTripper

	mu          sync.Mutex
	flipPut     int  // uploads' chunks to damage
	flipGet     int  // downloads' chunks to damage
	flipAt      int  // damage only from the chunk at this byte on
	stripDigest bool // drop the Content-Digest of downloads
	cutAfter    int  // chunks to let through before the network goes (0: never)
	chunks      int
	ranges      []string // Range or Content-Range of every chunk, in order
	refused     int      // answers 400 to uploaded chunks
}

func (tp *tamper) RoundTrip(r *http.Request) (*http.Response, error) {
	chunk := strings.Contains(r.URL.Path, "/files/") || r.Method == http.MethodPut
	if !chunk {
		return tp.next.RoundTrip(r)
	}
	tp.mu.Lock()
	defer tp.mu.Unlock()
	if tp.cutAfter > 0 && tp.chunks >= tp.cutAfter {
		return nil, errors.New("network is unreachable")
	}
	tp.chunks++
	tp.ranges = append(tp.ranges, r.Header.Get("Range")+r.Header.Get("Content-Range"))
	if r.Method == http.MethodPut {
		return tp.put(r)
	}
	return tp.get(r)
}

func (tp *tamper) put(r *http.Request) (*http.Response, error) {
	if tp.flipPut > 0 && tp.from(r.Header.Get("Content-Range"), "bytes ") {
		tp.flipPut--
		body, _ := io.ReadAll(r.Body)
		body[len(body)/2] ^= 0x01
		r = r.Clone(r.Context())
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	}
	resp, err := tp.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusBadRequest {
		tp.refused++
	}
	return resp, err
}

func (tp *tamper) get(r *http.Request) (*http.Response, error) {
	resp, err := tp.next.RoundTrip(r)
	if err != nil || resp.StatusCode >= 300 {
		return resp, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if tp.flipGet > 0 && tp.from(r.Header.Get("Range"), "bytes=") {
		tp.flipGet--
		body[len(body)/2] ^= 0x01
	}
	if tp.stripDigest {
		resp.Header.Del(api.DigestHeader)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// from reports whether a chunk's range starts at or after flipAt.
func (tp *tamper) from(rng, prefix string) bool {
	var start int
	_, err := fmt.Sscan(strings.TrimPrefix(rng, prefix), &start)
	return err == nil && start >= tp.flipAt
}

// tampered puts a tamper between the desktop and the service.
func tampered(d *synctest.Desktop) *tamper {
	tp := &tamper{next: d.Transport}
	d.Syncer.HTTP = &http.Client{Transport: tp}
	return tp
}

// fileOf is n bytes that differ from one seed to another.
func fileOf(n int, seed byte) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(i*7) ^ seed
	}
	return out
}

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// addFile adds a document with a file to a group on a desktop.
func addFile(t *testing.T, d *synctest.Desktop, group string, content []byte) model.Document {
	t.Helper()
	doc := model.Document{GroupID: group, Kind: model.DocSBC, Title: "Summary of benefits, Gold 80"}
	if err := d.DB.AddDocument(d.Ctx(t), &doc, model.NewFile{Name: "sbc-gold-80.pdf", Content: content}); err != nil {
		t.Fatal(err)
	}
	return doc
}

// fileOn returns a document's file content as a desktop holds it.
func fileOn(t *testing.T, d *synctest.Desktop, doc model.Document) []byte {
	t.Helper()
	got, err := d.DB.Document(d.Ctx(t), doc.ID)
	if err != nil {
		t.Fatalf("the document is not on the desktop of %s: %v", d.User.Email, err)
	}
	b, err := d.DB.FileContent(d.Ctx(t), got.GroupID, got.File().SHA256)
	if err != nil {
		t.Fatalf("its file is not on the desktop of %s: %v", d.User.Email, err)
	}
	return b
}

// onService returns a file's content as the service holds it.
func onService(t *testing.T, svc *synctest.Service, group, sum string) []byte {
	t.Helper()
	sys := model.WithPrincipal(context.Background(), &model.Principal{UserID: "carrier", System: true})
	b, err := svc.DB.FileContent(sys, group, sum)
	if err != nil {
		t.Fatalf("the service does not hold the file: %v", err)
	}
	return b
}
