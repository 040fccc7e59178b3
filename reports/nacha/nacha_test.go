package nacha_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/nacha"
)

var carrier = nacha.Originator{Destination: "026009593", DestinationName: "Example Bank", Origin: "1946543210",
	OriginName: "Example Health Plan", CompanyName: "Example Health", CompanyID: "1946543210", Description: "PREMIUM"}

func TestTheEntryHashAddsTheRoutingNumbersWithoutCheckDigits(t *testing.T) {
	for _, tc := range []struct {
		name     string
		routings []string
		want     int64
	}{
		{"one bank: its first eight digits", []string{"121000358"}, 12100035},
		// 12100035 + 2600959 + 11100002 = 25800996
		{"three banks add up", []string{"121000358", "026009593", "111000025"}, 25800996},
		// 2,000 × 7,640,125 = 15,280,250,000: eleven digits, the last ten kept
		{"a sum over ten digits keeps its last ten", repeat("076401251", 2000), 5280250000},
		{"no entries hash to zero", nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nacha.EntryHash(tc.routings); got != tc.want {
				t.Fatalf("hash %d, want %d", got, tc.want)
			}
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestTheDaysDebitsAreAValidNACHAFile(t *testing.T) {
	for _, n := range []int{1, 3, 6, 7, 17} {
		t.Run(fmt.Sprintf("%d debits", n), func(t *testing.T) {
			entries := debits(n)
			var b bytes.Buffer
			created := time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
			if err := nacha.Write(&b, carrier, created, model.MustDate("2026-11-20"), entries); err != nil {
				t.Fatal(err)
			}
			if err := checkFile(b.String(), entries); err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
		})
	}
}

func debits(n int) []nacha.Entry {
	banks := []string{"121000358", "021000021", "111000025", "076401251"}
	out := make([]nacha.Entry, n)
	for i := range out {
		out[i] = nacha.Entry{Routing: banks[i%len(banks)], Account: fmt.Sprintf("%d", 1000123+i*7919), Type: model.Checking,
			Amount: model.Money(123456 + i*1001), ID: fmt.Sprintf("GRP-%06d", i), Name: "Łódź Bakery & Café LLC"}
		if i%3 == 2 {
			out[i].Type = model.Savings
		}
	}
	return out
}

// checkFile is an independent reader of the file: record lengths and
// order, each entry as written, the counts, hash and totals of both
// control records, and the filler.
func checkFile(file string, entries []nacha.Entry) error {
	lines := strings.Split(strings.TrimSuffix(file, "\n"), "\n")
	for i, l := range lines {
		if len(l) != 94 {
			return fmt.Errorf("record %d has %d characters", i+1, len(l))
		}
	}
	if len(lines)%10 != 0 {
		return fmt.Errorf("%d records: not whole blocks of ten", len(lines))
	}
	real := 4 + len(entries)
	for _, l := range lines[real:] {
		if l != strings.Repeat("9", 94) {
			return fmt.Errorf("a filler record is %q", l)
		}
	}
	types := ""
	for _, l := range lines[:real] {
		types += l[:1]
	}
	if types != "15"+strings.Repeat("6", len(entries))+"89" {
		return fmt.Errorf("record types %s", types)
	}
	h := lines[0]
	if h[1:3] != "01" || h[3:13] != " 026009593" || h[34:37] != "094" || h[37:39] != "10" || h[39:40] != "1" {
		return fmt.Errorf("file header %q", h)
	}
	if b := lines[1]; b[1:4] != "225" || b[50:53] != "CCD" || b[53:63] != "PREMIUM   " || b[69:75] != "261120" || b[79:87] != "02600959" {
		return fmt.Errorf("batch header %q", b)
	}
	var hash, total int64
	for i, e := range entries {
		l := lines[2+i]
		code := map[model.AccountType]string{model.Checking: "27", model.Savings: "37"}[e.Type]
		amount, _ := strconv.ParseInt(l[29:39], 10, 64)
		if l[1:3] != code || l[3:12] != e.Routing || strings.TrimSpace(l[12:29]) != e.Account || amount != int64(e.Amount) ||
			l[54:76] != "LODZ BAKERY AND CAFE L" || l[78:79] != "0" || l[79:94] != fmt.Sprintf("02600959%07d", i+1) {
			return fmt.Errorf("entry %d %q", i+1, l)
		}
		r, _ := strconv.ParseInt(l[3:11], 10, 64)
		hash, total = hash+r, total+amount
	}
	hash %= 10_000_000_000
	bc, fc := lines[real-2], lines[real-1]
	want := fmt.Sprintf("%06d%010d%012d%012d", len(entries), hash, total, 0)
	if bc[1:4] != "225" || bc[4:44] != want || bc[44:54] != "1946543210" || bc[79:87] != "02600959" {
		return fmt.Errorf("batch control %q, want counts %s", bc, want)
	}
	blocks := (real + 9) / 10
	if fc[1:55] != fmt.Sprintf("%06d%06d%08d%010d%012d%012d", 1, blocks, len(entries), hash, total, 0) || strings.TrimSpace(fc[55:]) != "" {
		return fmt.Errorf("file control %q", fc)
	}
	return nil
}

func TestAFileIsNotWrittenWithARoutingNumberTheBankWouldReturn(t *testing.T) {
	e := debits(1)
	e[0].Routing = "121000359"
	if err := nacha.Write(&bytes.Buffer{}, carrier, time.Now(), model.MustDate("2026-11-20"), e); err == nil {
		t.Fatal("a debit with a bad routing number was written")
	}
}
