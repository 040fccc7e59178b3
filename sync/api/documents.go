package api

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// DocumentList is the answer of GET /v1/groups/{group}/documents: the
// group's vault without the files' content.
type DocumentList struct {
	Documents []model.Document `json:"documents"`
}

// UploadStatus is the answer of GET and PUT
// /v1/groups/{group}/uploads/{sha256}: how much of a file the service
// holds. An upload goes on from Received; Complete means the whole file
// arrived and matched its SHA-256.
type UploadStatus struct {
	SHA256   string `json:"sha256"`
	Size     int64  `json:"size"`
	Received int64  `json:"received"`
	Complete bool   `json:"complete"`
}

// ChunkSize is the size of the pieces a file is uploaded and downloaded
// in; only a file's last piece is smaller.
const ChunkSize = model.DocumentChunk

// DigestHeader carries the SHA-256 of a request's or a response's body
// (RFC 9530), so that a chunk damaged on the way is noticed and sent
// again before the whole file's hash is checked.
const DigestHeader = "Content-Digest"

// ContentDigest is the Content-Digest field value of a body.
func ContentDigest(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha-256=:" + base64.StdEncoding.EncodeToString(sum[:]) + ":"
}

// DigestMatches reports whether a Content-Digest field names the body's
// SHA-256. Other algorithms in the field are ignored.
func DigestMatches(field string, body []byte) bool {
	want := ContentDigest(body)
	for _, part := range strings.Split(field, ",") {
		if strings.TrimSpace(part) == want {
			return true
		}
	}
	return false
}
