package invoice_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/invoice"
	"github.com/xuri/excelize/v2"
)

// testStatement is March's invoice of a California bakery: three named
// families with diacritics and 60 more, so the lines run over pages, and
// a retroactive add and termination.
func testStatement() *invoice.Statement {
	g := model.Group{ID: "g", Number: "GRP-300", Name: "Łódź Bakery LLC", Address: model.Address{Line1: "1950 Broadway", City: "Oakland",
		State: "CA", ZIP: "94612"}}
	p := model.PeriodOf(model.MustDate("2026-03-01"))
	line := func(id, name string, tier model.Tier, covered int, amount model.Money) model.InvoiceLine {
		return model.InvoiceLine{Kind: model.LineCurrent, Month: p, SubscriberID: id, MemberID: id, EmployeeID: "E-" + id, Name: name,
			Relationship: model.RelEmployee, PlanID: "GOLD", PlanName: "Gold 80 HMO", Tier: tier, Covered: covered, Amount: amount}
	}
	inv := &model.Invoice{ID: "inv", GroupID: "g", Number: "GRP-300-202603", Period: p, IssuedOn: model.MustDate("2026-02-01"),
		DueOn: model.MustDate("2026-02-20"), Status: model.InvoiceOpen, PreviousBalance: 192200, PaymentsReceived: 182200,
		Lines: []model.InvoiceLine{line("1", "Müller, Zoë", model.TierEE, 1, 72200), line("2", "Nguyễn, Thị Hương", model.TierFAM, 4, 180000),
			line("3", "Wiśniewska, Łucja", model.TierES, 2, 120000)}}
	for i := range 60 {
		inv.Lines = append(inv.Lines, line(fmt.Sprint(100+i), fmt.Sprintf("Ortiz, Member %02d", i), model.TierEE, 1, 61000))
	}
	inv.Retro = []model.InvoiceLine{
		{Kind: model.LineAdd, Month: p.Add(-2), SubscriberID: "1", MemberID: "k", Name: "Müller, Kai", Relationship: model.RelChild,
			PlanID: "GOLD", PlanName: "Gold 80 HMO", Tier: model.TierEC, Amount: 31700, Note: "Added: covered from 01/01/2026"},
		{Kind: model.LineTerm, Month: p.Add(-1), SubscriberID: "3", MemberID: "3s", Name: "Wiśniewska, Ada", Relationship: model.RelSpouse,
			PlanID: "GOLD", PlanName: "Gold 80 HMO", Tier: model.TierES, Amount: -58000, Note: "Coverage ended 01/31/2026"}}
	for _, l := range inv.Lines {
		inv.Current += l.Amount
		inv.Members += l.Covered
	}
	inv.RetroTotal = 31700 - 58000
	inv.LineCount, inv.RetroCount, inv.Subscribers = len(inv.Lines), len(inv.Retro), len(inv.Lines)
	inv.AmountDue = inv.PreviousBalance - inv.PaymentsReceived + inv.Current + inv.RetroTotal
	return &invoice.Statement{Group: g, Invoice: inv, Prepared: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)}
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
}

func TestTheInvoicePDFItemizesTheBillWithTheCaliforniaWording(t *testing.T) {
	needTools(t, "qpdf", "pdftotext")
	s := testStatement()
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := invoice.WriteFile(path, s); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	inv := s.Invoice
	for _, want := range []string{"Invoice GRP-300-202603 — Łódź Bakery LLC", "Müller, Zoë", "Nguyễn, Thị Hương", "Wiśniewska, Łucja",
		"03/01/2026 – 03/31/2026", "Due date", "Amount due by 02/20/2026", inv.AmountDue.String(), inv.Current.String(), "-$580.00", "+$317.00",
		"Added: covered from 01/01/2026", "Coverage ended 01/31/2026", "Ortiz, Member 59", "Page 2 of",
		strings.Join(strings.Fields(invoice.CaliforniaNotice), " ")} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if body := typeSize(t, path, "Bill"); body < 9 || body > 10 {
		t.Fatalf("the body text measures %.1f points, not 9.5: the measure is off", body)
	}
	if got := typeSize(t, path, "Evidence"); got < 11.95 {
		t.Errorf("the notice is set in %.1f-point type, want at least 12", got)
	}
}

