package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/groupdesk/groupdesk/reports/pdf"
)

// TextOf writes doc to a file and returns pdftotext's reading of it, after
// qpdf has checked the file's structure.
func textOf(t *testing.T, doc *pdf.Doc) string {
	t.Helper()
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/install-deps.sh test installs it)", tool)
		}
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestUnicodeNamesAndRepeatedTableHeadersSurvive(t *testing.T) {
	doc := pdf.New(pdf.Options{Title: "Proposal for Łódź Bakery", Subtitle: "Effective 2027-01-01", Created: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)})
	doc.Heading("Employees")
	doc.Paragraph("Quoted for Zoë Müller, Łukasz Wójcik and Nguyễn Thị Minh Khai.")
	doc.Fields([][2]string{{"Broker", "Jürgen Öztürk"}})
	var rows [][]string
	for i := 0; i < 90; i++ {
		rows = append(rows, []string{fmt.Sprintf("Employee %02d Müller", i), fmt.Sprintf("$%d.50", 100+i)})
	}
	doc.Table(pdf.Table{Columns: []pdf.Column{{Title: "Name", Weight: 3}, {Title: "Monthly premium", Align: pdf.Right}}, Rows: rows,
		Mark: func(r, c int) bool { return r == 3 && c == 1 }})
	text := textOf(t, doc)
	for _, want := range []string{"Zoë Müller, Łukasz Wójcik and Nguyễn Thị Minh Khai", "Jürgen Öztürk", "Employee 89 Müller", "$189.50", "Page 2 of 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if n := strings.Count(text, "Monthly premium"); n < 2 {
		t.Errorf("the table header appears %d times over several pages; want it on each", n)
	}
}
