package server

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// uploadStatus answers how much of a file the service holds, so that an
// upload goes on from there.
func (s *Server) uploadStatus(w http.ResponseWriter, r *http.Request, c *call) error {
	ref, err := s.DB.ContentStatus(r.Context(), c.groupID, r.PathValue("sha256"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, api.UploadStatus{SHA256: ref.SHA256, Size: ref.Size, Received: ref.Received, Complete: ref.Complete})
}

// upload takes the next chunk of a file: Content-Range says where it goes
// and the file's size, Content-Digest its SHA-256. A chunk damaged on the
// way is refused before it is stored; the whole file is checked against
// its SHA-256 when its last chunk arrives.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, c *call) error {
	start, end, total, err := parseContentRange(r.Header.Get("Content-Range"))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, api.ChunkSize))
	if err != nil {
		return model.Errorf(model.EINVALID, "A chunk holds at most %d bytes.", api.ChunkSize)
	}
	if int64(len(body)) != end-start+1 {
		return model.Errorf(model.EINVALID, "The chunk holds %d bytes, but Content-Range says %d.", len(body), end-start+1)
	}
	if d := r.Header.Get(api.DigestHeader); !api.DigestMatches(d, body) {
		return model.Errorf(model.EINVALID, "The chunk at byte %d does not match its Content-Digest: it was damaged on the way. Send it again.", start)
	}
	ref, err := s.DB.ReceiveChunk(r.Context(), c.groupID, r.PathValue("sha256"), total, start, body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, api.UploadStatus{SHA256: ref.SHA256, Size: ref.Size, Received: ref.Received, Complete: ref.Complete})
}

// parseContentRange reads "bytes START-END/TOTAL".
func parseContentRange(v string) (start, end, total int64, err error) {
	bad := model.Errorf(model.EINVALID, "Content-Range must read bytes START-END/TOTAL, not %q.", v)
	spec, ok := strings.CutPrefix(v, "bytes ")
	if !ok {
		return 0, 0, 0, bad
	}
	rng, size, ok := strings.Cut(spec, "/")
	from, to, ok2 := strings.Cut(rng, "-")
	if !ok || !ok2 {
		return 0, 0, 0, bad
	}
	nums := [3]int64{}
	for i, s := range []string{from, to, size} {
		if nums[i], err = strconv.ParseInt(s, 10, 64); err != nil || nums[i] < 0 {
			return 0, 0, 0, bad
		}
	}
	if nums[2] == 0 {
		return 0, 0, 0, model.CheckFileSize("The file", 0, model.MaxDocumentLimit)
	}
	if nums[1] < nums[0] || nums[1] >= nums[2] {
		return 0, 0, 0, bad
	}
	return nums[0], nums[1], nums[2], nil
}

// download sends a file's content, or the part a Range header asks for
// (one range of bytes), with the Content-Digest of what is sent.
func (s *Server) download(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx, sum := r.Context(), r.PathValue("sha256")
	ref, err := s.DB.ContentStatus(ctx, c.groupID, sum)
	if err != nil {
		return err
	}
	if !ref.Complete {
		return model.Errorf(model.ENOTFOUND, "This group has no file with SHA-256 %s.", sum)
	}
	start, end, status := int64(0), ref.Size-1, http.StatusOK
	if h := r.Header.Get("Range"); h != "" {
		if start, end, err = parseRange(h, ref.Size); err != nil {
			w.Header().Set("Content-Range", fmt.Sprintf("bytes */%d", ref.Size))
			s.problem(w, r, http.StatusRequestedRangeNotSatisfiable, err)
			return nil
		}
		status = http.StatusPartialContent
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end, ref.Size))
	}
	body, err := s.DB.ReadContent(ctx, c.groupID, sum, start, end-start+1)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set(api.DigestHeader, api.ContentDigest(body))
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}

// parseRange reads "bytes=START-END" or "bytes=START-" within a file.
func parseRange(v string, size int64) (start, end int64, err error) {
	bad := model.Errorf(model.EINVALID, "Range must ask for one range of bytes within the file's %d, not %q.", size, v)
	spec, ok := strings.CutPrefix(v, "bytes=")
	from, to, ok2 := strings.Cut(spec, "-")
	if !ok || !ok2 {
		return 0, 0, bad
	}
	if start, err = strconv.ParseInt(from, 10, 64); err != nil || start < 0 || start >= size {
		return 0, 0, bad
	}
	end = size - 1
	if to != "" {
		if end, err = strconv.ParseInt(to, 10, 64); err != nil || end < start {
			return 0, 0, bad
		}
	}
	return start, min(end, size-1, start+api.ChunkSize-1), nil
}
