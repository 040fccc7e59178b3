package renewal_test

import (
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/renewal"
	"github.com/xuri/excelize/v2"
)

var renewsOn = model.MustDate("2027-02-01")

func plan(id, name string, base model.Money, successor string) model.Plan {
	return model.Plan{ID: id, Name: name, Type: model.PlanHMO, Metal: model.MetalGold, Successor: successor,
		Benefits: model.Benefits{Network: "Signature HMO", DeductibleSingle: 150000, SpecialistCopay: 6500},
		Rating:   model.Rating{Method: model.RatingAge, Curve: "federal-2018", BaseRates: map[string]model.Money{"CA-01": base}}}
}

// testComparison is Łódź Dental's renewal: Zoë on gold (trended 6.5%),
// Łukasz Müller and his four children on a discontinued bronze plan; the
// youngest is not charged today, and is once the eldest turns 21.
func testComparison(t *testing.T) *renewal.Comparison {
	t.Helper()
	cat := &model.Catalog{Plans: []model.Plan{plan("GOLD", "Gold 80 HMO", 50000, ""), plan("OLD", "Bronze 60 HMO", 30000, "NEW"),
		plan("NEW", "Bronze 60 HDHP", 28000, "")}}
	g := model.Group{ID: "g", Number: "GRP-1", Name: "Łódź Dental Group", Segment: model.SegmentSmall, RatingArea: "CA-01",
		EffectiveDate: model.MustDate("2020-02-01"), RenewalDate: renewsOn, Address: model.Address{State: "CA"}}
	m := func(id, sub, first string, rel model.Relationship, born, plan string) model.Member {
		return model.Member{ID: id, GroupID: "g", SubscriberID: sub, Relationship: rel, FirstName: first, LastName: "Müller",
			DateOfBirth: model.MustDate(born), PlanID: plan, Status: model.StatusActive, Effective: model.MustDate("2020-02-01")}
	}
	fams := [][]model.Member{{m("z", "", "Zoë", model.RelEmployee, "1963-01-15", "GOLD")},
		{m("l", "", "Łukasz", model.RelEmployee, "1980-07-01", "OLD"), m("n", "l", "Nguyễn", model.RelChild, "2006-01-20", "OLD"),
			m("a", "l", "Ana", model.RelChild, "2010-03-03", "OLD"), m("b", "l", "Bo", model.RelChild, "2012-04-04", "OLD"),
			m("c", "l", "Cy", model.RelChild, "2014-05-05", "OLD")}}
	r, err := model.NewRenewal(model.OfferInput{Group: g, Setting: model.DefaultRenewalSetting, Catalog: cat,
		Rates: []model.RenewalRate{model.TrendRates(&cat.Plans[0], renewsOn, 10650)}, Families: fams,
		Today: model.MustDate("2026-11-18"), At: time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC), By: "Account service"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := renewal.New(g, &r, fams, nil, model.MustDate("2026-12-01"), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTheRenewalPDFShowsThePlansTheirChangeAndEveryMember(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	c := testComparison(t)
	path := filepath.Join(t.TempDir(), "renewal.pdf")
	if err := renewal.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Renewal of Łódź Dental Group, effective 02/01/2027", "Bronze 60 HDHP (successor)",
		c.Review.Current.String(), c.Review.Renewal.String(), model.ChangePercent(c.Review.Current, c.Review.Renewal),
		"Nguyễn Müller", "20 → 21", "63 → 64", "answer by 01/10/2027, 40 days left", "not charged", "Status history", "Deductible"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestTheRenewalWorkbookKeepsAmountsAsNumbers(t *testing.T) {
	c := testComparison(t)
	path := filepath.Join(t.TempDir(), "renewal.xlsx")
	if err := renewal.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []string{"Summary", "Plans", "Benefit changes", "Side by side", "Members"}
	if got := x.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	total, err := x.GetCellValue("Plans", "I4", excelize.Options{RawCellValue: true})
	if err != nil || total != c.Review.Renewal.Decimal() && total+"0" != c.Review.Renewal.Decimal() {
		t.Fatalf("the renewal total cell holds %q (%v), want the number %s", total, err, c.Review.Renewal.Decimal())
	}
	if v, _ := x.GetCellValue("Members", "A3"); v != "Łukasz Müller" {
		t.Fatalf("Members A3 = %q", v)
	}
	for _, sheet := range want { // the used range, for streaming readers
		if d, _ := x.GetSheetDimension(sheet); d == "A1" || d == "" {
			t.Errorf("sheet %s records its used range as %q", sheet, d)
		}
	}
}

func TestARenewalFileIsAPDFOrAWorkbook(t *testing.T) {
	err := renewal.WriteFile(filepath.Join(t.TempDir(), "renewal.docx"), testComparison(t))
	if model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("a .docx: %v", err)
	}
}

// The renewal PDF carries the renewal change by plan as a chart: an image
// of the chart's size, on the first page, that is not blank.
func TestTheRenewalPDFCarriesTheChangeByPlanChart(t *testing.T) {
	for _, tool := range []string{"pdfimages", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	c := testComparison(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "renewal.pdf")
	if err := renewal.WriteFile(path, c); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 { // two header lines and the chart
		t.Fatalf("pdfimages lists:\n%s", out)
	}
	f := strings.Fields(lines[2])
	if f[0] != "1" || f[3] != "1200" {
		t.Fatalf("the chart is not on page 1 at its full width: %s", lines[2])
	}
	if err := exec.Command("pdfimages", "-png", path, filepath.Join(dir, "img")).Run(); err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(filepath.Join(dir, "img-000.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[color.Color]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			colours[img.At(x, y)] = true
		}
	}
	if len(colours) < 8 {
		t.Errorf("the chart has %d colours: blank", len(colours))
	}
}
