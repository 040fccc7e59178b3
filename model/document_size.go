package model

import "fmt"

// Size limits of the document vault. The limit a desktop accepts is a
// setting (DefaultDocumentLimit unless changed); no setting goes above
// MaxDocumentLimit, which the account service enforces for everyone.
const (
	MB                   = 1_000_000
	DefaultDocumentLimit = 25 * MB
	MaxDocumentLimit     = 100 * MB
)

// CheckFileSize refuses an empty file and one over the limit, saying what
// to do about it.
func CheckFileSize(name string, size, limit int64) error {
	if limit <= 0 {
		limit = DefaultDocumentLimit
	}
	switch {
	case size == 0:
		return Errorf(EINVALID, "%s is empty (0 bytes): there is nothing to keep. Choose the file again once it has been saved or scanned.", name)
	case size < 0:
		return Errorf(EINVALID, "The size of %s cannot be read.", name)
	case size > limit:
		return Errorf(EINVALID, "%s is %s, over the vault's limit of %s. Scan it at a lower resolution or split it, or raise the limit in Settings (up to %s).",
			name, FormatBytes(size), FormatBytes(limit), FormatBytes(MaxDocumentLimit))
	}
	return nil
}

// CheckDocumentLimit checks a limit a person set.
func CheckDocumentLimit(limit int64) error {
	if limit < MB || limit > MaxDocumentLimit {
		return FieldError("document_limit", "the size limit must be from 1 MB to %s", FormatBytes(MaxDocumentLimit))
	}
	return nil
}

// FormatBytes writes a size as people read it: "812 bytes", "48.2 KB",
// "25 MB" (decimal units, as file managers show them).
func FormatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < MB:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/1000)) + " KB"
	case n < 1000*MB:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/MB)) + " MB"
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/(1000*MB))) + " GB"
}

func trimZero(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// DocumentChunk is the size of the pieces a file's content is stored and
// sent in: a transfer cut off goes on from the last whole piece.
const DocumentChunk = 1 << 20
