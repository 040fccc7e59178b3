package client

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/sync/api"
)

// samePage checks decodePage against json.Unmarshal on one text: where
// encoding/json reads a page, decodePage reads the same page; where it
// refuses one, so does decodePage, unless only a member's data is wrong
// (the store refuses that as it decodes the member).
func samePage(t *testing.T, text string) {
	t.Helper()
	var want, got api.ChangesPage
	wantErr := json.Unmarshal([]byte(text), &want)
	gotErr := decodePage([]byte(text), &got)
	switch {
	case wantErr == nil && gotErr != nil:
		t.Errorf("%.80q: %v; encoding/json reads it", text, gotErr)
	case wantErr == nil && !reflect.DeepEqual(got, want):
		t.Errorf("%.80q:\n got %+v\nwant %+v", text, got, want)
	case wantErr != nil && gotErr == nil && !strings.Contains(text, `"member"`):
		t.Errorf("%.80q: read; encoding/json refuses it: %v", text, wantErr)
	}
}

var pageTexts = []string{
	`{"changes":[],"cursor":"c1","has_more":false}`,
	`{"changes":[{"seq":7,"entity":"member","id":"m1","group_id":"g1","version":2,"at":"2026-11-29T09:00:00Z","data":{"id":"m1","first_name":"Zoë","address":{"line1":"1 \"Main\" St ]}"}}}],"cursor":"eyJwIjo3fQ","has_more":true}` + "\n",
	` { "changes" : [ { "seq" : 1 , "entity" : "group" , "id" : "g1" , "data" : [1, {"a": "}"}] } ] , "has_more" : true , "cursor" : "x" } `,
	`{"Changes":[{"SEQ":3,"Entity":"grant","ID":"x","Deleted":true,"Reason":"access revoked","data":null}],"CURSOR":"c"}`,
	`{"changes":[{"entity":"group","id":"caf\u00e9","group_id":"a\\b","data":{}}],"cursor":"\u0041","extra":{"x":[1,2,{"y":null}]},"has_more":false}`,
	`{"changes":null,"cursor":null,"has_more":null}`,
	`{"changes":[null,{"seq":-0,"version":0}],"cursor":"c"}`,
	`{"changes":[{"seq":1,"seq":2,"id":"a","id":"b"}],"cursor":"a","cursor":"b"}`,
	`{"changes":[{"seq":9223372036854775807,"version":-9223372036854775808}]}`,
	`null`,
	`{}`,
	// Refused, by both.
	``,
	`{`,
	`{"changes":[`,
	`{"changes":[}`,
	`{"changes":[{"seq":1}]`,
	`{"changes":[{"seq":1},]}`,
	`{"changes":[{"seq":01}]}`,
	`{"changes":[{"seq":+1}]}`,
	`{"changes":[{"seq":1.5}]}`,
	`{"changes":[{"seq":"1"}]}`,
	`{"changes":[{"seq":9223372036854775808}]}`,
	`{"changes":[{"deleted":"yes"}]}`,
	`{"changes":[{"entity":"group","data":{"a":}}]}`,
	`{"changes":[{"entity":"group","data":{"a":1]}}]}`,
	`{"changes":[{"id":"unterminated}]}`,
	`{"changes":[{"at":"yesterday"}]}`,
	`{"changes":[],"cursor":"c"} trailing`,
	`{"changes":[],"cursor":"c","has_more":tru}`,
	`{"changes":[],"other":[1,2}`,
	`{"changes":[{"id":"a` + "\x01" + `b"}]}`,
	`{"changes":{}}`,
	`[]`,
	`{"changes":[],"cursor":"c",}`,
	`{changes:[]}`,
	`{"changes" []}`,
}

func TestDecodePageReadsWhatEncodingJSONReads(t *testing.T) {
	for _, text := range pageTexts {
		samePage(t, text)
	}
}

// A page that is not JSON says where it goes wrong.
func TestDecodePageSaysWhereAPageGoesWrong(t *testing.T) {
	var page api.ChangesPage
	err := decodePage([]byte(`{"changes":[{"seq":1},{"seq":x}]}`), &page)
	if err == nil || !strings.Contains(err.Error(), "at byte 29") {
		t.Fatalf("%v, want an error at byte 29 (the x)", err)
	}
}

func FuzzDecodePage(f *testing.F) {
	for _, text := range pageTexts {
		f.Add(text)
	}
	f.Fuzz(samePage)
}