// typeSize is the size in points a word is set in: the height of its box
// as pdftotext lays the page out, over DejaVu Sans's height of 1.164 em
// (ascender 0.928, descender 0.236).
func typeSize(t *testing.T, path, word string) float64 {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">` + word + `\.?</word>`)
	m := re.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("no %q in the PDF", word)
	}
	y0, _ := strconv.ParseFloat(m[1], 64)
	y1, _ := strconv.ParseFloat(m[2], 64)
	return (y1 - y0) / 1.164
}

func TestTheInvoiceWorkbookKeepsEveryLineWithAmountsAsNumbers(t *testing.T) {
	s := testStatement()
	path := filepath.Join(t.TempDir(), "invoice.xlsx")
	if err := invoice.WriteFile(path, s); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), ","); got != "Summary,Lines,Retroactive" {
		t.Fatalf("sheets %s", got)
	}
	summary, _ := x.GetRows("Summary")
	for sheet, want := range map[string]string{"Summary": fmt.Sprintf("A1:B%d", len(summary)), "Lines": fmt.Sprintf("A1:K%d", len(s.Invoice.Lines)+1), "Retroactive": "A1:K3"} {
		if got, _ := x.GetSheetDimension(sheet); got != want {
			t.Errorf("the %s sheet records its used range as %s, want %s", sheet, got, want)
		}
	}
	rows, _ := x.GetRows("Lines")
	if len(rows) != len(s.Invoice.Lines)+1 || rows[2][3] != "Nguyễn, Thị Hương" {
		t.Fatalf("%d rows; row 3: %v", len(rows), rows[2])
	}
	if v, _ := x.GetCellValue("Lines", "J3", excelize.Options{RawCellValue: true}); v != "1800" {
		t.Fatalf("the family's premium cell holds %q", v)
	}
	if v, _ := x.GetCellValue("Retroactive", "J3", excelize.Options{RawCellValue: true}); v != "-580" {
		t.Fatalf("the credit cell holds %q", v)
	}
}

func TestAnInvoiceWithoutItsLinesIsNotWritten(t *testing.T) {
	s := testStatement()
	s.Invoice.Lines = nil
	if err := invoice.WriteFile(filepath.Join(t.TempDir(), "i.pdf"), s); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("an invoice whose lines were not fetched: %v", err)
	}
}

func TestTheDiscrepancyReportIsAPDFAndAWorkbook(t *testing.T) {
	needTools(t, "qpdf", "pdftotext")
	r := &model.DiscrepancyReport{Title: "Invoice GRP-300-202603 compared with the roster", GroupName: "Łódź Bakery LLC", GroupNumber: "GRP-300",
		Source: "Invoice GRP-300-202603 for March 2026", Compared: 5, Expected: 100000, Found: 103000,
		Items: []model.Discrepancy{{Kind: model.DiscWrongTier, Month: model.PeriodOf(model.MustDate("2026-03-01")), Name: "Müller, Zoë",
			Expected: "Employee + spouse/DP $1,200.00", Found: "Employee only $600.00", Amount: -60000, Detail: "Müller, Zoë is billed as Employee only"}}}
	dir := t.TempDir()
	for _, name := range []string{"r.pdf", "r.xlsx"} {
		if err := invoice.WriteDiscrepancies(filepath.Join(dir, name), r); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("qpdf", "--check", filepath.Join(dir, "r.pdf")).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	out, _ := exec.Command("pdftotext", filepath.Join(dir, "r.pdf"), "-").Output()
	for _, want := range []string{"Wrong tier", "Müller, Zoë", "-$600.00"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "r.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue("Discrepancies", "D2"); v != "Müller, Zoë" {
		t.Fatalf("the workbook's first discrepancy: %q", v)
	}
}
