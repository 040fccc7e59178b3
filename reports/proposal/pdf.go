package proposal

import (
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/pdf"
)

func writePDF(w io.Writer, p *Proposal) error {
	doc := pdf.New(pdf.Options{Title: p.title(), Subtitle: p.subtitle(), Author: "GroupDesk", Landscape: true, Created: p.Prepared})
	doc.Heading("Summary")
	doc.Fields([][2]string{
		{"Employer", p.Prospect},
		{"Coverage effective", p.Census.Effective.US()},
		{"Census", fmt.Sprintf("%d employees and %d dependents (%s)", p.Census.Employees(), len(p.Census.People)-p.Census.Employees(), p.Source)},
		{"Employer contribution", p.Contribution.Describe() + "."},
		{"Payroll", fmt.Sprintf("%d pay periods a year", p.Contribution.PayPeriods)},
	})
	doc.Heading("Plans side by side")
	comparison(doc, p)
	doc.Note("Highlighted cells differ between the plans. Premiums are per-member age rated on the effective date " +
		"(ACA federal rules: the three oldest children under 21 are charged; ages over 64 use the 64 factor). " + model.DeductionRule)
	for i := range p.Quotes {
		employees(doc, p, &p.Quotes[i])
	}
	return doc.Write(w)
}

func comparison(doc *pdf.Doc, p *Proposal) {
	rows := model.ComparePlans(p.Census, p.Quotes, p.Contribution)
	cols := []pdf.Column{{Title: "", Weight: 2.2}}
	for _, q := range p.Quotes {
		cols = append(cols, pdf.Column{Title: q.Plan.Name, Weight: 1.4, Align: pdf.Right})
	}
	t := pdf.Table{Columns: cols, Mark: func(r, c int) bool { return c > 0 && rows[r].Differ }}
	for _, r := range rows {
		t.Rows = append(t.Rows, append([]string{r.Label}, r.Values...))
	}
	doc.Table(t)
}

func employees(doc *pdf.Doc, p *Proposal, q *model.PlanQuote) {
	doc.Heading(fmt.Sprintf("%s: cost per employee, a month", q.Plan.Name))
	if q.Err != nil {
		doc.Paragraph(model.ErrorMessage(q.Err))
		return
	}
	cost := p.Contribution.Cost(p.Census, q)
	t := pdf.Table{Columns: []pdf.Column{{Title: "Employee", Weight: 2.4}, {Title: "Coverage", Weight: 1.6}, {Title: "People", Weight: 0.6, Align: pdf.Right},
		{Title: "Premium", Align: pdf.Right, Weight: 1.2}, {Title: "Employer", Align: pdf.Right, Weight: 1.2},
		{Title: "Employee", Align: pdf.Right, Weight: 1.2}, {Title: fmt.Sprintf("Deduction (%d / year)", p.Contribution.PayPeriods), Align: pdf.Right, Weight: 1.6}}}
	for f, fc := range cost.Families {
		t.Rows = append(t.Rows, familyRow(p.Census, f, fc, p.Contribution.PayPeriods))
	}
	t.Rows = append(t.Rows, []string{"Total", "", fmt.Sprint(len(p.Census.People)), cost.Premium.String(), cost.Employer.String(), cost.Employee.String(), ""})
	last := len(t.Rows) - 1
	t.Bold = func(r int) bool { return r == last }
	doc.Table(t)
}
