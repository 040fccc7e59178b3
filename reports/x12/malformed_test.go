package x12

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// sampleLines is the shared 834 sample, a segment a line: line i is
// segment i+1.
func sampleLines(t *testing.T) []string {
	t.Helper()
	return strings.Split(strings.TrimRight(string(sharedFile(t, "sample_834_smallgroup.txt")), "\n"), "\n")
}

// TestMalformed834 breaks the sample one way at a time and checks the
// error names the segment at fault and says what is wrong.
func TestMalformed834(t *testing.T) {
	replace := func(seg int, old, new string) func([]string) []string {
		return func(l []string) []string {
			if !strings.Contains(l[seg-1], old) {
				t.Fatalf("segment %d %q has no %q", seg, l[seg-1], old)
			}
			l[seg-1] = strings.Replace(l[seg-1], old, new, 1)
			return l
		}
	}
	cases := []struct {
		name   string
		break_ func([]string) []string
		want   []string // each in the error
	}{
		{"elements separated by another character", replace(2, "GS*BE*", "GS|BE|"), []string{"segment 2:", `"GS|BE|`, "not a segment ID"}},
		{"the ISA declares another separator", func(l []string) []string {
			l[0] = strings.ReplaceAll(l[0], "*", "|")
			return l
		}, []string{"segment 2:", "not a segment ID", `'|'`}},
		{"segments not terminated", func(l []string) []string {
			for i := 1; i < len(l); i++ {
				l[i] = strings.TrimSuffix(l[i], "~")
			}
			return l
		}, []string{"segment 2:", "ends inside a segment"}},
		{"a letter as the component separator", replace(1, "*:~", "*A~"), []string{"segment 1 (ISA):", "cannot be a separator"}},
		{"the ISA padded wrong", replace(1, "ACMEWIDGETS    ", "ACMEWIDGETS "), []string{"segment 1 (ISA):", "105"}},
		{"cut off inside a segment", func(l []string) []string {
			l = l[:30]
			l[29] = strings.TrimSuffix(l[29], "~")
			return l
		}, []string{"segment 30:", "ends inside a segment"}},
		{"cut off between segments", func(l []string) []string { return l[:30] }, []string{"segment 30 (INS):", "without its IEA"}},
		{"SE01 one short", replace(47, "SE*45*", "SE*44*"), []string{"segment 47 (SE):", `SE01 says "44"`, "has 45"}},
		{"SE02 not ST02", replace(47, "*0001~", "*0002~"), []string{"segment 47 (SE):", "does not match ST02"}},
		{"GE01 counts two sets", replace(48, "GE*1*", "GE*2*"), []string{"segment 48 (GE):", `GE01 says "2"`}},
		{"GE02 not GS06", replace(48, "*101~", "*102~"), []string{"segment 48 (GE):", "GS06"}},
		{"IEA02 not ISA13", replace(49, "000000101", "000000102"), []string{"segment 49 (IEA):", "ISA13"}},
		{"IEA01 counts two groups", replace(49, "IEA*1*", "IEA*2*"), []string{"segment 49 (IEA):", `IEA01 says "2"`}},
		{"ST03 not GS08", replace(3, "005010X220A1", "005010X220"), []string{"segment 3 (ST):", "GS08"}},
		{"an unknown coverage level", replace(20, "*FAM~", "*XXX~"), []string{"segment 20 (HD):", `"XXX" is not a valid code for the coverage level code (HD05)`}},
		{"an unknown relationship", replace(22, "INS*N*01*", "INS*N*99*"), []string{"segment 22 (INS):", `"99" is not a valid code for the individual relationship code`}},
		{"an unknown maintenance type", replace(10, "*021*", "*022*"), []string{"segment 10 (INS):", `"022" is not a valid code for the maintenance type code`}},
		{"a date qualifier outside the 5010 list", replace(21, "DTP*348*", "DTP*358*"), []string{"segment 21 (DTP):", `"358"`}},
		{"an unknown gender", replace(19, "*F*M~", "*Q*M~"), []string{"segment 19 (DMG):", `"Q" is not a valid code for the gender code`}},
		{"an impossible date", replace(19, "19850214", "19850231"), []string{"segment 19 (DMG):", "not a date"}},
		{"a subscriber who is a child", replace(10, "INS*Y*18*", "INS*Y*19*"), []string{"segment 10 (INS):", "relationship 18"}},
		{"an unknown segment", replace(16, "PER*IP", "XYZ*IP"), []string{"segment 16 (XYZ):", "not a segment of the 834"}},
		{"no subscriber identifier", func(l []string) []string {
			l = append(l[:10:10], l[11:]...) // drop REF*0F of the first member
			l[45] = "SE*44*0001~"
			return l
		}, []string{"segment 10 (INS):", "no REF*0F"}},
		{"a coverage without its date", func(l []string) []string {
			l = append(l[:20:20], l[21:]...) // drop DTP*348 of the first HD
			l[45] = "SE*44*0001~"
			return l
		}, []string{"segment 20 (HD):", "no DTP coverage date"}},
		{"no payer", func(l []string) []string {
			l = append(l[:7:7], l[8:]...)
			l[45] = "SE*44*0001~"
			return l
		}, []string{"segment 9 (INS):", "N1*IN payer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := c.break_(sampleLines(t))
			data := []byte(strings.Join(lines, "\n") + "\n")
			_, err := Read834(data)
			if err == nil {
				t.Fatal("the broken file was read without an error")
			}
			if v := Validate834(data); v == nil || v.Error() != err.Error() {
				t.Errorf("Validate834 says %v; Read834 %v", v, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
			var one *Error
			var many Errors
			if !errors.As(err, &one) && !(errors.As(err, &many) && many.First().Pos > 0) {
				t.Errorf("the error names no segment: %T %v", err, err)
			}
		})
	}
}

// TestEmptyAndForeignFiles: an empty file, a file that is not X12, an 820
// read as an 834 and the other way round.
func TestEmptyAndForeignFiles(t *testing.T) {
	if _, err := Read834(nil); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("an empty file: %v", err)
	}
	if _, err := Read834([]byte("Employee ID,First name\n1,Ana\n")); err == nil || !strings.Contains(err.Error(), "segment 1: an X12 file starts with an ISA") {
		t.Errorf("a CSV file: %v", err)
	}
	if _, err := Read834(sharedFile(t, "sample_820.txt")); err == nil || !strings.Contains(err.Error(), "segment 2 (GS)") {
		t.Errorf("an 820 read as an 834: %v", err)
	}
	if _, err := Read820(sharedFile(t, "sample_834_smallgroup.txt")); err == nil || !strings.Contains(err.Error(), "not an 820") {
		t.Errorf("an 834 read as an 820: %v", err)
	}
}

// TestMalformed820 checks the 820's own rules: the payment equals the
// remittances, the routing numbers pass their check digit, the codes.
func TestMalformed820(t *testing.T) {
	base := string(sharedFile(t, "sample_820.txt"))
	cases := []struct{ old, new, want string }{
		{"RMR*IK*INV202605001*PI*1543.37*", "RMR*IK*INV202605001*PI*1543.36*", "segment 4 (BPR): BPR02 1543.37 does not equal the remittances paid (RMR04) 1543.36"},
		{"*121000358*", "*121000359*", "segment 4 (BPR): the routing number 121000359 fails its check digit"},
		{"BPR*C*", "BPR*Z*", `segment 4 (BPR): "Z" is not a valid code for the transaction handling code`},
		{"SLN*1**O*4*IE~", "SLN*1**O*4~", "segment 14 (SLN): SLN05"},
		{"DTM*582****RD8*20260501-20260531~\nN1", "DTM*582****RD8*20260531-20260501~\nN1", "segment 7 (DTM)"},
	}
	for _, c := range cases {
		if !strings.Contains(base, c.old) {
			t.Fatalf("the sample has no %q", c.old)
		}
		_, err := Read820([]byte(strings.Replace(base, c.old, c.new, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q: error %v, want %q", c.old, c.new, err, c.want)
		}
	}
}

// TestWrite820Amounts: amounts are written as dollars and cents without
// trailing zeros, and read back to the cent.
func TestWrite820Amounts(t *testing.T) {
	for _, c := range []struct {
		m    model.Money
		want string
	}{{154337, "1543.37"}, {25500, "255"}, {150, "1.5"}, {5, "0.05"}, {-1010, "-10.1"}} {
		if got := amount(c.m); got != c.want {
			t.Errorf("amount(%d) = %q, want %q", c.m, got, c.want)
		}
		if back, ok := parseAmount(c.want); !ok || back != c.m {
			t.Errorf("parseAmount(%q) = %d %v", c.want, back, ok)
		}
	}
	for _, bad := range []string{"", "1.234", "12a", ".", "1,000"} {
		if _, ok := parseAmount(bad); ok {
			t.Errorf("parseAmount(%q) accepted", bad)
		}
	}
	// A per-member 820 written and read back.
	p := &Remittance{Handling: "I", Amount: 70000, Method: "NON", EffectiveOn: model.MustDate("2026-05-01"), Trace: "T1", TraceOriginator: "1941234567",
		Receiver: Party{Name: "Example Health Plan", IDQual: "FI", ID: "946543210"}, Payer: Party{Name: "Peña Bakery", IDQual: "FI", ID: "941234567"},
		Members: []MemberRemittance{{EmployeeID: "E1", Last: "Núñez", First: "Ana", Invoice: "INV1", Paid: 45000, Billed: 45000},
			{EmployeeID: "E2", Last: "Lee", First: "Bo", Invoice: "INV1", Paid: 25000, Billed: 25000}}}
	var buf bytes.Buffer
	if err := Write820(&buf, Envelope{SenderID: "GRP1", ReceiverID: "PCHP", Control: 5, Created: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}, p); err != nil {
		t.Fatal(err)
	}
	r, err := Read820(buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(r.Members) != 2 || r.Members[0].Last != "NUNEZ" || r.Members[1].Paid != 25000 || r.Payer.Name != "PENA BAKERY" {
		t.Errorf("read back %+v", r)
	}
}
