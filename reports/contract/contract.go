package contract

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/pdf"
)

// Contract is what the PDF shows: a version of the group's agreement.
type Contract struct {
	Group    model.Group
	Contract *model.Contract
	Prepared time.Time // printed in the footer; fixing it makes the file the same each time
}

// WriteFile writes the contract to a .pdf file, whole or not at all.
func WriteFile(path string, c *Contract) error {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		return model.Errorf(model.EINVALID, "A contract is written as a .pdf file, not %s.", filepath.Base(path))
	}
	return atomicfile.Write(path, func(w io.Writer) error { return WritePDF(w, c) })
}

// WritePDF writes the contract as a PDF.
func WritePDF(w io.Writer, c *Contract) error {
	_, err := Render(c).WriteTo(w)
	return err
}

// Rendered is a contract laid out, ready to be written.
type Rendered struct{ doc *pdf.Doc }

// Pages is the number of pages.
func (r Rendered) Pages() int { return r.doc.Pages() }

// WriteTo writes the PDF.
func (r Rendered) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := r.doc.Write(cw)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Render lays the contract out.
func Render(c *Contract) Rendered {
	k := c.Contract
	doc := pdf.New(pdf.Options{Title: c.title(), Subtitle: c.subtitle(), Author: k.Carrier, Created: c.Prepared, Cover: true})
	doc.Cover(pdf.Cover{
		Kicker:   "GROUP HEALTH PLAN AGREEMENT",
		Title:    c.Group.Name,
		Subtitle: fmt.Sprintf("Contract version %d · %s · %s", k.Number, k.Kind.Label(), k.Period()),
		Fields:   c.coverFields(),
		Note: "This copy was printed from the contract versions the carrier keeps for the group. " +
			"Rates are monthly premiums in US dollars.",
	})
	doc.Heading("1. Parties and period")
	doc.Fields(c.parties())
	doc.Heading(fmt.Sprintf("2. Plans and rates in force (%d plans, a month)", len(k.Plans)))
	doc.Table(PlanTable(k))
	doc.Note(RatesNote)
	doc.Heading("3. Employer contribution")
	doc.Paragraph(k.Contribution.Describe() + ".")
	doc.Heading("4. Terms")
	for i, t := range k.Terms {
		doc.Subheading(fmt.Sprintf("4.%d %s", i+1, t.Heading))
		doc.Paragraph(t.Text)
	}
	if len(k.Terms) == 0 {
		doc.Paragraph("No terms beyond the carrier's standard group agreement.")
	}
	doc.Heading("5. Amendments")
	amendments(doc, k)
	doc.Heading("6. Signatures")
	doc.Table(signatureTable(k))
	return Rendered{doc: doc}
}

func (c *Contract) title() string {
	return fmt.Sprintf("Contract of %s with %s", c.Group.Name, c.Contract.Carrier)
}

func (c *Contract) subtitle() string {
	k := c.Contract
	return fmt.Sprintf("Group %s · version %d (%s) · %s", c.Group.Number, k.Number, k.Kind.Label(), k.Period())
}

func (c *Contract) coverFields() [][2]string {
	k := c.Contract
	return [][2]string{
		{"Employer", c.Group.Name},
		{"Group number", c.Group.Number},
		{"Carrier", k.Carrier},
		{"In force", k.Period()},
		{"Plans", fmt.Sprint(len(k.Plans))},
		{"Signed by", signers(k)},
	}
}

func (c *Contract) parties() [][2]string {
	k, g := c.Contract, c.Group
	addr := g.Address.String()
	pairs := [][2]string{
		{"Employer", fmt.Sprintf("%s, group %s", g.Name, g.Number)},
	}
	if addr != "" {
		pairs = append(pairs, [2]string{"Employer's address", addr})
	}
	pairs = append(pairs,
		[2]string{"Carrier", k.Carrier},
		[2]string{"Version", fmt.Sprintf("%d, %s", k.Number, k.Kind.Label())},
		[2]string{"Takes effect", k.Starts.US()},
	)
	if k.Ends.IsZero() {
		pairs = append(pairs, [2]string{"Ends", "In force until the next version"})
	} else {
		pairs = append(pairs, [2]string{"Ends", k.Ends.US()})
	}
	return pairs
}

func signers(k *model.Contract) string {
	var names []string
	for _, s := range k.Signatories {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

// RatesNote explains the rates table.
const RatesNote = "Composite-rated plans charge one rate per coverage tier for the subscriber's whole family. " +
	"Age-rated plans charge each member the age-21 base rate of the group's rating area times the factor of " +
	"their age, and the tobacco factor for tobacco users."

// Columns of the plans and rates table, repeated at the top of every page
// the table runs onto.
var Columns = []pdf.Column{{Title: "Plan code", Weight: 1.3}, {Title: "Plan", Weight: 3}, {Title: "Type", Weight: 1.1},
	{Title: "Rate", Weight: 2.2}, {Title: "Monthly", Weight: 1.1, Align: pdf.Right}}

// PlanTable is the plans and rates table: one row per rate, the plan
// named on its first.
func PlanTable(k *model.Contract) pdf.Table {
	t := pdf.Table{Columns: Columns, Carry: []int{0, 1}}
	for _, p := range k.Plans {
		for i, r := range Rates(p) {
			name, code, kind := "", "", ""
			if i == 0 {
				name, code, kind = p.Name, p.PlanID, planKind(p)
			}
			t.Rows = append(t.Rows, []string{code, name, kind, r[0], r[1]})
		}
	}
	return t
}

// Rates lists a plan's rates: label and amount.
func Rates(p model.ContractPlan) [][2]string {
	var out [][2]string
	if p.Method == model.RatingComposite {
		for _, t := range model.Tiers {
			if m, ok := p.TierRates[t]; ok {
				out = append(out, [2]string{t.Label(), m.String()})
			}
		}
		return out
	}
	out = append(out, [2]string{p.BaseRateLabel(), p.BaseRate.String()})
	if p.TobaccoFactor > 0 {
		out = append(out, [2]string{"Tobacco factor", "× " + p.TobaccoFactor.String()})
	}
	return out
}

func planKind(p model.ContractPlan) string {
	parts := []string{}
	if p.Type != "" {
		parts = append(parts, strings.ToUpper(string(p.Type)))
	}
	if p.Metal != "" {
		parts = append(parts, titleCase(string(p.Metal)))
	}
	return strings.Join(parts, " ")
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func amendments(doc *pdf.Doc, k *model.Contract) {
	if len(k.Amendments) == 0 {
		doc.Paragraph("None: this version reads as agreed.")
		return
	}
	for _, a := range k.Amendments {
		doc.Subheading(fmt.Sprintf("Amendment %d, from %s", a.Number, a.Effective.US()))
		doc.Paragraph(a.Text)
	}
}

func signatureTable(k *model.Contract) pdf.Table {
	t := pdf.Table{Columns: []pdf.Column{{Title: "For", Weight: 1}, {Title: "Name", Weight: 2}, {Title: "Title", Weight: 3},
		{Title: "Signed on", Weight: 1.1}}}
	for _, s := range k.Signatories {
		t.Rows = append(t.Rows, []string{s.Party, s.Name, s.Title, s.SignedOn.US()})
	}
	if len(k.Signatories) == 0 {
		t.Rows = append(t.Rows, []string{"", "Not signed yet", "", ""})
	}
	return t
}
