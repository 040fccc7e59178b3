package x12

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sharedDir is the shared domain folder beside the repository (or
// GROUPDESK_SHARED).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("GROUPDESK_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	return dir
}

// sharedFile reads a sample of the shared domain folder from its copy in
// testdata, so the tests run on any checkout.
func sharedFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The copies in testdata are the shared domain folder's samples, where
// that folder is beside the repository (or named by GROUPDESK_SHARED).
func TestTheSamplesInTestdataAreTheSharedOnes(t *testing.T) {
	for _, name := range []string{"sample_834_smallgroup.txt", "sample_820.txt"} {
		shared, err := os.ReadFile(filepath.Join(sharedDir(t), "domain", name))
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("the shared domain folder is not at %s", sharedDir(t))
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(shared, sharedFile(t, name)) {
			t.Errorf("testdata/%s differs from the shared domain folder's: copy it again", name)
		}
	}
}

// TestSample834 reads the validated small-group sample: the Garcia family
// added on an HMO family tier and the Nguyen termination.
func TestSample834(t *testing.T) {
	e, err := Read834(sharedFile(t, "sample_834_smallgroup.txt"))
	if err != nil {
		t.Fatalf("the shared 834 sample does not validate:\n%v", err)
	}
	if e.Action != ActionChange || e.PolicyNumber != "GRP123456" || e.FileEffective.String() != "2026-05-01" {
		t.Errorf("header = action %q, policy %q, effective %s", e.Action, e.PolicyNumber, e.FileEffective)
	}
	if e.Sponsor.Name != "ACME WIDGETS INC" || e.Payer.ID != "946543210" || e.Broker == nil || e.Broker.ID != "BRK7788" {
		t.Errorf("parties = %+v %+v %+v", e.Sponsor, e.Payer, e.Broker)
	}
	if len(e.Members) != 4 {
		t.Fatalf("%d members, want 4", len(e.Members))
	}
	maria, sofia, david := e.Members[0], e.Members[2], e.Members[3]
	if !maria.Subscriber || maria.Relationship != "18" || maria.Maintenance != MaintAdd || maria.SubscriberNumber != "100200300" ||
		maria.ID != "123456789" || maria.IDQual != "34" || maria.BirthDate.String() != "1985-02-14" || maria.Gender != "F" ||
		maria.Address.City != "OAKLAND" || maria.Email != "MARIA.GARCIA@EXAMPLE.COM" || maria.EmploymentBegin.String() != "2026-03-20" {
		t.Errorf("Maria = %+v", maria)
	}
	if len(maria.Coverages) != 1 || maria.Coverages[0].Plan != "GOLD 80 HMO" || maria.Coverages[0].Level != "FAM" || maria.Coverages[0].Begin.String() != "2026-05-01" {
		t.Errorf("Maria's coverage = %+v", maria.Coverages)
	}
	if sofia.Subscriber || sofia.Relationship != "19" || sofia.SubscriberNumber != "100200300" || sofia.ID != "" {
		t.Errorf("Sofia = %+v", sofia)
	}
	if david.Maintenance != MaintTerm || david.Reason != "08" || david.EmploymentStatus != "TE" || david.EligibilityEnd.String() != "2026-04-30" ||
		len(david.Coverages) != 1 || david.Coverages[0].Maintenance != MaintTerm || david.Coverages[0].End.String() != "2026-04-30" {
		t.Errorf("David = %+v", david)
	}
}

// TestSample820 reads the validated summary-bill 820.
func TestSample820(t *testing.T) {
	p, err := Read820(sharedFile(t, "sample_820.txt"))
	if err != nil {
		t.Fatalf("the shared 820 sample does not validate:\n%v", err)
	}
	if p.Handling != "C" || p.Amount != 154337 || p.Method != "ACH" || p.PayerRouting != "121000358" || p.EffectiveOn.String() != "2026-05-01" {
		t.Errorf("BPR = %+v", p)
	}
	if p.Trace != "PAY20260501001" || p.AccountRef != "GRP123456" || p.Receiver.Name != "EXAMPLE HEALTH PLAN" || p.Payer.ID != "941234567" {
		t.Errorf("TRN/REF/N1 = %+v", p)
	}
	if p.Summary == nil || p.Summary.Invoice != "INV202605001" || p.Summary.Paid != 154337 || p.Summary.Members != 4 ||
		p.Summary.From.String() != "2026-05-01" || p.Summary.To.String() != "2026-05-31" {
		t.Errorf("summary = %+v", p.Summary)
	}
}

// TestDomainSamples reads every full interchange quoted in DOMAIN.md §4–5
// (the EdiFabric enrollment, the LinuxForHealth dependent, the pyx12
// family and ours) and checks each validates.
func TestDomainSamples(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "DOMAIN.md"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("the shared folder is not at %s", sharedDir(t))
	}
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```\n(ISA\\*.*?)```").FindAllStringSubmatch(string(b), -1)
	n834, n820 := 0, 0
	for i, m := range blocks {
		data := []byte(m[1])
		switch {
		case strings.Contains(m[1], "ST*834*"):
			n834++
			if _, err := Read834(data); err != nil {
				t.Errorf("834 block %d does not validate:\n%v", i, err)
			}
		case strings.Contains(m[1], "ST*820*"):
			n820++
			if _, err := Read820(data); err != nil {
				t.Errorf("820 block %d does not validate:\n%v", i, err)
			}
		}
	}
	if n834 < 4 || n820 < 1 {
		t.Errorf("found %d 834 and %d 820 interchanges in DOMAIN.md, want at least 4 and 1", n834, n820)
	}
}
