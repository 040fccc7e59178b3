package x12

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// seed834 is a small 834 written by GroupDesk: a family and a termination.
func seed834(t testing.TB) []byte {
	t.Helper()
	e := &Enrollment{Purpose: "00", Reference: "GRP1-1", Created: time.Date(2026, 4, 15, 9, 30, 0, 0, time.UTC), Action: ActionVerify,
		PolicyNumber: "GRP1", FileEffective: model.MustDate("2026-05-01"), Sponsor: Party{"Peña Bakery", "FI", "941234567"},
		Payer: Party{"Example Health Plan", "FI", "946543210"}, Broker: &Party{"Best Benefits", "94", "BRK1"},
		Members: []EnrolledMember{
			{Subscriber: true, Relationship: "18", Maintenance: MaintAuditCompare, Reason: "XN", BenefitStatus: "A", EmploymentStatus: "FT",
				SubscriberNumber: "E1", GroupNumber: "GRP1", EligibilityBegin: model.MustDate("2026-01-01"), Last: "Núñez", First: "Ana", IDQual: "ZZ", ID: "m1",
				Phone: "5105551234", Email: "ana@example.com", Address: model.Address{Line1: "1 Main St", City: "Oakland", State: "CA", ZIP: "94612"},
				BirthDate: model.MustDate("1985-02-14"), Gender: "F", Tobacco: "N",
				Coverages: []Coverage{{Maintenance: MaintAuditCompare, Line: "HMO", Plan: "GOLD-80", Level: "ECH", Begin: model.MustDate("2026-01-01")}}},
			{Relationship: "19", Maintenance: MaintAuditCompare, Reason: "XN", BenefitStatus: "A", SubscriberNumber: "E1", Last: "Núñez", First: "Leo",
				IDQual: "ZZ", ID: "m2", BirthDate: model.MustDate("2015-06-07"), Gender: "M",
				Coverages: []Coverage{{Maintenance: MaintAuditCompare, Line: "HMO", Plan: "GOLD-80", Level: "ECH", Begin: model.MustDate("2026-01-01"), End: model.MustDate("2026-12-31")}}},
		}}
	var buf bytes.Buffer
	if err := Write834(&buf, Envelope{SenderID: "GRP1", ReceiverID: "EXAMPLEHP", Control: 12, Created: e.Created}, e); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSeed834Validates: GroupDesk's own small file reads back as written.
func TestSeed834Validates(t *testing.T) {
	e, err := Read834(seed834(t))
	if err != nil {
		t.Fatal(err)
	}
	fams := e.Families()
	if len(fams) != 1 || len(fams[0]) != 2 || fams[0][0].LastName != "NUNEZ" || fams[0][1].Relationship != model.RelChild ||
		fams[0][1].Termination.String() != "2026-12-31" || fams[0][0].Tier != model.TierEC || fams[0][0].ID != "M1" || e.Employees != 1 || e.Dependents != 1 {
		t.Errorf("read back %+v", fams)
	}
	// the control totals must count the member loops
	bad := bytes.Replace(seed834(t), []byte("QTY*DT*1~"), []byte("QTY*DT*2~"), 1)
	for _, err := range []error{Validate834(bad), func() error { _, err := Read834(bad); return err }()} {
		if err == nil || !strings.Contains(err.Error(), "segment 8 (QTY): QTY*DT says 2 dependents; the file has 1") {
			t.Errorf("a wrong dependent total: %v", err)
		}
	}
}

// FuzzParse834 feeds the readers anything: they must never panic, and a
// file the 834 reader accepts must write back as a file it accepts again.
// The seeds are GroupDesk's own file and the shared samples (and halves
// of them).
func FuzzParse834(f *testing.F) {
	f.Add(seed834(f))
	for _, name := range []string{"sample_834_smallgroup.txt", "sample_820.txt"} {
		b := sharedFile(f, name)
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte("ISA*00*"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse(data)
		_, _ = Read820(data)
		e, err := Read834(data)
		if err != nil {
			if es, ok := err.(Errors); ok && len(es) == 0 {
				t.Fatal("an empty list of errors")
			}
			return
		}
		var buf bytes.Buffer
		if err := Write834(&buf, Envelope{SenderID: "FUZZ", ReceiverID: "FUZZ", Control: 1, Created: e.Created}, e); err != nil {
			t.Fatal(err)
		}
		if _, err := Read834(buf.Bytes()); err != nil {
			t.Fatalf("a file read without error wrote back as one that does not validate:\n%v\n%s", err, buf.Bytes())
		}
	})
}
