package contract_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/demo"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/contract"
)

var (
	today    = model.MustDate("2026-11-28")
	prepared = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
)

func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/install-deps.sh test installs it)", tool)
		}
	}
}

// written writes the contract to a file through WriteFile and checks its
// structure with qpdf.
func written(t *testing.T, c *contract.Contract) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "contract.pdf")
	if err := contract.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	return path
}

// pageText is pdftotext's reading of pages from first to last (0: to the end).
func pageText(t *testing.T, path string, first, last int) string {
	t.Helper()
	args := []string{"-layout", "-f", strconv.Itoa(first)}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pageCount(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo names no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// demoContract is the current contract of a group of the demo book: its
// plans with the carrier's rates, terms and signatories.
func demoContract(t *testing.T) *contract.Contract {
	t.Helper()
	book := demo.Generate(demo.Options{Seed: 3, People: 600, Groups: 4, Today: today})
	all := demo.Contracts(demo.Options{Today: today}, book)
	for _, g := range book.Groups {
		var mine []model.Contract
		for _, c := range all {
			if c.GroupID == g.ID {
				mine = append(mine, c)
			}
		}
		cur, ok := model.CurrentContract(mine, today)
		if ok && len(cur.Plans) >= 2 {
			return &contract.Contract{Group: g, Contract: &cur, Prepared: prepared}
		}
	}
	t.Fatal("no group of the demo book has a contract with two plans")
	return nil
}

func TestTheContractPDFNamesTheGroupEveryPlanEveryRateAndTheSignatories(t *testing.T) {
	needTools(t)
	c := demoContract(t)
	path := written(t, c)
	text := pageText(t, path, 1, 0)
	want := []string{c.Group.Name, c.Group.Number, "Zoë Łukasiewicz", "Vice President, Employer Group Contracts",
		"Plans and rates in force", "Employer contribution", "Signatures", "Terms", "Page 2 of"}
	for _, p := range c.Contract.Plans {
		want = append(want, p.Name, p.PlanID)
		rates := contract.Rates(p)
		if len(rates) == 0 {
			t.Fatalf("plan %s has no rate", p.Name)
		}
		for _, r := range rates {
			want = append(want, r[0]+" ", r[1])
			// The rate on its plan's row, not just somewhere in the file.
			if !regexp.MustCompile(regexp.QuoteMeta(r[0]) + `\s+` + regexp.QuoteMeta(r[1])).MatchString(text) {
				t.Errorf("no row reads %q then %q", r[0], r[1])
			}
		}
	}
	for _, term := range c.Contract.Terms {
		want = append(want, term.Heading)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	cover := pageText(t, path, 1, 1)
	if !strings.Contains(cover, "GROUP HEALTH PLAN AGREEMENT") || strings.Contains(cover, "Contract of ") {
		t.Errorf("page 1 is not a cover page without the running header:\n%s", cover)
	}
	second := pageText(t, path, 2, 2)
	if !strings.Contains(second, "Contract of "+c.Group.Name+" with "+demo.CarrierName) || !strings.Contains(second, "Prepared with GroupDesk on November 28, 2026") {
		t.Errorf("page 2 lacks its running header or footer:\n%s", second)
	}
}

// manyPlans is a contract of n composite-rated plans, four rates each.
func manyPlans(n int) *contract.Contract {
	g := model.Group{ID: "g1", Number: "G-104233", Name: "Żółć & Søn Bäckerei, Inc."}
	k := model.Contract{ID: "g1-contract-3", GroupID: g.ID, Number: 3, Kind: model.ContractRenewal, Carrier: demo.CarrierName,
		Starts: model.MustDate("2026-01-01"), Contribution: model.DefaultContribution,
		Signatories: []model.Signatory{{Party: "Carrier", Name: "Zoë Łukasiewicz", Title: "Vice President", SignedOn: model.MustDate("2025-12-01")}}}
	for i := range n {
		p := model.ContractPlan{PlanID: fmt.Sprintf("PC-%04d", i+1), Name: fmt.Sprintf("Crest Gold %d PPO", i+1), Type: model.PlanPPO,
			Metal: model.MetalGold, Method: model.RatingComposite, TierRates: map[model.Tier]model.Money{}}
		for j, tier := range model.Tiers {
			p.TierRates[tier] = model.Money(40000 + i*100 + j*25000 + 7)
		}
		k.Plans = append(k.Plans, p)
	}
	return &contract.Contract{Group: g, Contract: &k, Prepared: prepared}
}

func TestAContractOf200PlansSpansPagesWithTheTableHeaderOnEach(t *testing.T) {
	needTools(t)
	c := manyPlans(200)
	path := written(t, c)
	pages := pageCount(t, path)
	if pages < 10 {
		t.Fatalf("800 rates fit on %d pages", pages)
	}
	text := pageText(t, path, 1, 0)
	if !strings.Contains(text, fmt.Sprintf("Page %d of %d", pages, pages)) {
		t.Errorf("the last page is not numbered %d of %d", pages, pages)
	}
	tablePages := 0
	for n := 2; n <= pages; n++ {
		page := pageText(t, path, n, n)
		if !strings.Contains(page, "PC-") {
			continue
		}
		tablePages++
		header := regexp.MustCompile(`Plan code\s+Plan\s+Type\s+Rate\s+Monthly`).FindStringIndex(page)
		first := strings.Index(page, "PC-")
		if header == nil || header[0] > first {
			t.Errorf("page %d lists plans without the table header above them:\n%s", n, page)
		}
		if !strings.Contains(page, c.Group.Name) {
			t.Errorf("page %d lacks the running header naming the group", n)
		}
		// The first row under the header names its plan, even when the
		// plan's rates began on the page before.
		if row := page[header[1]:]; !regexp.MustCompile(`^\s*PC-\d{4}\s+Crest Gold \d+ PPO`).MatchString(row) {
			t.Errorf("page %d's first row does not name its plan:\n%s", n, row[:min(200, len(row))])
		}
	}
	if !strings.Contains(text, "PPO (continued)") {
		t.Error("no plan split over two pages is named again as continued")
	}
	if tablePages < 10 {
		t.Errorf("the table runs over %d pages, want 10 or more", tablePages)
	}
	for _, i := range []int{0, 99, 199} {
		p := c.Contract.Plans[i]
		if !strings.Contains(text, p.Name) || !strings.Contains(text, p.TierRates[model.TierFAM].String()) {
			t.Errorf("plan %s or its family rate %s is missing", p.Name, p.TierRates[model.TierFAM])
		}
	}
}

func TestAContractIsWrittenOnlyAsAPDF(t *testing.T) {
	c := manyPlans(3)
	dir := t.TempDir()
	err := contract.WriteFile(filepath.Join(dir, "contract.xlsx"), c)
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(model.ErrorMessage(err), "contract.xlsx") {
		t.Errorf("writing a .xlsx: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a refused export left %d files", len(left))
	}
	var buf bytes.Buffer
	if err := contract.WritePDF(&buf, c); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Errorf("WritePDF: %v, %q", err, buf.Bytes()[:min(8, buf.Len())])
	}
}
