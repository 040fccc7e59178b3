package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/sync/api"
)

// FileReport says what a round did with the vault's files.
type FileReport struct {
	Uploaded   int
	Downloaded int
	// Retried counts chunks sent or fetched again after they were damaged
	// on the way (or a whole file that did not match its SHA-256).
	Retried int
	// Problems are files that could not be moved this round, for a reason
	// a retry will not mend by itself (a permission, a file gone).
	Problems []string
}

// maxFailures is how many damaged chunks one file may meet in a round
// before the round gives up on it (the next round goes on from there).
const maxFailures = 5

// sendFiles uploads the content of the files added here, before the
// operations that name them are pushed: the service takes a document only
// once its content is there. An upload goes on from what the service
// already holds.
func (s *Syncer) sendFiles(ctx context.Context, rep *Report) error {
	refs, err := s.DB.ContentToUpload(ctx)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		err := s.sendFile(ctx, ref, &rep.Files)
		if err := rep.Files.keep(err, "sending", ref); err != nil {
			return err
		}
	}
	return nil
}

func (s *Syncer) sendFile(ctx context.Context, ref sqlite.ContentRef, fr *FileReport) error {
	for failures := 0; ; {
		var st api.UploadStatus
		if err := s.call(ctx, http.MethodGet, uploadPath(ref), nil, &st); err != nil {
			return err
		}
		if st.Complete {
			fr.Uploaded++
			return s.DB.MarkUploaded(ctx, ref.GroupID, ref.SHA256)
		}
		chunk, err := s.DB.ReadContent(ctx, ref.GroupID, ref.SHA256, st.Received, min(api.ChunkSize, ref.Size-st.Received))
		if err != nil {
			return err
		}
		err = s.putChunk(ctx, ref, st.Received, chunk)
		if err == nil {
			continue
		}
		if failures++; !damaged(err) || failures > maxFailures {
			return err
		}
		fr.Retried++
	}
}

func (s *Syncer) putChunk(ctx context.Context, ref sqlite.ContentRef, at int64, chunk []byte) error {
	h := http.Header{}
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", at, at+int64(len(chunk))-1, ref.Size))
	h.Set(api.DigestHeader, api.ContentDigest(chunk))
	resp, err := s.raw(ctx, http.MethodPut, uploadPath(ref), h, chunk)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// fetchFiles downloads the content of the documents pulled, chunk by
// chunk, each kept as it arrives: a round cut off goes on from there.
// A chunk that does not match its Content-Digest is fetched again; a
// whole file that does not match its SHA-256 is discarded and fetched
// again from the start.
func (s *Syncer) fetchFiles(ctx context.Context, rep *Report) error {
	refs, err := s.DB.ContentToFetch(ctx)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		err := s.fetchFile(ctx, ref, &rep.Files)
		if err := rep.Files.keep(err, "fetching", ref); err != nil {
			return err
		}
	}
	return s.DB.DropUnusedContent(ctx)
}

func (s *Syncer) fetchFile(ctx context.Context, ref sqlite.ContentRef, fr *FileReport) error {
	at := ref.Received
	for failures := 0; at < ref.Size; {
		chunk, err := s.getChunk(ctx, ref, at)
		if err == nil {
			var got sqlite.ContentRef
			if got, err = s.DB.ReceiveChunk(ctx, ref.GroupID, ref.SHA256, ref.Size, at, chunk); err == nil {
				at = got.Received
				continue
			}
		}
		if failures++; !damaged(err) || failures > maxFailures {
			return err
		}
		fr.Retried++
		st, err := s.DB.ContentStatus(ctx, ref.GroupID, ref.SHA256)
		if err != nil {
			return err
		}
		at = st.Received
	}
	fr.Downloaded++
	return nil
}

// getChunk fetches the chunk of a file from a byte on, checked against
// the digest the service sent with it.
func (s *Syncer) getChunk(ctx context.Context, ref sqlite.ContentRef, at int64) ([]byte, error) {
	h := http.Header{}
	h.Set("Range", fmt.Sprintf("bytes=%d-%d", at, min(at+api.ChunkSize, ref.Size)-1))
	resp, err := s.raw(ctx, http.MethodGet, "/v1/groups/"+url.PathEscape(ref.GroupID)+"/files/"+ref.SHA256, h, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, api.ChunkSize+1))
	if err != nil {
		return nil, &OfflineError{Err: err}
	}
	want := fmt.Sprintf("bytes %d-%d/%d", at, at+int64(len(body))-1, ref.Size)
	if resp.StatusCode != http.StatusPartialContent || resp.Header.Get("Content-Range") != want {
		return nil, errDamaged
	}
	if d := resp.Header.Get(api.DigestHeader); d != "" && !api.DigestMatches(d, body) {
		return nil, errDamaged
	}
	return body, nil
}

// errDamaged is a chunk that came with the wrong bytes.
var errDamaged = errors.New("a chunk of the file was damaged on the way")

// damaged reports whether an error is a chunk or file spoilt on the way,
// which sending or fetching again mends: a damaged chunk, content that
// did not match its hash (and was discarded), a chunk out of order.
func damaged(err error) bool {
	var p *api.Problem
	if errors.As(err, &p) {
		return p.Status == http.StatusBadRequest || p.Status == http.StatusConflict
	}
	code := model.ErrorCode(err)
	return errors.Is(err, errDamaged) || code == model.EINVALID || code == model.ECONFLICT
}

// keep decides what a file's failure does to the round: a network failure
// ends it (the next round goes on from there); anything else is noted and
// the round goes on with the other files.
func (fr *FileReport) keep(err error, doing string, ref sqlite.ContentRef) error {
	if err == nil {
		return nil
	}
	if IsOffline(err) || errors.Is(err, context.Canceled) {
		return err
	}
	fr.Problems = append(fr.Problems, fmt.Sprintf("%s the file %s…: %s", doing, ref.SHA256[:12], model.ErrorMessage(problemAsError(err))))
	return nil
}

// problemAsError gives an API problem the person's message it carries.
func problemAsError(err error) error {
	var p *api.Problem
	if errors.As(err, &p) {
		return model.Errorf(p.Code, "%s", p.Error())
	}
	return err
}

func uploadPath(ref sqlite.ContentRef) string {
	return "/v1/groups/" + url.PathEscape(ref.GroupID) + "/uploads/" + ref.SHA256
}

// raw sends a request as it is (call wraps it for JSON); an error answer
// becomes an *api.Problem, a network failure an *OfflineError.
func (s *Syncer) raw(ctx context.Context, method, path string, h http.Header, body []byte) (*http.Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(s.Server, "/")+path, rd)
	if err != nil {
		return nil, err
	}
	if h != nil {
		req.Header = h
	}
	hc := s.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		// The token source's refusal (a sign-in that ended or was
		// revoked) is not a network failure: retrying will not help.
		var signIn *model.Error
		if errors.As(err, &signIn) && ctx.Err() == nil {
			return nil, signIn
		}
		return nil, &OfflineError{Err: err}
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		return nil, readProblem(resp)
	}
	return resp, nil
}
