package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/sync/api"
)

// decodePage reads a page of the change feed as json.Unmarshal would, but
// passes over each change's data once: a first sync reads tens of
// megabytes of members, and encoding/json scanned every byte of them three
// times (to find the page's end, to check it, to copy the data out) before
// the member itself was decoded. Here the data is a slice of b, checked
// where it is decoded (the store decodes a member from it) or by
// json.Valid; the fields around it are read by hand. A page that is not
// JSON, or not a page, is an error saying where.
func decodePage(b []byte, page *api.ChangesPage) error {
	r := pageReader{b: b}
	err := r.object(func(key string) error {
		switch {
		case strings.EqualFold(key, "changes"):
			return r.changes(&page.Changes)
		case strings.EqualFold(key, "cursor"):
			return r.decode(&page.Cursor)
		case strings.EqualFold(key, "has_more"):
			return r.decode(&page.HasMore)
		}
		_, err := r.checked()
		return err
	})
	if err == nil {
		r.space()
		if r.i != len(b) {
			err = r.fail("text after the page")
		}
	}
	if err != nil {
		return fmt.Errorf("reading a page of the change feed: %w", err)
	}
	return nil
}

type pageReader struct {
	b []byte
	i int
}

func (r *pageReader) fail(what string) error {
	return fmt.Errorf("%s at byte %d", what, r.i)
}

func (r *pageReader) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// next is the next byte after white space, not consumed (0 at the end).
func (r *pageReader) next() byte {
	r.space()
	if r.i == len(r.b) {
		return 0
	}
	return r.b[r.i]
}

// object reads an object, calling field for each key with the reader at
// its value. A null is an object with no fields, as json.Unmarshal has it.
func (r *pageReader) object(field func(key string) error) error {
	if r.null() {
		return nil
	}
	return r.items('{', '}', "an object", func() error {
		if r.next() != '"' {
			return r.fail("a field name expected")
		}
		var key string
		if err := r.decode(&key); err != nil {
			return err
		}
		if r.next() != ':' {
			return r.fail("':' expected")
		}
		r.i++
		r.space()
		return field(key)
	})
}

// changes reads the page's array of changes.
func (r *pageReader) changes(out *[]model.Change) error {
	if r.null() {
		*out = nil
		return nil
	}
	*out = []model.Change{}
	return r.items('[', ']', "an array of changes", func() error {
		*out = append(*out, model.Change{})
		return r.change(&(*out)[len(*out)-1])
	})
}

// items reads what is between open and close, item by item, separated by
// commas.
func (r *pageReader) items(open, close byte, what string, item func() error) error {
	if r.next() != open {
		return r.fail(what + " expected")
	}
	r.i++
	if r.next() == close {
		r.i++
		return nil
	}
	for {
		if err := item(); err != nil {
			return err
		}
		switch r.next() {
		case ',':
			r.i++
		case close:
			r.i++
			return nil
		default:
			return r.fail("',' or '" + string(close) + "' expected")
		}
	}
}

// change reads one change. Its data is kept as it came: a member's is
// checked as the store decodes it (sqlite.NewIncomingPage), any other's
// here.
func (r *pageReader) change(c *model.Change) error {
	return r.object(func(key string) error {
		switch {
		case strings.EqualFold(key, "data"):
			var err error
			if c.Entity == model.EntityMember {
				c.Data, err = r.skip()
			} else {
				c.Data, err = r.checked()
			}
			return err
		case strings.EqualFold(key, "seq"):
			return r.decode(&c.Seq)
		case strings.EqualFold(key, "entity"):
			return r.decode(&c.Entity)
		case strings.EqualFold(key, "id"):
			return r.decode(&c.ID)
		case strings.EqualFold(key, "group_id"):
			return r.decode(&c.GroupID)
		case strings.EqualFold(key, "version"):
			return r.decode(&c.Version)
		case strings.EqualFold(key, "deleted"):
			return r.decode(&c.Deleted)
		case strings.EqualFold(key, "reason"):
			return r.decode(&c.Reason)
		case strings.EqualFold(key, "at"):
			return r.decode(&c.At)
		}
		_, err := r.checked()
		return err
	})
}

// null reads a null, if one is next.
func (r *pageReader) null() bool {
	r.space()
	if bytes.HasPrefix(r.b[r.i:], []byte("null")) {
		r.i += 4
		return true
	}
	return false
}

// decode reads one value into v: a string without escapes, an integer or
// a flag by hand, anything else with encoding/json.
func (r *pageReader) decode(v any) error {
	at := r.i
	raw, err := r.skip()
	if err != nil {
		return err
	}
	switch v := v.(type) {
	case *string:
		if len(raw) >= 2 && raw[0] == '"' && plain(raw[1:len(raw)-1]) {
			*v = string(raw[1 : len(raw)-1])
			return nil
		}
	case *int64:
		if integer(raw) {
			if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
				*v = n
				return nil
			}
		}
	case *bool:
		switch string(raw) {
		case "true":
			*v = true
			return nil
		case "false":
			*v = false
			return nil
		}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		r.i = at
		return r.fail(err.Error())
	}
	return nil
}

// integer tells whether a number is written as JSON writes an integer.
func integer(n []byte) bool {
	if len(n) > 0 && n[0] == '-' {
		n = n[1:]
	}
	if len(n) == 0 || (n[0] == '0' && len(n) > 1) {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// plain tells whether a string's text needs no unescaping or checking.
func plain(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c == '\\' || c == '"' || c >= 0x80 {
			return false
		}
	}
	return true
}

// checked passes over a value it checks is JSON, and returns it.
func (r *pageReader) checked() ([]byte, error) {
	at := r.i
	raw, err := r.skip()
	if err == nil && !json.Valid(raw) {
		r.i = at
		return nil, r.fail("a value that is not JSON")
	}
	return raw, err
}

// skip passes over one value and returns it. It finds where the value
// ends (strings, and brackets in balance), not whether it is valid JSON:
// its caller checks that.
func (r *pageReader) skip() ([]byte, error) {
	r.space()
	start := r.i
	if r.i == len(r.b) {
		return nil, r.fail("a value expected")
	}
	switch r.b[r.i] {
	case '"':
		if err := r.skipString(); err != nil {
			return nil, err
		}
	case '{', '[':
		// Brackets are counted up to the next string, which is passed
		// over whole: most of a change's bytes are in strings.
		depth := 0
		for {
			end := len(r.b)
			if q := bytes.IndexByte(r.b[r.i:], '"'); q >= 0 {
				end = r.i + q
			}
			for ; r.i < end; r.i++ {
				switch r.b[r.i] {
				case '{', '[':
					depth++
				case '}', ']':
					if depth--; depth == 0 {
						r.i++
						return r.b[start:r.i], nil
					}
				}
			}
			if end == len(r.b) {
				return nil, r.fail("the page ends inside a value")
			}
			if err := r.skipString(); err != nil {
				return nil, err
			}
		}
	default:
		for r.i < len(r.b) {
			c := r.b[r.i]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			r.i++
		}
	}
	return r.b[start:r.i], nil
}

// skipString passes over a string, the reader at its opening quote.
func (r *pageReader) skipString() error {
	at := r.i
	r.i++
	for {
		j := bytes.IndexByte(r.b[r.i:], '"')
		if j < 0 {
			r.i = at
			return r.fail("a string that does not end")
		}
		r.i += j + 1
		escapes := 0
		for k := r.i - 2; k > at && r.b[k] == '\\'; k-- {
			escapes++
		}
		if escapes%2 == 0 {
			return nil
		}
	}
}
